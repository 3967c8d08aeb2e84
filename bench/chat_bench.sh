#!/usr/bin/env bash
# Chat relay benchmark: POST /v1/chat/completions straight to the upstream emulator, through a bare nginx
# proxy_pass, and through `switchyard serve`, side by side in one run; then streamed completions (time to first
# byte, and many concurrent paced streams). A rerunnable script, not a test. Loopback only; every load is bounded
# in time; a trap stops every process it started.
#
#   bench/chat_bench.sh            # build release (.build-release), then measure (~2 minutes)
#
# Environment (all optional):
#   DURATION=10      seconds per wrk run
#   THREADS=2        wrk threads
#   CONNECTIONS=64   wrk connections of the throughput runs (latency runs use 1)
#   TTFB_COUNT=200   sequential streamed requests per side for time to first byte (after 20 warm-up ones)
#   STREAMS=2000     concurrent streams through the gateway (and straight to the emulator, as the reference)
#   PACE_MS=50       the paced emulator's pause between streamed content chunks (emulate --chunk-delay-ms)
#   PROFILE=1        also `perf record -g` the gateway during one more -c$CONNECTIONS run; bench/chat_profile.py
#                    prints its costs (threads, Switchyard functions inclusive, SQLite/JSON/HTTP markers, top symbols)
#   SKIP_BUILD=1     use the existing .build-release/release/switchyard
#   SWITCHYARD_BIN   measure this binary instead (implies SKIP_BUILD)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DURATION="${DURATION:-10}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
TTFB_COUNT="${TTFB_COUNT:-200}"
STREAMS="${STREAMS:-2000}"
PACE_MS="${PACE_MS:-50}"
PROFILE="${PROFILE:-0}"
LUA="$ROOT/bench/chat_post.lua"
STREAMS_PY="$ROOT/bench/chat_streams.py"
MODEL=gpt-4o-mini
# The paced emulator sits behind a second channel. Prices are keyed by the model name the client sends, so an
# alias mapped onto gpt-4o-mini is refused ("has no price configured"); the second channel serves gpt-4o instead.
PACED_MODEL=gpt-4o
# The fixed-response upstream sits behind a third channel, for a third priced model.
FIXED_MODEL=gpt-4.1-mini
BODY="{\"model\":\"$MODEL\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"
FIXED_REQUEST="{\"model\":\"$FIXED_MODEL\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"
PATH_CHAT=/v1/chat/completions

for n in "$DURATION" "$THREADS" "$CONNECTIONS" "$TTFB_COUNT" "$STREAMS" "$PACE_MS"; do
    [[ "$n" =~ ^[0-9]+$ && "$n" -ge 1 && "$n" -le 5000 ]] || {
        echo "bench: DURATION/THREADS/CONNECTIONS/TTFB_COUNT/STREAMS/PACE_MS must be integers 1..5000" >&2
        exit 2
    }
done

# ---- tools ---------------------------------------------------------------------------------------------------
for tool in wrk nginx; do
    if ! command -v "$tool" >/dev/null 2>&1 && ! [[ -x "/usr/sbin/$tool" ]]; then
        if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
            echo "bench: installing $tool" >&2
            apt-get install -y "$tool" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$tool" >/dev/null; }
        else
            echo "bench: $tool is missing (apt-get install -y $tool)" >&2
            exit 2
        fi
    fi
done
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
for tool in curl python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing" >&2; exit 2; }
done
python3 -c 'import httpx' 2>/dev/null || { echo "bench: the Python package httpx is missing (python3 -m pip install httpx)" >&2; exit 2; }
if [[ "$PROFILE" == 1 ]] && ! command -v perf >/dev/null 2>&1; then
    echo "bench: PROFILE=1 needs perf (apt-get install -y linux-perf)" >&2
    exit 2
fi

# Every stream holds a client socket and an upstream socket in the gateway: raise the descriptor limit this
# shell (and so every process it starts) may use.
NEED_FDS=$((STREAMS * 3 + 1024))
if (($(ulimit -n) < NEED_FDS)); then
    ulimit -n "$NEED_FDS" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fi
(($(ulimit -n) >= STREAMS * 2 + 256)) || echo "bench: warning: ulimit -n is $(ulimit -n), low for $STREAMS streams" >&2

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
WORK="$(mktemp -d -t switchyard-chat-bench.XXXXXX)"
PIDS=()   # every process started in the background that may still run; the trap stops them

