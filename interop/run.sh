#!/usr/bin/env bash
# Interop suite: the official provider SDKs as clients of a real `switchyard serve --demo`.
#
#   interop/run.sh [SWITCHYARD_BINARY] [PYTHON]
#
# Defaults: .build/debug/switchyard and .venv/bin/python (a venv with interop/requirements.txt installed).
# Run from the repository root. Exits with pytest's exit code.
set -euo pipefail

BIN="${1:-.build/debug/switchyard}"
PY="${2:-.venv/bin/python}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

[[ -x "$BIN" ]] || { echo "interop: switchyard binary not found or not executable: $BIN" >&2; exit 2; }
command -v "$PY" >/dev/null 2>&1 || [[ -x "$PY" ]] || { echo "interop: python not found: $PY" >&2; exit 2; }

DATA="$(mktemp -d -t switchyard-interop.XXXXXX)"
LOG="$DATA/serve.log"
SERVER_PID=""
S3_PID=""

cleanup() {
    local code=$?
    if [[ -n "$S3_PID" ]]; then kill -TERM "$S3_PID" 2>/dev/null || true; wait "$S3_PID" 2>/dev/null || true; fi
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ $code -ne 0 && -f "$LOG" ]]; then
        echo "---- last lines of the gateway log ($LOG) ----" >&2
        tail -n 40 "$LOG" >&2 || true
    fi
    rm -rf "$DATA"
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
URL="http://127.0.0.1:$PORT"

# An S3-compatible store (moto's server, from requirements.txt) holds the media store's copies, as object storage
# would in a deployment: every result file the suite downloads is read back from its bucket.
S3_PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
SWITCHYARD_S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
SWITCHYARD_S3_BUCKET="switchyard-media"
"$PY" -m moto.server -H 127.0.0.1 -p "$S3_PORT" >"$DATA/s3.log" 2>&1 &
S3_PID=$!
for _ in $(seq 1 120); do # 120 x 0.25 s = 30 s at most
    "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$SWITCHYARD_S3_ENDPOINT" 2>/dev/null && break
    sleep 0.25
done
"$PY" -c 'import sys, boto3; boto3.client("s3", endpoint_url=sys.argv[1], aws_access_key_id="interop", aws_secret_access_key="interop-secret", region_name="us-east-1").create_bucket(Bucket=sys.argv[2])' \
    "$SWITCHYARD_S3_ENDPOINT" "$SWITCHYARD_S3_BUCKET"
export SWITCHYARD_S3_ENDPOINT SWITCHYARD_S3_BUCKET

# Polls back off up to 1 s (default 30 s) so the demo's 3-second generations finish promptly.
SWITCHYARD_TASKS_POLL_MAX_MS=1000 SWITCHYARD_MEDIA_S3_ENDPOINT="$SWITCHYARD_S3_ENDPOINT" SWITCHYARD_MEDIA_S3_BUCKET="$SWITCHYARD_S3_BUCKET" \
    SWITCHYARD_MEDIA_S3_ACCESS_KEY_ID=interop SWITCHYARD_MEDIA_S3_SECRET_ACCESS_KEY=interop-secret \
    "$BIN" serve --demo --port "$PORT" --data "$DATA" >"$LOG" 2>&1 &
SERVER_PID=$!

ready=""
for _ in $(seq 1 240); do # 240 x 0.25 s = 60 s at most
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        echo "interop: the gateway exited during startup" >&2
        exit 1
    fi
    if grep -q '^Console: ' "$LOG" && grep -q '^Operator key: ' "$LOG" \
        && "$PY" -c 'import sys, urllib.request; sys.exit(0 if urllib.request.urlopen(sys.argv[1], timeout=2).status == 200 else 1)' \
            "$URL/health" 2>/dev/null; then
        ready=1
        break
    fi
    sleep 0.25
done
[[ -n "$ready" ]] || { echo "interop: the gateway did not become ready within 60 s" >&2; exit 1; }

SWITCHYARD_URL="$URL"
SWITCHYARD_KEY="$(sed -n 's/^Demo key: //p' "$LOG" | head -n 1 | tr -d '[:space:]')"
SWITCHYARD_OTHER_KEY="$("$BIN" token create --data "$DATA" --name other | tail -n 1 | tr -d '[:space:]')"
SWITCHYARD_POOR_KEY="$("$BIN" token create --data "$DATA" --name poor --quota 0.01 | tail -n 1 | tr -d '[:space:]')"
# One $0.01 key per chat SDK test file that spends it down, so neither depends on the other's order.
SWITCHYARD_OPENAI_POOR_KEY="$("$BIN" token create --data "$DATA" --name poor-openai --quota 0.01 | tail -n 1 | tr -d '[:space:]')"
SWITCHYARD_ANTHROPIC_POOR_KEY="$("$BIN" token create --data "$DATA" --name poor-anthropic --quota 0.01 | tail -n 1 | tr -d '[:space:]')"
# A user with a $5.00 balance and an unlimited key of theirs: the key spends from the user's balance.
BILLING_USER="$("$BIN" user create --data "$DATA" --name billing | tail -n 1 | tr -d '[:space:]')"
"$BIN" user topup "$BILLING_USER" --data "$DATA" --amount 5.00 --reference interop >/dev/null
SWITCHYARD_BILLING_KEY="$("$BIN" token create --data "$DATA" --name billing --user "$BILLING_USER" | tail -n 1 | tr -d '[:space:]')"
export SWITCHYARD_URL SWITCHYARD_KEY SWITCHYARD_OTHER_KEY SWITCHYARD_POOR_KEY SWITCHYARD_OPENAI_POOR_KEY SWITCHYARD_ANTHROPIC_POOR_KEY
export SWITCHYARD_BILLING_KEY
# The demo's administrator (its key signs in to the web console too), and an unlimited key, for schemathesis, the
# boundary tests and the browser tests.
SWITCHYARD_ADMIN_KEY="$(sed -n 's/^Operator key: //p' "$LOG" | head -n 1 | tr -d '[:space:]')"
SWITCHYARD_FUZZ_KEY="$("$BIN" token create --data "$DATA" --name fuzz | tail -n 1 | tr -d '[:space:]')"
export SWITCHYARD_ADMIN_KEY SWITCHYARD_FUZZ_KEY

echo "interop: gateway $SWITCHYARD_URL (pid $SERVER_PID, data $DATA)"
set +e
"$PY" -m pytest -v -p no:cacheprovider "$HERE"
status=$?
set -e
exit "$status"
