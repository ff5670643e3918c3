#!/bin/sh
# Fault -> SNMP trap received latency through the whole product (as `run` composes it): laser-failure
# injected, cpoAlarmRaised decoded by an in-process SNMP4J receiver; p50/p90/p99 over N injections
# (default 200, after 20 warm-ups), cleared between injections. Goal: p99 under 50 ms.
# Usage: bench/fault-trap.sh [N] (from the repository root; not part of mvn verify).
# JFR: JAVA_OPTS="-XX:StartFlightRecording=filename=target/fault-trap.jfr" bench/fault-trap.sh
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o -pl agent -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx64m ${JAVA_OPTS:-} -cp "agent/target/test-classes:agent/target/classes:hal-sim/target/classes:$(cat agent/target/bench-classpath.txt)" \
  dev.cpo.agent.bench.FaultTrapLatencyBenchmark "$@"