# forget PID: drop a process that has been waited for (so the trap never signals a recycled pid).
forget() {
    local keep=() pid
    for pid in "${PIDS[@]}"; do [[ "$pid" == "$1" ]] || keep+=("$pid"); done
    PIDS=("${keep[@]}")
}

# bounded CMD...: runs a load (wrk, a Python client) in the background and waits for it, so that a TERM or INT
# reaches the trap at once instead of after the load; the trap then stops the load as well.
bounded() {
    "$@" &
    local pid=$! code=0
    PIDS+=("$pid")
    wait "$pid" || code=$?
    forget "$pid"
    return "$code"
}

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

# Unpaced emulator: the wrk runs and time to first byte.
EMU_PORT="$(free_port)"
"$BIN" emulate --port "$EMU_PORT" >"$WORK/emulator.log" 2>&1 &
EMU_PID=$!
PIDS+=("$EMU_PID")
EMU="http://127.0.0.1:$EMU_PORT"
wait_http "$EMU/v1/models" emulator "${PIDS[-1]}"

# Paced emulator: the concurrent streams (the gateway does not forward X-Emulator-Chunk-Delay-Ms).
PACED_PORT="$(free_port)"
"$BIN" emulate --port "$PACED_PORT" --chunk-delay-ms "$PACE_MS" >"$WORK/emulator-paced.log" 2>&1 &
PIDS+=($!)
PACED="http://127.0.0.1:$PACED_PORT"
wait_http "$PACED/v1/models" "paced emulator" "${PIDS[-1]}"

# A fixed-response upstream (its own nginx, one worker, `return 200` with a canned chat completion): the upstream
# then costs next to nothing, so what a proxy adds is not hidden behind the emulator's own work.
FIXED_PORT="$(free_port)"
mkdir -p "$WORK/fixed/logs" "$WORK/fixed/tmp"
chmod 0777 "$WORK/fixed/tmp"
FIXED_BODY='{"id":"chatcmpl-fixed","object":"chat.completion","created":1700000000,"model":"'"$FIXED_MODEL"'","choices":[{"index":0,"message":{"role":"assistant","content":"Hello! How can I help you today?"},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":9,"total_tokens":18}}'
cat >"$WORK/fixed/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $WORK/fixed/nginx.pid;
error_log $WORK/fixed/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/fixed/tmp/body;
    proxy_temp_path $WORK/fixed/tmp/proxy;
    fastcgi_temp_path $WORK/fixed/tmp/fastcgi;
    uwsgi_temp_path $WORK/fixed/tmp/uwsgi;
    scgi_temp_path $WORK/fixed/tmp/scgi;
    server {
        listen 127.0.0.1:$FIXED_PORT;
        keepalive_requests 1000000;
        location / {
            default_type application/json;
            return 200 '$FIXED_BODY';
        }
    }
}
EOF
"$NGINX" -c "$WORK/fixed/nginx.conf" -p "$WORK/fixed" >"$WORK/fixed.log" 2>&1 &
FIXED_PID=$!
PIDS+=("$FIXED_PID")
FIXED="http://127.0.0.1:$FIXED_PORT"
wait_http "$FIXED/v1/models" "fixed-response nginx" "${PIDS[-1]}"

