#!/usr/bin/env bash
# The main job: builds the command line and runs the Docker registry tutorial against the embedded
# fake registry (no Docker, no network). Extra arguments go to `registrykit tutorial`.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Building examples/target/registrykit.jar (the first run downloads Maven dependencies)..." >&2
# Maven's output is shown only when the build fails (quiet Maven still prints terminal resets).
if ! build_log=$(mvn -B -ntp -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
    -pl examples -am package 2>&1); then
  printf '%s\n' "$build_log" >&2
  echo "tutorial: the build failed (output above)" >&2
  exit 1
fi
# Through scripts/registrykit: the first run also prepares its start-up (class-data-sharing) archive.
exec bash scripts/registrykit tutorial "$@"
