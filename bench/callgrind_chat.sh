#!/usr/bin/env bash
# Instructions per relayed chat call, counted by valgrind's callgrind: unlike req/s, the count does not move with
# other work on the machine, so two binaries compare exactly. A rerunnable script, not a test.
#
#   bench/callgrind_chat.sh BIN [BIN...]     # one row per binary
#
# Environment: CALLS=300 (counted calls, after 50 uncounted warm-up calls), STREAM=0 (1: streamed calls).
# Needs valgrind (apt-get install -y valgrind), curl and python3. The emulator runs natively; only the gateway runs
# under valgrind, with collection switched on for the counted calls alone (callgrind_control -i on/off).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CALLS="${CALLS:-300}"
STREAM="${STREAM:-0}"
[[ $# -ge 1 ]] || { echo "usage: $0 BIN [BIN...]" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "bench: valgrind is missing (apt-get install -y valgrind)" >&2; exit 2; }

WORK="$(mktemp -d -t switchyard-callgrind.XXXXXX)"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
wait_http() {
    for _ in $(seq 1 600); do
        [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H 'Authorization: Bearer k' "$1" || true)" == 200 ]] && return 0
        sleep 0.25
    done
    echo "bench: $1 not ready" >&2
    return 1
}

# calls URL KEY COUNT: COUNT sequential chat calls on one kept-alive connection; fails on any non-200.
calls() {
    python3 - "$1" "$2" "$3" "$STREAM" <<'PY'
import http.client, json, sys, urllib.parse
url, key, count, stream = urllib.parse.urlparse(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
body = json.dumps({"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}], "stream": stream})
conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
for _ in range(count):
    conn.request("POST", url.path, body, {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    answer = conn.getresponse()
    data = answer.read()
    if answer.status != 200:
        sys.exit(f"HTTP {answer.status}: {data[:200]!r}")
PY
}

EMU_BIN="$1"
EMU_PORT="$(free_port)"
"$EMU_BIN" emulate --port "$EMU_PORT" >"$WORK/emulator.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$EMU_PORT/v1/models"

echo "| binary | calls | instructions per call (gateway, Ir) |"
echo "|--------|-------|--------------------------------------|"
for BIN in "$@"; do
    DATA="$WORK/data-$(basename "$BIN")"
    mkdir -p "$DATA"
    "$BIN" channel add --data "$DATA" --family openai --base-url "http://127.0.0.1:$EMU_PORT/v1" --key k --models gpt-4o-mini --name e >/dev/null
    KEY="$("$BIN" token create --data "$DATA" --name bench | tail -n 1 | tr -d '[:space:]')"
    GW_PORT="$(free_port)"
    OUT="$WORK/callgrind.out.$(basename "$BIN")"
    valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$OUT" "$BIN" serve --port "$GW_PORT" --data "$DATA" \
        >"$WORK/gateway.log" 2>&1 &
    GW_PID=$!
    PIDS+=("$GW_PID")
    wait_http "http://127.0.0.1:$GW_PORT/health"
    calls "http://127.0.0.1:$GW_PORT/v1/chat/completions" "$KEY" 50
    callgrind_control -i on "$GW_PID" >/dev/null
    calls "http://127.0.0.1:$GW_PORT/v1/chat/completions" "$KEY" "$CALLS"
    callgrind_control -i off "$GW_PID" >/dev/null
    kill -TERM "$GW_PID"
    for _ in $(seq 1 300); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.1; done
    total="$(awk '/^(summary|totals):/ {print $2; exit}' "$OUT"* 2>/dev/null || echo 0)"
    printf '| %s | %s | %s |\n' "$(basename "$BIN")" "$CALLS" "$(awk -v t="$total" -v n="$CALLS" 'BEGIN { printf "%.0f", t / n }')"
done
