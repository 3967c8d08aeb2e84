"""The short fault soak (bench/soak.py) as part of the suite: ~30 s of chat and task traffic from many keys while the
emulator injects faults on a fifth of the upstream calls and a tenth of the clients hang up, then the checks (ledger
verify when available, reservations zero, every task ended or held for reconciliation, no charge for a failed call,
RSS back near its start).

It starts its own emulator and gateway (the suite's demo gateway is not used) from the binary in SWITCHYARD_BIN, else
.build/debug/switchyard (what scripts/test builds). Its report is printed in the test output, pass or fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Traffic seconds: long enough for every fault kind and hang-up to occur many times, short enough for CI.
SOAK_SECONDS = int(os.environ.get("SWITCHYARD_SOAK_SECONDS", "30"))


def test_a_short_fault_soak_leaves_the_money_and_the_tasks_consistent(capsys) -> None:
    binary = os.environ.get("SWITCHYARD_BIN", str(ROOT / ".build" / "debug" / "switchyard"))
    assert os.access(binary, os.X_OK), f"no switchyard binary at {binary}"
    command = [
        sys.executable, str(ROOT / "bench" / "soak.py"), "--bin", binary, "--duration", str(SOAK_SECONDS),
        "--concurrency", "8", "--keys", "12", "--seed", "7",
    ]
    # Bounded: traffic, the drain of calls in flight (30 s client timeout), the task wait (90 s) and the checks.
    result = subprocess.run(command, capture_output=True, text=True, timeout=SOAK_SECONDS + 300, cwd=ROOT)
    with capsys.disabled():
        print("\n---- fault soak ----\n" + result.stdout + result.stderr)
    assert result.returncode == 0, f"the soak failed (exit {result.returncode}); its report is printed above"
