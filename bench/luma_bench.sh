#!/usr/bin/env bash
# Luma gateway overhead benchmark: the same requests through `switchyard serve` and straight to the upstream
# emulator, measured with wrk. A rerunnable script, not a test. Loopback only; every run is bounded in time.
#
#   bench/luma_bench.sh            # build release (.build-release), then measure
#
# Environment (all optional):
#   DURATION=10      seconds per wrk run
#   THREADS=2        wrk threads
#   CONNECTIONS=32   wrk connections of the throughput runs (latency runs use 1)
#   SKIP_BUILD=1     use the existing .build-release/release/switchyard
#   SWITCHYARD_BIN   measure this binary instead (implies SKIP_BUILD)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DURATION="${DURATION:-10}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
LUA="$ROOT/bench/luma_post.lua"
MODELS="ray-2,ray-flash-2,ray-1-6,photon-1,photon-flash-1"
CREATE_BODY='{"prompt":"A paper boat drifting down a rain-soaked gutter","model":"ray-2","aspect_ratio":"16:9"}'

for n in "$DURATION" "$THREADS" "$CONNECTIONS"; do
    [[ "$n" =~ ^[0-9]+$ && "$n" -ge 1 && "$n" -le 1000 ]] || { echo "bench: DURATION/THREADS/CONNECTIONS must be integers 1..1000" >&2; exit 2; }
done

# ---- tools ---------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "bench: installing wrk" >&2
        apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    else
        echo "bench: wrk is missing (apt-get install -y wrk)" >&2
        exit 2
    fi
fi
for tool in curl python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing" >&2; exit 2; }
done

# ---- build -----------------------------------------------------------------------------------------------------
if [[ -n "${SWITCHYARD_BIN:-}" ]]; then
    BIN="$SWITCHYARD_BIN"
else
    BIN="$ROOT/.build-release/release/switchyard"
    if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
        echo "bench: swift build -c release --scratch-path .build-release (the first build takes ~10 minutes)" >&2
        nice -n 10 swift build -c release --scratch-path .build-release >&2
    fi
fi
[[ -x "$BIN" ]] || { echo "bench: no binary at $BIN" >&2; exit 2; }

LOAD_BEFORE="$(cut -d' ' -f1 /proc/loadavg)"

# ---- processes -------------------------------------------------------------------------------------------------
WORK="$(mktemp -d -t switchyard-bench.XXXXXX)"
PIDS=()

