#!/usr/bin/env bash
# Retakes inbox.png and inbox-dark.png: the real app (GTK glass under Xvfb) against ./orqestra server --demo,
# signed in as the owner, with the sample conversations and one conversation open.
# Needs: apt-get install -y xvfb libgtk-3-0 imagemagick xdotool openssl curl (and fonts-symbola for emoji);
# a built backend and desktop (./mvnw -B -pl cloud-backend,desktop-client -am package -DskipTests).
# Usage: docs/screenshots/capture-inbox.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../scripts/jdk.sh
source "$ROOT/scripts/jdk.sh"
use_jdk

PORT="${PORT:-18097}"
DATA="$(mktemp -d)"
ORQESTRA_DATA_DIR="$DATA" MICRONAUT_SERVER_PORT="$PORT" "$JAVA_HOME/bin/java" \
    -cp "$ROOT/cloud-backend/target/cloud-backend.jar:$ROOT/cloud-backend/target/lib/*" id.orqestra.cloud.Application --demo \
    >"$DATA/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
    grep -q "Demo: replayed" "$DATA/server.log" 2>/dev/null && break
    sleep 0.5
done

# a few more webhooks for the conversation shown: the business's replies from its phone, their ticks, a
# customer's reaction and a failure with Meta's reason
post() {
    local field="$1" value="$2" body signature
    body="{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"318640572910384\",\"changes\":[{\"field\":\"$field\",\"value\":$value}]}]}"
    signature="sha256=$(printf '%s' "$body" | openssl dgst -sha256 -hmac demo-whatsapp-app-secret -r | cut -d' ' -f1)"
    curl -s -o /dev/null -H 'Content-Type: application/json' -H "X-Hub-Signature-256: $signature" \
        --data-binary "$body" "http://localhost:$PORT/webhooks/whatsapp"
}
now=$(date +%s)
meta='"messaging_product":"whatsapp","metadata":{"display_phone_number":"6281230004455","phone_number_id":"471209385610274"}'
budi='"contacts":[{"profile":{"name":"Budi Santoso"},"wa_id":"6285722140987"}]'
post messages "{$meta,$budi,\"messages\":[{\"from\":\"6285722140987\",\"id\":\"wamid.SHOT-P\",\"timestamp\":\"$((now - 150))\",\"type\":\"image\",\"image\":{\"id\":\"1187340092299999\",\"mime_type\":\"image/jpeg\",\"caption\":\"Ini foto label paketnya kak\"}}]}"
sleep 2   # the backend fetches the photo from the (simulated) Graph API
post smb_message_echoes "{$meta,$budi,\"message_echoes\":[{\"from\":\"6281230004455\",\"to\":\"6285722140987\",\"id\":\"wamid.SHOT-1\",\"timestamp\":\"$((now - 120))\",\"type\":\"text\",\"text\":{\"body\":\"Mohon maaf Kak Budi, kami kirim pengganti hari ini ya. Resi menyusul 🙏\"}}]}"
sleep 0.5
for status in sent delivered read; do
    post messages "{$meta,\"statuses\":[{\"id\":\"wamid.SHOT-1\",\"status\":\"$status\",\"timestamp\":\"$((now - 100))\",\"recipient_id\":\"6285722140987\"}]}"
done
post messages "{$meta,$budi,\"messages\":[{\"from\":\"6285722140987\",\"id\":\"wamid.SHOT-R\",\"timestamp\":\"$((now - 90))\",\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.SHOT-1\",\"emoji\":\"👍\"}}]}"
post smb_message_echoes "{$meta,$budi,\"message_echoes\":[{\"from\":\"6281230004455\",\"to\":\"6285722140987\",\"id\":\"wamid.SHOT-2\",\"timestamp\":\"$((now - 60))\",\"type\":\"text\",\"text\":{\"body\":\"Kak, boleh kirim foto label paketnya juga?\"}}]}"
sleep 0.5
post messages "{$meta,\"statuses\":[{\"id\":\"wamid.SHOT-2\",\"status\":\"failed\",\"timestamp\":\"$((now - 50))\",\"recipient_id\":\"6285722140987\",\"errors\":[{\"code\":131047,\"title\":\"Re-engagement message\",\"message\":\"Re-engagement message\",\"error_data\":{\"details\":\"Message failed to send because more than 24 hours have passed since the customer last replied to this number.\"}}]}]}"
sleep 1

capture() {
    local theme="$1" out="$2" dir
    dir="$(mktemp -d)"
    printf 'theme=%s\nemail=owner@demo.orqestra.test\nserver.url=http\\://localhost\\:%s\n' "$theme" "$PORT" >"$dir/settings.properties"
    ORQESTRA_DESKTOP_DIR="$dir" CP="$ROOT/desktop-client/target/desktop-client.jar:$ROOT/desktop-client/target/lib/*" OUT="$out" \
        xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
        "$JAVA_HOME/bin/java" -cp "$CP" id.orqestra.desktop.app.Launcher >/dev/null 2>&1 &
        app=$!
        window=""
        for _ in $(seq 1 60); do
            sleep 0.5
            window="$(xdotool search --onlyvisible --name "^Orqestra$" | head -n 1 || true)"
            [[ -n "$window" ]] && break
        done
        [[ -n "$window" ]] || { echo "capture: no Orqestra window appeared" >&2; kill "$app"; exit 1; }
        sleep 1.5
        xdotool windowsize --sync "$window" 1360 840
        xdotool windowmove --sync "$window" 0 0
        sleep 0.5
        xdotool windowfocus "$window"
        sleep 0.3
        xdotool type --delay 20 "orqestra-demo"
        xdotool key Return
        sleep 10                     # sign-in, snapshot, live
        xdotool key alt+Down         # opens the first (most recent) conversation
        sleep 4
        import -window "$window" "$OUT"
        kill "$app"
        wait "$app" 2>/dev/null || true
    '
    rm -rf "$dir"
    echo "wrote $out"
}

capture light "$ROOT/docs/screenshots/inbox.png"
capture dark "$ROOT/docs/screenshots/inbox-dark.png"
