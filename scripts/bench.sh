#!/usr/bin/env bash
# Benchmarks: ./orqestra bench NAME [OPTIONS]. Each prints its figures and the goals they are held to.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

name="${1:-}"
[[ $# -gt 0 ]] && shift

build() {
    (cd "$ROOT" && ./mvnw -q -B -Dmaven.test.skip=true -pl "$1" -am package) >&2
}

case "$name" in
    ingest)
        build cloud-backend
        exec "$JAVA_HOME/bin/java" -Xmx1g ${JAVA_OPTS:-} -cp "$ROOT/cloud-backend/target/cloud-backend.jar:$ROOT/cloud-backend/target/lib/*" \
            id.orqestra.cloud.bench.IngestBench "$@"
        ;;
    sync)
        # the desktop's benchmark lives in its test sources: it starts the real backend in-process
        cp_file="$ROOT/desktop-client/target/bench-classpath.txt"
        (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl desktop-client -am package dependency:build-classpath \
            -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file") >&2
        cd "$ROOT"
        classpath="$(cat "$cp_file")"
        exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} \
            -cp "$ROOT/desktop-client/target/classes:$ROOT/desktop-client/target/test-classes:$classpath" \
            id.orqestra.desktop.bench.SyncBench "$@"
        ;;
    *)
        echo "Usage: ./orqestra bench ingest [--rate N] [--seconds S] [--threads T]" >&2
        echo "       ./orqestra bench sync [--rate N] [--seconds S] [--conversations N] [--messages N] [--cache DIR]" >&2
        exit 2
        ;;
esac
