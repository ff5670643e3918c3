#!/bin/sh
# SPEC.md's performance table, measured in one run with the anchors beside ours: builds the executable
# jar, then runs `java -jar agent/target/cpo-agent.jar bench [--quick] [--json FILE]` (see docs/benchmark.md).
# Usage: bench/bench.sh [--quick] [--json FILE]   (from anywhere; not part of mvn verify)
# JFR of the in-process part: JAVA_OPTS="-XX:StartFlightRecording=filename=target/bench.jfr" bench/bench.sh
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o -pl agent -am -DskipTests package
exec java ${JAVA_OPTS:-} -jar agent/target/cpo-agent.jar bench "$@"
