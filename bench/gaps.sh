#!/usr/bin/env bash
# Question-gaps grouping on synthetic logs built from the knowledge base's phrasings, in one JVM.
# Usage: bench/gaps.sh [sizes…] [--old] [--long] [--meaning]   e.g. bench/gaps.sh 2000 20000; --old also times the quadratic grouping,
# --long makes every question a 200–500 character narrative, --meaning also joins groups by meaning with the bge model
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o -DskipTests package
mvn -q -o test-compile
JAVA_OPTS=${JAVA_OPTS:-"-Xms64m -Xmx256m -XX:+UseSerialGC"}
java $JAVA_OPTS -cp target/guidance-assistant.jar:target/test-classes gov.dadukou.guidance.admin.GapsBenchmark "$@"