# Bare nginx in front of the unpaced emulator: the reference for what a minimal proxy costs.
NGINX_PORT="$(free_port)"
NGINX_FIXED_PORT="$(free_port)"
mkdir -p "$WORK/nginx/logs" "$WORK/nginx/tmp"
chmod 0777 "$WORK/nginx/tmp"
chmod 0755 "$WORK"
cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    upstream emulator {
        server 127.0.0.1:$EMU_PORT;
        keepalive 64;
    }
    upstream fixed {
        server 127.0.0.1:$FIXED_PORT;
        keepalive 64;
    }
    server {
        listen 127.0.0.1:$NGINX_FIXED_PORT;
        location / {
            proxy_pass http://fixed;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://emulator;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
EOF
"$NGINX" -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" >"$WORK/nginx.log" 2>&1 &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
NGX="http://127.0.0.1:$NGINX_PORT"
NGX_FIXED="http://127.0.0.1:$NGINX_FIXED_PORT"
wait_http "$NGX/v1/models" nginx "${PIDS[-1]}"

GW_PORT="$(free_port)"
DATA="$WORK/data"
mkdir -p "$DATA"
"$BIN" serve --port "$GW_PORT" --data "$DATA" >"$WORK/gateway.log" 2>&1 &
GW_PID=$!
PIDS+=("$GW_PID")
GW="http://127.0.0.1:$GW_PORT"
wait_http "$GW/health" gateway "$GW_PID"

"$BIN" channel add --data "$DATA" --family openai --base-url "$EMU/v1" --key k --models "$MODEL" --name bench-emulator >/dev/null
"$BIN" channel add --data "$DATA" --family openai --base-url "$PACED/v1" --key k --models "$PACED_MODEL" --name bench-paced >/dev/null
"$BIN" channel add --data "$DATA" --family openai --base-url "$FIXED/v1" --key k --models "$FIXED_MODEL" --name bench-fixed >/dev/null
KEY="$("$BIN" token create --data "$DATA" --name bench | tail -n 1 | tr -d '[:space:]')"
UPSTREAM_KEY=k

# Every target answers 200 with a chat completion before measuring (errors would be measured as fast answers).
for pair in "$EMU|$UPSTREAM_KEY|$MODEL" "$NGX|$UPSTREAM_KEY|$MODEL" "$GW|$KEY|$MODEL" "$PACED|$UPSTREAM_KEY|$PACED_MODEL" \
    "$GW|$KEY|$PACED_MODEL" "$FIXED|$UPSTREAM_KEY|$FIXED_MODEL" "$NGX_FIXED|$UPSTREAM_KEY|$FIXED_MODEL" "$GW|$KEY|$FIXED_MODEL"; do
    IFS='|' read -r base key model <<<"$pair"
    out="$(curl -s -w '\n%{http_code}' --max-time 10 -X POST "$base$PATH_CHAT" -H "Authorization: Bearer $key" \
        -H 'Content-Type: application/json' -d "{\"model\":\"$model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}")"
    [[ "${out##*$'\n'}" == 200 && "$out" == *'"chat.completion"'* ]] || {
        echo "bench: POST $base$PATH_CHAT ($model) answered: $out" >&2
        exit 1
    }
done

# rss_kb PID FIELD: VmRSS / VmHWM of a process in kB.
rss_kb() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# ---- non-streaming: wrk ----------------------------------------------------------------------------------------
# to_ms VALUE: wrk's "1.23ms" / "456.00us" / "1.10s" as milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n = n * 60000; else if (v ~ /s$/) n = n * 1000
        printf "%.3f", n }'
}

ROWS=()
declare -A RPS P50 P99 ERR CPU
TICKS_PER_S="$(getconf CLK_TCK)"

# cpu_ticks PID...: user + system CPU ticks of these processes so far.
cpu_ticks() {
    local total=0 pid
    for pid in "$@"; do
        [[ -r "/proc/$pid/stat" ]] || continue
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo "$total"
}
# The processes whose CPU a row reports: the emulator for direct, nginx (master and workers) for nginx, the
# gateway for switchyard (not the emulator behind them, whose share is the direct row's).
own_pids() {
    case "$1" in
        direct) echo "$EMU_PID" ;;
        fixed) echo "$FIXED_PID $(pgrep -P "$FIXED_PID" | tr '\n' ' ')" ;;
        nginx | nginx-fixed) echo "$NGINX_PID $(pgrep -P "$NGINX_PID" | tr '\n' ' ')" ;;
        switchyard | sy-fixed) echo "$GW_PID" ;;
    esac
}

# run TARGET CONNECTIONS BASE KEY [BODY]: one wrk run, one table row.
run() {
    local target="$1" conns="$2" base="$3" key="$4" body="${5:-$BODY}"
    local threads="$THREADS" out="$WORK/wrk-$target-$conns.txt"
    ((threads > conns)) && threads="$conns"
    echo "bench: chat completion $target -c$conns ..." >&2
    local pids before after
    pids="$(own_pids "$target")"
    # shellcheck disable=SC2086
    before="$(cpu_ticks $pids)"
    BENCH_KEY="$key" BENCH_BODY="$body" bounded wrk -t"$threads" -c"$conns" -d"${DURATION}s" --timeout 10s --latency -s "$LUA" "$base$PATH_CHAT" >"$out"
    # shellcheck disable=SC2086
    after="$(cpu_ticks $pids)"
    local rps p50 p99 errors requests cpu_us
    rps="$(awk '/^Requests\/sec:/ {print $2}' "$out")"
    p50="$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
    p99="$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
    errors="$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$out")"
    RPS["$target/$conns"]="$rps"
    P50["$target/$conns"]="$p50"
    P99["$target/$conns"]="$p99"
    ERR["$target/$conns"]="$errors"
    requests="$(awk '/requests in/ {print $1}' "$out")"
    cpu_us="$(awk -v t=$((after - before)) -v hz="$TICKS_PER_S" -v n="$requests" 'BEGIN { if (n > 0) printf "%.0f", t / hz * 1e6 / n; else print "n/a" }')"
    CPU["$target/$conns"]="$cpu_us"
    ROWS+=("$(printf '| %-10s | %4s | %10.0f | %8s | %8s | %6s | %13s |' "$target" "$conns" "$rps" "$p50" "$p99" "$errors" "$cpu_us")")
}

