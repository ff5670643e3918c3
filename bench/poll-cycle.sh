#!/bin/sh
# One poll cycle of the agent core (thresholds and alarms included) on the default and 409.6T profiles,
# then the agent's CPU share and heap in real time at default settings under -Xmx64m.
# Usage: bench/poll-cycle.sh [seconds of the CPU measurement, default 30]   (from the repository root)
set -e
mvn -B -q -pl agent -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec java -Xmx64m -cp "agent/target/test-classes:agent/target/classes:hal-sim/target/classes:$(cat agent/target/bench-classpath.txt)" \
  dev.cpo.agent.bench.PollCycleBenchmark "$@"
