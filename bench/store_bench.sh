#!/usr/bin/env bash
# Store benchmark: the chat relay and Luma task creates through `switchyard serve` on SQLite and on PostgreSQL,
# side by side in one run (one emulator, one gateway per store, the same wrk loads). A rerunnable script, not a
# test. Loopback only; every load is bounded in time; a trap stops every process it started, the PostgreSQL server
# (started from Debian's packages in a temporary directory) included.
#
#   bench/store_bench.sh           # build release (.build-release), then measure (~1 minute)
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
CHAT_LUA="$ROOT/bench/chat_post.lua"
LUMA_LUA="$ROOT/bench/luma_post.lua"
CHAT_BODY='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello"}]}'
CREATE_BODY='{"prompt":"A paper boat drifting down a rain-soaked gutter","model":"ray-2","aspect_ratio":"16:9"}'

for n in "$DURATION" "$THREADS" "$CONNECTIONS"; do
    [[ "$n" =~ ^[0-9]+$ && "$n" -ge 1 && "$n" -le 1000 ]] || { echo "bench: DURATION/THREADS/CONNECTIONS must be integers 1..1000" >&2; exit 2; }
done

# ---- tools ---------------------------------------------------------------------------------------------------
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
    echo "bench: PostgreSQL is missing (apt-get install -y postgresql)" >&2
    exit 2
fi
for tool in wrk curl python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing (apt-get install -y $tool)" >&2; exit 2; }
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
WORK="$(mktemp -d -t switchyard-store-bench.XXXXXX)"
chmod 0755 "$WORK"
PIDS=()
PG_DATA="$WORK/pg/data"
# As root the server runs as the postgres user (initdb refuses root).
as_pg() { if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

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
    [[ -f "$PG_DATA/postmaster.pid" ]] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
    if [[ $code -ne 0 ]]; then
        for log in "$WORK"/*.log "$WORK"/pg/server.log; do
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

# PostgreSQL with its production defaults (fsync on), on loopback and a free port.
PG_PORT="$(free_port)"
mkdir -p "$WORK/pg"
[[ "$(id -u)" == 0 ]] && chown postgres "$WORK/pg"
as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U postgres -E UTF8 --locale=C >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=200" \
    -l "$WORK/pg/server.log" -w -t 60 start >/dev/null
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres switchyard
DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/switchyard?tlsmode=disable"

EMU_PORT="$(free_port)"
"$BIN" emulate --port "$EMU_PORT" --step 0.2 >"$WORK/emulator.log" 2>&1 &
PIDS+=($!)
EMU="http://127.0.0.1:$EMU_PORT"
wait_http "$EMU/v1/models" emulator "${PIDS[-1]}"

# start_gateway NAME STORE-OPTIONS...: one gateway, its channels and a key; sets GW_<NAME> and KEY_<NAME>.
declare -A GW KEY
start_gateway() {
    local name="$1"
    shift
    local port data="$WORK/data-$name"
    port="$(free_port)"
    mkdir -p "$data"
    "$BIN" serve --port "$port" --data "$data" "$@" >"$WORK/gateway-$name.log" 2>&1 &
    PIDS+=($!)
    wait_http "http://127.0.0.1:$port/health" "gateway ($name)" "${PIDS[-1]}"
    local store=(--data "$data" "$@")
    "$BIN" channel add "${store[@]}" --family openai --base-url "$EMU/v1" --key k --models gpt-4o-mini --name bench-chat >/dev/null
    "$BIN" channel add "${store[@]}" --family luma --base-url "$EMU/dream-machine/v1" --key k --models ray-2 --name bench-luma >/dev/null
    KEY[$name]="$("$BIN" token create "${store[@]}" --name "bench-$name" | tail -n 1 | tr -d '[:space:]')"
    GW[$name]="http://127.0.0.1:$port"
}
start_gateway sqlite
start_gateway postgres --database "$DATABASE_URL"

# ---- measuring -------------------------------------------------------------------------------------------------
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000; else if (v ~ /s$/) n = n * 1000
        printf "%.2f", n }'
}

ROWS=()
declare -A RPS

# run SCENARIO STORE CONNECTIONS URL LUA BODY: one wrk run, one table row.
run() {
    local scenario="$1" store="$2" conns="$3" url="$4" script="$5" body="$6"
    local threads="$THREADS" out="$WORK/wrk-${scenario// /_}-$store-$conns.txt"
    ((threads > conns)) && threads="$conns"
    echo "bench: $scenario $store -c$conns ..." >&2
    BENCH_KEY="${KEY[$store]}" BENCH_BODY="$body" wrk -t"$threads" -c"$conns" -d"${DURATION}s" --timeout 10s --latency -s "$script" "$url" >"$out"
    local rps p50 p99 errors
    rps="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
    p50="$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
    p99="$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
    errors="$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$out")"
    RPS["$scenario/$store/$conns"]="$rps"
    ROWS+=("$(printf '| %-18s | %-8s | %4s | %10.0f | %8s | %8s | %6s |' "$scenario" "$store" "$conns" "$rps" "$p50" "$p99" "$errors")")
}

CHAT="POST chat"
CREATE="POST create video"
for store in sqlite postgres; do
    run "$CHAT" "$store" "$CONNECTIONS" "${GW[$store]}/v1/chat/completions" "$CHAT_LUA" "$CHAT_BODY"
    run "$CHAT" "$store" 1 "${GW[$store]}/v1/chat/completions" "$CHAT_LUA" "$CHAT_BODY"
done
# Creates last: every create leaves a task that its gateway then polls.
for store in sqlite postgres; do
    run "$CREATE" "$store" 1 "${GW[$store]}/dream-machine/v1/generations/video" "$LUMA_LUA" "$CREATE_BODY"
    run "$CREATE" "$store" "$CONNECTIONS" "${GW[$store]}/dream-machine/v1/generations/video" "$LUMA_LUA" "$CREATE_BODY"
done

ratio() { awk -v a="${RPS[$1]}" -v b="${RPS[$2]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo
echo "switchyard store benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, wrk -t$THREADS -d${DURATION}s, PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on loopback (fsync on), 1-min load before: $LOAD_BEFORE"
echo
echo "| scenario           | store    | conn |      req/s | p50 (ms) | p99 (ms) | errors |"
echo "|--------------------|----------|------|------------|----------|----------|--------|"
printf '%s\n' "${ROWS[@]}"
echo
echo "PostgreSQL/SQLite throughput at -c$CONNECTIONS: chat $(ratio "$CHAT/postgres/$CONNECTIONS" "$CHAT/sqlite/$CONNECTIONS"), creates $(ratio "$CREATE/postgres/$CONNECTIONS" "$CREATE/sqlite/$CONNECTIONS")"