for conns in "$CONNECTIONS" 1; do
    run direct "$conns" "$EMU" "$UPSTREAM_KEY"
    run nginx "$conns" "$NGX" "$UPSTREAM_KEY"
    run switchyard "$conns" "$GW" "$KEY"
    run fixed "$conns" "$FIXED" "$UPSTREAM_KEY" "$FIXED_REQUEST"
    run nginx-fixed "$conns" "$NGX_FIXED" "$UPSTREAM_KEY" "$FIXED_REQUEST"
    run sy-fixed "$conns" "$GW" "$KEY" "$FIXED_REQUEST"
done
RSS_AFTER_WRK="$(rss_kb "$GW_PID" VmRSS)"

PROFILE_OUT=""
if [[ "$PROFILE" == 1 ]]; then
    echo "bench: perf record of the gateway during one more -c$CONNECTIONS run ..." >&2
    perf record -F 999 -g -p "$GW_PID" -o "$WORK/perf.data" -- sleep "$DURATION" >"$WORK/perf.log" 2>&1 &
    PERF_PID=$!
    PIDS+=("$PERF_PID")
    BENCH_KEY="$KEY" BENCH_BODY="$BODY" bounded wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$LUA" "$GW$PATH_CHAT" >"$WORK/wrk-profile.txt"
    wait "$PERF_PID" || true
    forget "$PERF_PID"
    PROFILE_OUT="$(perf script -i "$WORK/perf.data" -F comm,tid,ip,sym,dso 2>/dev/null | python3 "$ROOT/bench/chat_profile.py" --top 12)"
fi

# ---- streaming ---------------------------------------------------------------------------------------------------
# jget FILE EXPR: one value of the JSON object in FILE (EXPR is Python over `d`).
jget() { python3 -c "import json, sys; d = json.load(open(sys.argv[1])); v = $2; print('n/a' if v is None else v)" "$1"; }

echo "bench: time to first byte, $TTFB_COUNT streamed requests each, direct and switchyard alternating ..." >&2
bounded timeout 300 python3 "$STREAMS_PY" ttfb --timeout 240 --count "$TTFB_COUNT" --model "$MODEL" \
    --url-a "$EMU$PATH_CHAT" --key-a "$UPSTREAM_KEY" --url-b "$GW$PATH_CHAT" --key-b "$KEY" >"$WORK/ttfb.json" || {
    echo "bench: ttfb run failed: $(cat "$WORK/ttfb.json")" >&2
    exit 1
}

# streams NAME BASE KEY: STREAMS concurrent paced streams; JSON in $WORK/streams-NAME.json.
streams() {
    echo "bench: $STREAMS concurrent streams, $2 (pacing $PACE_MS ms) ..." >&2
    bounded timeout 200 python3 "$STREAMS_PY" concurrent --timeout 120 --streams "$STREAMS" --model "$PACED_MODEL" \
        --url "$2$PATH_CHAT" --key "$3" >"$WORK/streams-$1.json" || true
    [[ -s "$WORK/streams-$1.json" ]] || echo '{"streams": 0, "completed": 0, "error": "client crashed"}' >"$WORK/streams-$1.json"
}
streams direct "$PACED" "$UPSTREAM_KEY"

