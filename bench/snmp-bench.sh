#!/bin/sh
# SNMP benchmarks, printed as tables:
#  1. full-walk throughput of cpo-agent's SNMP agent beside a net-snmp snmpd started in the same run
#     (snmpbulkwalk -v2c -Cr50 of .1, numeric output, alternating between the two agents);
#  2. port state event -> linkUp/linkDown trap datagram received, p50/p99 over 1000 events.
# Usage: bench/snmp-walk.sh    (needs snmpbulkwalk and snmpd; not part of mvn verify)
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o -pl agent -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="agent/target/test-classes:agent/target/classes:$(cat agent/target/bench-classpath.txt)"
java -Xmx64m -cp "$CP" dev.cpo.agent.snmp.bench.SnmpWalkBenchmark
java -Xmx64m -cp "$CP" dev.cpo.agent.snmp.bench.TrapLatencyBenchmark
