#!/usr/bin/env bash
# Task poller benchmark: 10,000 live Luma tasks on the emulator, polled by `switchyard serve` on a fixed interval.
# Reports polls per second, how late each poll started after its task fell due, and the gateway's CPU per poll.
# A rerunnable script, not a test; loopback only; bounded (about a minute of creates, one interval, the window).
#
#   bench/task_poll_bench.sh            # build release (swift build -c release), then measure
#
# Environment (all optional):
#   TASKS=10000      live tasks
#   INTERVAL=20      seconds between two polls of a task (tasks.poll_initial_ms = tasks.poll_max_ms)
#   WINDOW=40        seconds measured, after one interval of warm-up
#   CLIENTS=16       concurrent clients creating the tasks
#   SKIP_BUILD=1     use the existing .build/release/switchyard
#   SWITCHYARD_BIN   measure this binary instead (implies SKIP_BUILD)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TASKS="${TASKS:-10000}"
INTERVAL="${INTERVAL:-20}"
WINDOW="${WINDOW:-40}"
CLIENTS="${CLIENTS:-16}"
for n in "$TASKS" "$INTERVAL" "$WINDOW" "$CLIENTS"; do
    [[ "$n" =~ ^[0-9]+$ && "$n" -ge 1 && "$n" -le 100000 ]] || { echo "bench: TASKS/INTERVAL/WINDOW/CLIENTS must be integers 1..100000" >&2; exit 2; }
done
for tool in curl python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing" >&2; exit 2; }
done

# ---- build -----------------------------------------------------------------------------------------------------
if [[ -n "${SWITCHYARD_BIN:-}" ]]; then
    BIN="$SWITCHYARD_BIN"
else
    BIN="$ROOT/.build/release/switchyard"
    if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
        echo "bench: swift build -c release --product switchyard (the first build takes ~10 minutes)" >&2
        nice -n 10 swift build -c release --product switchyard >&2
    fi
fi
[[ -x "$BIN" ]] || { echo "bench: no binary at $BIN" >&2; exit 2; }

# ---- processes -------------------------------------------------------------------------------------------------
WORK="$(mktemp -d -t switchyard-task-bench.XXXXXX)"
PIDS=()
cleanup() {
    local code=$?
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ $code -ne 0 ]]; then
        for log in "$WORK"/*.log; do [[ -f "$log" ]] && { echo "---- $log ----" >&2; tail -n 20 "$log" >&2; }; done
    fi
    rm -rf "$WORK"
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# wait_http URL NAME PID: bounded wait (30 s) until URL answers 200.
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

# Steps of a day: every generation stays `queued` for the whole run.
EMU_PORT="$(free_port)"
"$BIN" emulate --port "$EMU_PORT" --step 86400 >"$WORK/emulator.log" 2>&1 &
PIDS+=($!)
EMU="http://127.0.0.1:$EMU_PORT/dream-machine/v1"
wait_http "$EMU/ping" emulator "${PIDS[-1]}"

GW_PORT="$(free_port)"
DATA="$WORK/data"
mkdir -p "$DATA"
"$BIN" channel add --data "$DATA" --family luma --base-url "$EMU" --key k --models ray-2 --name bench-emulator >/dev/null
KEY="$("$BIN" token create --data "$DATA" --name bench | tail -n 1 | tr -d '[:space:]')"
INTERVAL_MS=$((INTERVAL * 1000))
SWITCHYARD_TASKS_POLL_INITIAL_MS=$INTERVAL_MS SWITCHYARD_TASKS_POLL_MAX_MS=$INTERVAL_MS SWITCHYARD_LOG_LEVEL=warning \
    "$BIN" serve --port "$GW_PORT" --data "$DATA" >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=($GW_PID)
wait_http "http://127.0.0.1:$GW_PORT/health" gateway "$GW_PID"

echo "bench: $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
TASKS=$TASKS INTERVAL=$INTERVAL WINDOW=$WINDOW CLIENTS=$CLIENTS \
    python3 "$ROOT/bench/task_poll_bench.py" "$GW_PORT" "$GW_PID" "$DATA/switchyard.sqlite" "$KEY"
echo "| load average after (1/5/15 min) | $(cut -d' ' -f1-3 /proc/loadavg) |"