# The gateway's resident memory, sampled every 100 ms while its streams run.
RSS_BEFORE_STREAMS="$(rss_kb "$GW_PID" VmRSS)"
( peak=0; while [[ ! -e "$WORK/streams.done" ]] && kill -0 "$GW_PID" 2>/dev/null; do
    r="$(rss_kb "$GW_PID" VmRSS)"; ((r > peak)) && peak=$r; echo "$peak" >"$WORK/rss-peak"; sleep 0.1
done ) &
SAMPLER_PID=$!
PIDS+=("$SAMPLER_PID")
streams switchyard "$GW" "$KEY"
touch "$WORK/streams.done"
wait "$SAMPLER_PID" 2>/dev/null || true
forget "$SAMPLER_PID"
RSS_AFTER="$(rss_kb "$GW_PID" VmRSS)"
RSS_PEAK="$(cat "$WORK/rss-peak" 2>/dev/null || echo 0)"
HWM="$(rss_kb "$GW_PID" VmHWM)"
CHANNELS_AFTER="$("$BIN" channel list --data "$DATA" | awk -F'\t' 'NR > 1 {printf "%s%s=%s", sep, $2, $NF; sep = ", "}')"

# ---- table -------------------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
met() { awk "BEGIN { exit !($1) }" && echo yes || echo "**no**"; }

T="$WORK/ttfb.json"
SD="$WORK/streams-direct.json"
SG="$WORK/streams-switchyard.json"
THR_RATIO="$(ratio "${RPS[switchyard/$CONNECTIONS]}" "${RPS[nginx/$CONNECTIONS]}")"
FIXED_RATIO="$(ratio "${RPS[sy-fixed/$CONNECTIONS]}" "${RPS[nginx-fixed/$CONNECTIONS]}")"
CPU_RATIO="$(ratio "${CPU[switchyard/$CONNECTIONS]}" "${CPU[nginx/$CONNECTIONS]}")"
ADDED_P99="$(minus "${P99[switchyard/1]}" "${P99[direct/1]}")"
ADDED_P50="$(minus "${P50[switchyard/1]}" "${P50[direct/1]}")"
NGINX_P99="$(minus "${P99[nginx/1]}" "${P99[direct/1]}")"
TTFB_ADDED_P99="$(minus "$(jget "$T" "d['b']['p99']")" "$(jget "$T" "d['a']['p99']")")"
TTFB_ADDED_P50="$(minus "$(jget "$T" "d['b']['p50']")" "$(jget "$T" "d['a']['p50']")")"
GW_DONE="$(jget "$SG" "d.get('completed', 0)")"
GW_GAP="$(jget "$SG" "d.get('max_gap_ms')")"
# The Python client's own scheduling stretches gaps with thousands of streams (the direct row shows how much):
# the gateway may add at most ten paces to the reference's largest gap.
DIRECT_GAP="$(jget "$WORK/streams-direct.json" "d.get('max_gap_ms')")"
GAP_LIMIT="$(awk -v d="$DIRECT_GAP" -v p="$PACE_MS" 'BEGIN { printf "%.0f", (d + 0) + p * 10 }')"
stream_row() {
    printf '| %-10s | %11s | %9s | %9s | %9s | %9s | %9s | %8s |\n' "$1" "$(jget "$2" "f\"{d.get('completed', 0)}/{d.get('streams', 0)}\"")" \
        "$(jget "$2" "d.get('max_gap_ms')")" "$(jget "$2" "(d.get('stream_max_gap_ms') or {}).get('p99')")" \
        "$(jget "$2" "(d.get('ttfb_ms') or {}).get('p50')")" "$(jget "$2" "(d.get('ttfb_ms') or {}).get('p99')")" \
        "$(jget "$2" "(d.get('stream_elapsed_ms') or {}).get('max')")" "$(jget "$2" "d.get('events_per_stream')")"
}

echo
echo "switchyard chat relay benchmark: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), 1-min load before: $LOAD_BEFORE"
echo "tree: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- Sources 2>/dev/null || echo ' + uncommitted Sources changes'), binary built $(date -u -r "$BIN" '+%H:%M UTC')"
echo "wrk -t$THREADS -d${DURATION}s, POST $PATH_CHAT $BODY; nginx $("$NGINX" -v 2>&1 | sed 's/.*nginx\///'), 2 workers, keepalive 64"
echo
echo "Non-streaming (wrk --latency):"
echo
echo "| target     | conn |      req/s | p50 (ms) | p99 (ms) | errors | CPU (µs/req) |"
echo "|------------|------|------------|----------|----------|--------|--------------|"
printf '%s\n' "${ROWS[@]}"
echo
echo "Streaming, time to first \"data:\" line, $TTFB_COUNT sequential requests per side on one kept-alive connection each (ms):"
echo
echo "| target     |   p50 |   p90 |   p99 |   max | failures |"
echo "|------------|-------|-------|-------|-------|----------|"
for side in a b; do
    name=direct; [[ $side == b ]] && name=switchyard
    printf '| %-10s | %5s | %5s | %5s | %5s | %8s |\n' "$name" "$(jget "$T" "d['$side'].get('p50')")" "$(jget "$T" "d['$side'].get('p90')")" \
        "$(jget "$T" "d['$side'].get('p99')")" "$(jget "$T" "d['$side'].get('max')")" "$(jget "$T" "d['$side']['failures']")"
