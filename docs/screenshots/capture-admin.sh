#!/usr/bin/env bash
# Retakes admin-team.png, admin-roles.png and admin-channels.png from the real app (GTK glass under
# Xvfb) against a demo backend it starts itself (./orqestra server --demo --no-replay, data in a
# temporary folder), after giving the demo organization a lived-in team (seed-admin-demo.py).
# Needs: apt-get install -y xvfb libgtk-3-0 imagemagick xdotool; python3; built jars
# (./mvnw -B -pl desktop-client -am package -DskipTests). Usage: docs/screenshots/capture-admin.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/docs/screenshots"
# shellcheck source=../../scripts/jdk.sh
source "$ROOT/scripts/jdk.sh"
use_jdk

PORT="${PORT:-18181}"
DATA="$(mktemp -d)"
DESKTOP="$(mktemp -d)"
ORQESTRA_DATA_DIR="$DATA" MICRONAUT_SERVER_PORT="$PORT" \
    "$JAVA_HOME/bin/java" -cp "$ROOT/cloud-backend/target/cloud-backend.jar:$ROOT/cloud-backend/target/lib/*" \
    id.orqestra.cloud.Application --demo --no-replay >"$DATA/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$DATA" "$DESKTOP"' EXIT
for _ in $(seq 1 120); do
    curl -fs "http://localhost:$PORT/health" >/dev/null 2>&1 && break
    sleep 0.5
done
python3 "$HERE/seed-admin-demo.py" "http://localhost:$PORT" "$ROOT/cloud-backend/src/main/resources/samples/meta/whatsapp"

# the owner signed in here before: the server and email are remembered, only the password is typed
printf 'theme=light\nemail=owner@demo.orqestra.test\nserver.url=http\\://localhost\\:%s\n' "$PORT" >"$DESKTOP/settings.properties"
ORQESTRA_DESKTOP_DIR="$DESKTOP" JAR="$ROOT/desktop-client/target/desktop-client.jar" OUT="$HERE" \
    xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
    "$JAVA_HOME/bin/java" -jar "$JAR" >/dev/null 2>&1 &
    app=$!
    window=""
    for _ in $(seq 1 60); do
        sleep 0.5
        window="$(xdotool search --onlyvisible --name "^Orqestra$" | head -n 1 || true)"
        [[ -n "$window" ]] && break
    done
    [[ -n "$window" ]] || { echo "capture: no Orqestra window appeared" >&2; kill "$app"; exit 1; }
    sleep 3
    xdotool windowfocus "$window"
    sleep 0.3
    xdotool type --delay 20 "orqestra-demo"   # the caret starts in the password field
    xdotool key Return
    sleep 6
    click() { xdotool mousemove --window "$window" "$1" "$2" click 1; sleep 2.5; }
    click 51 290;  import -window "$window" "$OUT/admin-team.png"      # the Admin rail entry (Team tab)
    click 236 83;  import -window "$window" "$OUT/admin-roles.png"     # the Roles tab
    click 325 83;  import -window "$window" "$OUT/admin-channels.png"  # the Channels tab
    kill "$app"
    wait "$app" 2>/dev/null || true
'
echo "wrote $HERE/admin-team.png, admin-roles.png, admin-channels.png"
