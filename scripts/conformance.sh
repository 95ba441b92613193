#!/usr/bin/env bash
# Runs the OCI distribution-spec conformance suite (github.com/opencontainers/distribution-spec,
# conformance/) against the testkit's standalone fake, over plain HTTP on loopback, with all four
# workflows enabled: pull, push, content discovery (referrers included), content management.
#
# The suite is a Go test binary; it is not part of CI, because some of its sources are not Debian
# packages. It builds with Debian 12's Go 1.19 in GOPATH mode (no module proxy):
#
#   apt-get install golang-go golang-github-onsi-ginkgo-dev golang-gomega-dev \
#     golang-github-go-resty-resty-dev golang-github-google-uuid-dev \
#     golang-github-opencontainers-go-digest-dev golang-github-opencontainers-image-spec-dev \
#     golang-github-mitchellh-mapstructure-dev golang-github-asaskevich-govalidator-dev \
#     golang-golang-x-net-dev golang-golang-x-sys-dev golang-golang-x-tools-dev \
#     golang-github-go-logr-logr-dev golang-github-google-pprof-dev
#   # then the sources Debian lacks, as git archives of these tags, under $GOPATH/src/:
#   #   github.com/opencontainers/distribution-spec  v1.1.1 (the suite)
#   #   github.com/bloodorangeio/reggie              v0.6.1 (its HTTP client)
#   #   github.com/onsi/ginkgo/v2                    v2.11.0 (Debian has ginkgo v1 only)
#   #   github.com/go-task/slim-sprig                (ginkgo v2's template functions)
#   scripts/conformance.sh --build "$GOPATH"
#
# Release v1.0.1 builds the same way with reggie v0.5.0 and Debian's ginkgo v1 (no referrers
# tests); its binary runs with this script too.
#
# Result on the fake (v1.1.1): 75 passed, 0 failed, 4 skipped: the two "no push" setup
# alternatives, the 202 follow-up of a cross-repository mount (the fake mounts: 201), and the
# "automatic content discovery disabled" mount (the fake mounts without `from` too, so
# OCI_AUTOMATIC_CROSSMOUNT=1 and the "enabled" variant runs).
#
# Usage: scripts/conformance.sh [--build GOPATH] [--suite BINARY] [--jar STANDALONE_JAR]
#   --suite defaults to target/conformance/conformance.test (where --build puts it); the jar to
#   registry-testkit/target/registry-testkit-*-standalone.jar (mvn -pl registry-testkit -am package
#   -DskipTests). The suite's reports (junit.xml, report.html) go to target/conformance/.
# Exit status: the suite's (0 when every spec passed), 2 when the suite binary is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/conformance
suite=$out/conformance.test
jar=""
gopath=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) gopath=$2; shift 2 ;;
    --suite) suite=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    *) echo "conformance: unknown argument $1" >&2; exit 64 ;;
  esac
done
mkdir -p "$out"
suite=$(realpath -m "$suite")
if [ -n "$gopath" ]; then
  (cd "$gopath/src/github.com/opencontainers/distribution-spec/conformance" &&
    GO111MODULE=off GOPATH="$(realpath "$gopath"):/usr/share/gocode" go test -c -o "$suite" .)
fi
if [ ! -x "$suite" ]; then
  echo "conformance: no suite binary at $suite; build it first (see the top of $0)" >&2
  exit 2
fi
if [ -z "$jar" ]; then
  jar=$(ls registry-testkit/target/registry-testkit-*-standalone.jar 2>/dev/null | head -1 || true)
fi
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
  echo "conformance: no standalone jar; run mvn -pl registry-testkit -am package -DskipTests" >&2
  exit 2
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -jar "$jar" --port "$port" --address 127.0.0.1 >"$out/fake.log" 2>&1 &
fake=$!
trap 'kill $fake 2>/dev/null; wait $fake 2>/dev/null || true' EXIT
for _ in $(seq 150); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/v2/" && break
  kill -0 $fake 2>/dev/null || { cat "$out/fake.log" >&2; exit 1; }
  sleep 0.2
done
cd "$out"
OCI_ROOT_URL="http://127.0.0.1:$port" \
  OCI_NAMESPACE=conformance/one \
  OCI_CROSSMOUNT_NAMESPACE=conformance/other \
  OCI_AUTOMATIC_CROSSMOUNT=1 \
  OCI_TEST_PULL=1 \
  OCI_TEST_PUSH=1 \
  OCI_TEST_CONTENT_DISCOVERY=1 \
  OCI_TEST_CONTENT_MANAGEMENT=1 \
  OCI_HIDE_SKIPPED_WORKFLOWS=0 \
  OCI_DEBUG=0 \
  timeout 600 "$suite"
