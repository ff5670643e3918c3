#!/bin/sh
# Fault -> MQTT event received latency through the whole product (as `run` composes it, embedded
# broker): laser-failure injected, alarm-raised received by an in-process Paho subscriber (QoS 1,
# cpo/v1/<switch>/events); p50/p90/p99 over N injections (default 200, after 20 warm-ups), cleared
# between injections. Goal: p99 under 50 ms.
# Usage: bench/fault-mqtt.sh [N] (from the repository root; not part of mvn verify).
# JFR: JAVA_OPTS="-XX:StartFlightRecording=filename=target/fault-mqtt.jfr" bench/fault-mqtt.sh
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o -pl agent -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx64m ${JAVA_OPTS:-} -cp "agent/target/test-classes:agent/target/classes:hal-sim/target/classes:$(cat agent/target/bench-classpath.txt)" \
  dev.cpo.agent.bench.FaultMqttLatencyBenchmark "$@"
