#!/usr/bin/env bash
# The main job: builds the command line and runs the Docker registry tutorial against the embedded
# fake registry (no Docker, no network). Extra arguments go to `registrykit tutorial`.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -pl examples -am package
exec java -jar examples/target/registrykit.jar tutorial "$@"
