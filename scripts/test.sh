#!/usr/bin/env bash
# The whole test suite: installs the real peers when missing, then builds every module and runs
# every test (unit, property, fuzz seed corpora, fake-registry, real-registry and skopeo interop).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-peers.sh
exec mvn -B -ntp verify "$@"
