#!/usr/bin/env bash
# Fault soak: a few minutes of chat and task traffic from many keys through `switchyard serve`, while the upstream
# emulator injects faults on a share of calls and clients hang up at random; then the money and the tasks are
# checked (bench/soak.py does the work and says what it checks). Rerunnable; loopback only; bounded in time.
#
#   bench/soak.sh                 # build release (.build-release), then 180 s of traffic and the checks
#
# Environment (all optional):
#   DURATION=180      seconds of traffic
#   CONCURRENCY=32    clients sending at once
#   KEYS=30           customer keys (a third unlimited, a third on a tight quota, a third spending a user's balance)
#   FAULT_RATE=0.2    share of upstream calls that get a fault (every fault kind, drawn with SEED)
#   HANGUP_RATE=0.1   share of clients that hang up (half before the answer's head, half after its first bytes)
#   SEED=1            seed of the traffic and of the emulator's fault draws
#   JSON_OUT=path     also write the figures as JSON
#   SKIP_BUILD=1      use the existing .build-release/release/switchyard
#   SWITCHYARD_BIN    soak this binary instead (implies SKIP_BUILD)
# Exits 0 when every check passed, 1 when one failed, 2 when the setup failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ -n "${SWITCHYARD_BIN:-}" ]]; then
    BIN="$SWITCHYARD_BIN"
else
    BIN="$ROOT/.build-release/release/switchyard"
    if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
        echo "soak: swift build -c release --scratch-path .build-release (the first build takes ~10 minutes)" >&2
        nice -n 10 swift build -c release --scratch-path .build-release >&2
    fi
fi
[[ -x "$BIN" ]] || { echo "soak: no binary at $BIN" >&2; exit 2; }

# The interop suite's venv has httpx (a dependency of the openai and anthropic SDKs).
if [[ ! -x .venv/bin/python ]]; then
    python3 -m venv .venv
fi
.venv/bin/pip install --quiet --disable-pip-version-check -r interop/requirements.txt

echo "soak: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
ARGS=(--bin "$BIN" --duration "${DURATION:-180}" --concurrency "${CONCURRENCY:-32}" --keys "${KEYS:-30}"
      --fault-rate "${FAULT_RATE:-0.2}" --hangup-rate "${HANGUP_RATE:-0.1}" --seed "${SEED:-1}")
[[ -n "${JSON_OUT:-}" ]] && ARGS+=(--json-out "$JSON_OUT")
exec .venv/bin/python bench/soak.py "${ARGS[@]}"
