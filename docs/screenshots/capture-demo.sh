#!/usr/bin/env bash
# Retakes demo.png and template-picker.png: the real `./orqestra demo` (backend in the demo environment with
# the Meta simulator, and the desktop app signed in as the demo agent) under Xvfb. demo.png: the agent's
# newest conversation with a reply typed in the composer, its ticks turned read by the simulator's status
# webhooks, and the window's countdown. template-picker.png: the template picker on the same conversation,
# a template chosen and its values typed, with the preview.
# Needs: apt-get install -y xvfb libgtk-3-0 imagemagick xdotool curl (and fonts-symbola for emoji);
# a built backend and desktop (./mvnw -B -pl cloud-backend,desktop-client -am package -DskipTests).
# Usage: docs/screenshots/capture-demo.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../scripts/jdk.sh
source "$ROOT/scripts/jdk.sh"
use_jdk

export ROOT JAVA_HOME
export MICRONAUT_SERVER_PORT="${PORT:-18098}"
export ORQESTRA_DATA_DIR="$(mktemp -d)"
export OUT_DIR="$ROOT/docs/screenshots"
trap 'rm -rf "$ORQESTRA_DATA_DIR"' EXIT

xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
    "$ROOT/scripts/demo.sh" >"$ORQESTRA_DATA_DIR/demo.out" 2>&1 &
    demo=$!
    log="$ORQESTRA_DATA_DIR/demo-server.log"
    window=""
    for _ in $(seq 1 240); do
        sleep 0.5
        window="$(xdotool search --onlyvisible --name "^Orqestra$" 2>/dev/null | head -n 1 || true)"
        [[ -n "$window" ]] && break
    done
    [[ -n "$window" ]] || { echo "capture: no Orqestra window appeared" >&2; cat "$ORQESTRA_DATA_DIR/demo.out" >&2; kill "$demo"; exit 1; }
    # the replay, then the share of conversations the demo hands to the agent
    for _ in $(seq 1 120); do
        grep -q "conversations assigned to" "$log" 2>/dev/null && break
        sleep 0.5
    done
    sleep 3
    xdotool windowsize --sync "$window" 1360 840
    xdotool windowmove --sync "$window" 0 0
    sleep 1
    xdotool windowfocus "$window"
    sleep 0.3
    xdotool mousemove 1200 700    # away from the bubbles, whose actions show on hover
    xdotool key alt+Down          # opens the newest conversation; the caret goes to its composer
    sleep 2
    xdotool type --delay 25 "Baik kak, pesanan kakak kami kirim hari ini. Nomor resinya menyusul ya."
    xdotool key Return
    sleep 7                       # sent, delivered, read from the simulator
    import -window "$window" "$OUT_DIR/demo.png"

    xdotool key ctrl+shift+t      # the template picker
    sleep 2
    xdotool type --delay 25 "order_update"
    sleep 0.5
    xdotool key Return            # the first match; the caret goes to its first value
    sleep 0.8
    xdotool type --delay 25 "KS-2041"
    xdotool key Tab
    xdotool type --delay 25 "JNE"
    xdotool key Tab
    xdotool type --delay 25 "besok sore"
    sleep 1
    import -window "$window" "$OUT_DIR/template-picker.png"
    pkill -TERM -P "$demo" || true   # the desktop app, the demo script'"'"'s child; the script then stops the server
    wait "$demo" 2>/dev/null || true
'
echo "wrote $OUT_DIR/demo.png and $OUT_DIR/template-picker.png"
