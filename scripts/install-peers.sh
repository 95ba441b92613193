#!/usr/bin/env bash
# Installs the real peers the interop tests run against (docs/architecture.md, "Real peers"):
# the CNCF Distribution registry (Debian package docker-registry), skopeo, and htpasswd
# (apache2-utils) for the registry's basic-auth password file, zstd, which the layer-building
# benchmark runs beside RegistryKit's own zstd layers, umoci, which checks the OCI layouts the
# Maven plugin writes, and podman, which loads the docker-save archives RegistryKit writes.
# Idempotent: does nothing when all are present. Needs root (CI and dev machines run as root).
set -euo pipefail
missing=()
[ -x /usr/bin/docker-registry ] || missing+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
command -v zstd >/dev/null 2>&1 || missing+=(zstd)
command -v umoci >/dev/null 2>&1 || missing+=(umoci)
command -v podman >/dev/null 2>&1 || missing+=(podman)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-peers: ${missing[*]} missing and not root; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "install-peers: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
