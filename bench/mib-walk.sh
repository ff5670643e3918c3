#!/bin/sh
# Full-walk throughput of cpo-agent with all MIB modules (ENTITY, ENTITY-SENSOR, ENTITY-STATE,
# CPO-SWITCH-MIB) beside a net-snmp snmpd started in the same run (snmpbulkwalk -v2c -Cr50 of .1).
# Usage: bench/mib-walk.sh    (from the repository root; needs snmpbulkwalk and snmpd)
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o -pl agent -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx64m -cp "agent/target/test-classes:agent/target/classes:$(cat agent/target/bench-classpath.txt)" \
  dev.cpo.agent.snmp.bench.MibWalkBenchmark