done
echo
echo "$STREAMS concurrent streams, upstream pacing $PACE_MS ms between content chunks, model $PACED_MODEL (times in ms):"
echo
echo "| target     | completed   |   max gap | p99 of per-stream max gap | TTFB p50 | TTFB p99 | slowest stream | events per stream |"
echo "|------------|-------------|-----------|-----------|-----------|-----------|-----------|----------|"
stream_row direct "$SD"
stream_row switchyard "$SG"
for f in "$SD" "$SG"; do
    fails="$(jget "$f" "d.get('failures') or d.get('error')")"
    [[ "$fails" == n/a ]] || echo "  failures ($(basename "$f" .json)): $fails"
done
echo
echo "Gateway resident memory: $(mb "$RSS_AFTER_WRK") MB after the wrk runs; $(mb "$RSS_BEFORE_STREAMS") MB before the streams," \
    "peak $(mb "$RSS_PEAK") MB during, $(mb "$RSS_AFTER") MB after (VmHWM of the whole run $(mb "$HWM") MB). Channels after: $CHANNELS_AFTER"
echo
echo "| check                                              | target        | result          | met    |"
echo "|----------------------------------------------------|---------------|-----------------|--------|"
printf '| %-50s | %-13s | %-15s | %-6s |\n' "throughput switchyard / nginx at -c$CONNECTIONS" ">= 0.60" "$THR_RATIO" "$(met "$THR_RATIO >= 0.6")"
printf '| %-50s | %-13s | %-15s | %-6s |\n' "same, fixed-response upstream (sy-fixed / nginx-fixed)" ">= 0.50" "$FIXED_RATIO" "$(met "$FIXED_RATIO >= 0.5")"
printf '| %-50s | %-13s | %-15s | %-6s |\n' "gateway CPU per call / nginx's at -c$CONNECTIONS" "<= 3" "$CPU_RATIO" "$(met "$CPU_RATIO <= 3")"
printf '| %-50s | %-13s | %-15s | %-6s |\n' "added p99 at -c1 (switchyard - direct)" "< 0.3 ms" "$ADDED_P99 ms" "$(met "$ADDED_P99 < 0.3")"
printf '| %-50s | %-13s | %-15s | %-6s |\n' "added TTFB p99 (switchyard - direct)" "< 1 ms" "$TTFB_ADDED_P99 ms" "$(met "$TTFB_ADDED_P99 < 1")"
printf '| %-50s | %-13s | %-15s | %-6s |\n' "streams complete with [DONE] through switchyard" "$STREAMS/$STREAMS" "$GW_DONE/$STREAMS" "$(met "$GW_DONE == $STREAMS")"
printf '| %-50s | %-13s | %-15s | %-6s |\n' "largest gap between chunks (direct's + 10 paces)" "< $GAP_LIMIT ms" "$GW_GAP ms" \
    "$([[ "$GW_GAP" == n/a ]] && echo '**no**' || met "$GW_GAP < $GAP_LIMIT")"
printf '| %-50s | %-13s | %-15s | %-6s |\n' "gateway RSS after the streams" "< 200 MB" "$(mb "$RSS_AFTER") MB" "$(met "$RSS_AFTER < 204800")"
echo
echo "For reference: nginx adds $NGINX_P99 ms at p99 (-c1); switchyard adds $ADDED_P50 ms at p50 (-c1) and $TTFB_ADDED_P50 ms to TTFB p50;" \
    "switchyard / direct throughput at -c$CONNECTIONS: $(ratio "${RPS[switchyard/$CONNECTIONS]}" "${RPS[direct/$CONNECTIONS]}")," \
    "nginx / direct: $(ratio "${RPS[nginx/$CONNECTIONS]}" "${RPS[direct/$CONNECTIONS]}")."
if [[ -n "$PROFILE_OUT" ]]; then
    echo
    echo "perf record -g of the gateway alone during one more -c$CONNECTIONS run ($(awk '/^Requests\/sec:/ {printf "%.0f req/s", $2}' "$WORK/wrk-profile.txt") under perf):"
    echo
    echo "$PROFILE_OUT"
fi