cleanup() {
    local code=$?
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ $code -ne 0 ]]; then
        for log in "$WORK"/*.log; do
            [[ -f "$log" ]] && { echo "---- $log ----" >&2; tail -n 20 "$log" >&2; }
        done
    fi
    rm -rf "$WORK"
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# wait_http URL NAME PID: bounded wait (30 s) until URL answers 200 (with a Bearer key: the emulator wants one).
wait_http() {
    local url="$1" name="$2" pid="$3"
    for _ in $(seq 1 120); do
        kill -0 "$pid" 2>/dev/null || { echo "bench: $name exited during startup" >&2; return 1; }
        [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -H 'Authorization: Bearer k' "$url" || true)" == 200 ]] && return 0
        sleep 0.25
    done
    echo "bench: $name not ready after 30 s" >&2
    return 1
}

EMU_PORT="$(free_port)"
"$BIN" emulate --port "$EMU_PORT" --step 0.2 >"$WORK/emulator.log" 2>&1 &
PIDS+=($!)
EMU="http://127.0.0.1:$EMU_PORT/dream-machine/v1"
wait_http "$EMU/ping" emulator "${PIDS[-1]}"

GW_PORT="$(free_port)"
DATA="$WORK/data"
mkdir -p "$DATA"
"$BIN" serve --port "$GW_PORT" --data "$DATA" >"$WORK/gateway.log" 2>&1 &
PIDS+=($!)
GW="http://127.0.0.1:$GW_PORT/dream-machine/v1"
wait_http "http://127.0.0.1:$GW_PORT/health" gateway "${PIDS[-1]}"

"$BIN" channel add --data "$DATA" --family luma --base-url "$EMU" --key k --models "$MODELS" --name bench-emulator >/dev/null
KEY="$("$BIN" token create --data "$DATA" --name bench | tail -n 1 | tr -d '[:space:]')"

# A second gateway whose first poll of a task comes ten minutes after its create: its create rows measure the create
# alone (validate, price, hold + task row in one durable commit, submit, record the upstream id), while the first
# gateway's also carry the polling of every task created before (each poll is an upstream call and a write).
QUIET_PORT="$(free_port)"
QUIET_DATA="$WORK/data-quiet"
mkdir -p "$QUIET_DATA"
SWITCHYARD_TASKS_POLL_INITIAL_MS=600000 "$BIN" serve --port "$QUIET_PORT" --data "$QUIET_DATA" >"$WORK/gateway-quiet.log" 2>&1 &
PIDS+=($!)
QUIET="http://127.0.0.1:$QUIET_PORT/dream-machine/v1"
wait_http "http://127.0.0.1:$QUIET_PORT/health" "quiet gateway" "${PIDS[-1]}"
"$BIN" channel add --data "$QUIET_DATA" --family luma --base-url "$EMU" --key k --models "$MODELS" --name bench-emulator >/dev/null
QUIET_KEY="$("$BIN" token create --data "$QUIET_DATA" --name bench | tail -n 1 | tr -d '[:space:]')"
UPSTREAM_KEY=k

# create BASE KEY: POSTs one video generation and prints its id.
create() {
    curl -sf --max-time 10 -X POST "$1/generations/video" -H "Authorization: Bearer $2" -H 'Content-Type: application/json' \
        -d "$CREATE_BODY" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'
}
GW_ID="$(create "$GW" "$KEY")"
EMU_ID="$(create "$EMU" "$UPSTREAM_KEY")"
# Both answer 200 before measuring (a 404 would be measured as fast errors).
for pair in "$GW/generations/$GW_ID|$KEY" "$EMU/generations/$EMU_ID|$UPSTREAM_KEY"; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Authorization: Bearer ${pair#*|}" "${pair%|*}")"
    [[ "$code" == 200 ]] || { echo "bench: GET ${pair%|*} answered $code" >&2; exit 1; }
done

# ---- measuring -------------------------------------------------------------------------------------------------
# to_ms VALUE: wrk's "1.23ms" / "456.00us" / "1.10s" as milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000; else if (v ~ /s$/) n = n * 1000
        printf "%.2f", n }'
}

ROWS=()
declare -A RPS

# run SCENARIO TARGET CONNECTIONS URL KEY [lua]: one wrk run, one table row.
run() {
    local scenario="$1" target="$2" conns="$3" url="$4" key="$5" script="${6:-}"
    local threads="$THREADS" out="$WORK/wrk-$scenario-$target-$conns.txt"
    ((threads > conns)) && threads="$conns"
    local args=(-t"$threads" -c"$conns" -d"${DURATION}s" --timeout 10s --latency)
    echo "bench: $scenario $target -c$conns ..." >&2
    if [[ -n "$script" ]]; then
        BENCH_KEY="$key" BENCH_BODY="$CREATE_BODY" wrk "${args[@]}" -s "$script" "$url" >"$out"
    else
        wrk "${args[@]}" -H "Authorization: Bearer $key" "$url" >"$out"
    fi
    local rps p50 p99 errors
    rps="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
    p50="$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
    p99="$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
    errors="$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$out")"
    RPS["$scenario/$target/$conns"]="$rps"
    ROWS+=("$(printf '| %-22s | %-7s | %4s | %10.0f | %8s | %8s | %6s |' "$scenario" "$target" "$conns" "$rps" "$p50" "$p99" "$errors")")
}

GET="GET generation"
POST="POST create video"
run "$GET" gateway "$CONNECTIONS" "$GW/generations/$GW_ID" "$KEY"
run "$GET" direct "$CONNECTIONS" "$EMU/generations/$EMU_ID" "$UPSTREAM_KEY"
run "$GET" gateway 1 "$GW/generations/$GW_ID" "$KEY"
run "$GET" direct 1 "$EMU/generations/$EMU_ID" "$UPSTREAM_KEY"
# Creates last: every gateway create leaves a task that the gateway then polls upstream, which loads both.
run "$POST" direct 1 "$EMU/generations/video" "$UPSTREAM_KEY" "$LUA"
run "$POST" direct "$CONNECTIONS" "$EMU/generations/video" "$UPSTREAM_KEY" "$LUA"
run "$POST" gateway 1 "$GW/generations/video" "$KEY" "$LUA"
run "$POST" gateway "$CONNECTIONS" "$GW/generations/video" "$KEY" "$LUA"
QUIETPOST="POST create, no polls"
run "$QUIETPOST" gateway 1 "$QUIET/generations/video" "$QUIET_KEY" "$LUA"
run "$QUIETPOST" gateway "$CONNECTIONS" "$QUIET/generations/video" "$QUIET_KEY" "$LUA"

ratio() { awk -v a="${RPS[$1]}" -v b="${RPS[$2]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo
echo "switchyard Luma benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), wrk -t$THREADS -d${DURATION}s, emulator --step 0.2, 1-min load before: $LOAD_BEFORE"
echo
echo "| scenario               | target  | conn |      req/s | p50 (ms) | p99 (ms) | errors |"
echo "|------------------------|---------|------|------------|----------|----------|--------|"
printf '%s\n' "${ROWS[@]}"
echo
echo "GET gateway/direct throughput ratio at -c$CONNECTIONS: $(ratio "$GET/gateway/$CONNECTIONS" "$GET/direct/$CONNECTIONS") (target >= 0.5); at -c1: $(ratio "$GET/gateway/1" "$GET/direct/1")"
echo "POST gateway/direct throughput ratio at -c$CONNECTIONS: $(ratio "$POST/gateway/$CONNECTIONS" "$POST/direct/$CONNECTIONS"); at -c1: $(ratio "$POST/gateway/1" "$POST/direct/1")"
echo "Creates alone (no polls): $(printf '%.0f' "${RPS[$QUIETPOST/gateway/1]}")/s at -c1, $(printf '%.0f' "${RPS[$QUIETPOST/gateway/$CONNECTIONS]}")/s at -c$CONNECTIONS (target >= 2000/s, p99 < 5 ms at -c1)"
