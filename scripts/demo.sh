#!/usr/bin/env bash
# ./orqestra demo: the backend in the demo environment (embedded PostgreSQL, the Meta simulator, the
# sample traffic replayed) and the desktop app signed in as the demo agent. Closing the window stops
# the server. Expects JAVA_HOME and built modules (the launcher sees to both).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# the demo keeps its own data apart from a real installation's unless told otherwise
export ORQESTRA_DATA_DIR="${ORQESTRA_DATA_DIR:-$HOME/.orqestra/demo}"
PORT="${MICRONAUT_SERVER_PORT:-8080}"
export MICRONAUT_SERVER_PORT="$PORT"
mkdir -p "$ORQESTRA_DATA_DIR"
LOG="$ORQESTRA_DATA_DIR/demo-server.log"

if curl -s -o /dev/null "http://localhost:$PORT/health" 2>/dev/null; then
    echo "orqestra demo: port $PORT is already in use; stop that server or set MICRONAUT_SERVER_PORT" >&2
    exit 1
fi

echo "Starting the demo backend on http://localhost:$PORT (log: $LOG) ..."
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -cp "$ROOT/cloud-backend/target/cloud-backend.jar:$ROOT/cloud-backend/target/lib/*" \
    id.orqestra.cloud.Application --demo "$@" > "$LOG" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT

for _ in $(seq 1 240); do
    if curl -sf -o /dev/null "http://localhost:$PORT/health"; then
        break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "orqestra demo: the backend stopped while starting:" >&2
        tail -n 20 "$LOG" >&2
        exit 1
    fi
    sleep 0.5
done
if ! curl -sf -o /dev/null "http://localhost:$PORT/health"; then
    echo "orqestra demo: the backend did not answer within two minutes; see $LOG" >&2
    exit 1
fi

# the agent's first sign-in copies what they may see; wait until the replay is in and its share is theirs,
# or their first view would miss the contacts and messages of conversations handed to them afterwards
for _ in $(seq 1 120); do
    grep -qE "conversations assigned to|replay skipped|replay stopped" "$LOG" 2>/dev/null && break
    sleep 0.5
done

echo "Backend up. Opening the desktop app as agent@demo.orqestra.test (password orqestra-demo) ..."
export ORQESTRA_SERVER_URL="http://localhost:$PORT"
export ORQESTRA_SIGN_IN_EMAIL="agent@demo.orqestra.test"
export ORQESTRA_SIGN_IN_PASSWORD="orqestra-demo"
export ORQESTRA_DESKTOP_DIR="${ORQESTRA_DESKTOP_DIR:-$ORQESTRA_DATA_DIR/desktop}"
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -cp "$ROOT/desktop-client/target/desktop-client.jar:$ROOT/desktop-client/target/lib/*" \
    id.orqestra.desktop.app.Launcher
