#!/bin/sh
# Kept for habit: the figures this script printed are now rows of the one benchmark command
# (`cpo-agent.jar bench`, see docs/benchmark.md), which measures them all in one run beside their anchors.
# Usage: bench/fault-mqtt.sh [--quick] [--json FILE]
exec "$(dirname "$0")/bench.sh" "$@"
