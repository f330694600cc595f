#!/usr/bin/env bash
# Retakes the sign-in screenshots in this folder from the real app (GTK glass under Xvfb, not Monocle).
# Needs: apt-get install -y xvfb libgtk-3-0 imagemagick xdotool; a built desktop-client
# (./mvnw -B -pl desktop-client -am package -DskipTests). Usage: docs/screenshots/capture.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../scripts/jdk.sh
source "$ROOT/scripts/jdk.sh"
use_jdk

capture() {
    local theme="$1" out="$2" dir
    dir="$(mktemp -d)"
    # a remembered email and the chosen theme, as after an earlier sign-in; the server stays the default
    printf 'theme=%s\nemail=agent@demo.orqestra.test\n' "$theme" >"$dir/settings.properties"
    ORQESTRA_DESKTOP_DIR="$dir" JAR="$ROOT/desktop-client/target/desktop-client.jar" OUT="$out" \
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
        sleep 1.5
        xdotool windowfocus "$window"
        sleep 0.3
        xdotool type --delay 20 "orqestra-demo"   # the caret starts in the password field
        sleep 0.5
        import -window "$window" "$OUT"
        kill "$app"
        wait "$app" 2>/dev/null || true
    '
    rm -rf "$dir"
    echo "wrote $out"
}

capture light "$ROOT/docs/screenshots/sign-in-light.png"
capture dark "$ROOT/docs/screenshots/sign-in-dark.png"
