#!/bin/sh
# The SNMP figures: the full-walk ratio against net-snmp snmpd and fault -> trap come from the one
# benchmark command (`cpo-agent.jar bench`, see docs/benchmark.md); then the SNMP share of the trap path
# alone (port state event -> linkUp/linkDown datagram received, p50/p99 over 1000 events), a test-scope
# harness.
# Usage: bench/snmp-bench.sh [--quick]   (from anywhere; needs snmpbulkwalk and snmpd for the walk anchor)
set -eu
cd "$(dirname "$0")/.."
bench/bench.sh "$@"
mvn -B -q -o -pl agent -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx64m -cp "agent/target/test-classes:agent/target/classes:$(cat agent/target/bench-classpath.txt)" \
  dev.cpo.agent.snmp.bench.TrapLatencyBenchmark
