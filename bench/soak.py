"""Fault soak: many keys send chat and task traffic through a live gateway while the upstream emulator injects
faults on a share of calls and clients hang up at random; afterwards the money and the tasks must add up.

    python bench/soak.py --bin .build/release/switchyard --duration 180

Starts `switchyard emulate --fault-rate R` and `switchyard serve` on free ports of 127.0.0.1 (fresh data directory),
sets up channels and keys with the CLI, runs the traffic for --duration seconds (or --max-requests, whichever comes
first), waits for every task to end, then checks:

- the gateway process is still running;
- `switchyard ledger verify` is clean (skipped with "not available" when this build has no such command);
- the gauges of reserved and unwritten money (`/metrics`) are back to zero;
- every task ended or is held for reconciliation, and the money held in the store is exactly the holds of tasks
  that are still open;
- no failed call was charged: usage rows with status >= 400 cost nothing (`GET /api/log`), and no failed task
  has a settle entry in the ledger;
- the gateway's resident memory is back near where it started.

Prints the figures and exits 1 when a check fails (2 when the setup fails). Needs httpx (installed with the interop
requirements).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

import httpx

OPENAI_MODEL = "gpt-4o-mini"
ANTHROPIC_MODEL = "claude-3-5-haiku-latest"
OPENAI_MODELS = "gpt-4o,gpt-4o-mini,gpt-4.1-mini"
ANTHROPIC_MODELS = "claude-3-5-haiku-latest,claude-sonnet-4-20250514"
LUMA_MODELS = "ray-2,ray-flash-2,photon-1,photon-flash-1"
SUNO_MODELS = "chirp-v3-5,chirp-v4,chirp-auk,chirp-bluejay,chirp-crow"
LIVE_STATES = ("submitting", "queued", "running")
WORDS = "river morning light tiger snow forest neon city rain harbor violin desert orbit lantern echo".split()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid: int, field_name: str = "VmRSS") -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field_name} not found for pid {pid}")


class SetupFailed(Exception):
    """The emulator, the gateway or the CLI setup did not come up: nothing was measured."""


@dataclass
class Stats:
    """Requests sent, by scenario and outcome."""

    outcomes: collections.Counter = field(default_factory=collections.Counter)
    by_scenario: dict = field(default_factory=lambda: collections.defaultdict(collections.Counter))
    tasks: list = field(default_factory=list)  # (family, id, key) of every task the gateway accepted
    samples: dict = field(default_factory=dict)  # the first error body of each scenario and outcome
    sent: int = 0

    def count(self, scenario: str, outcome: str) -> None:
        self.outcomes[outcome] += 1
        self.by_scenario[scenario][outcome] += 1


class Soak:
    """One soak run: its processes, its traffic and its checks, in a temporary directory of its own."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.bin = os.path.abspath(args.bin)
        self.work = tempfile.mkdtemp(prefix="switchyard-soak-")
        self.data = os.path.join(self.work, "data")
        self.rng = random.Random(args.seed)
        self.processes: list[subprocess.Popen] = []
        self.stats = Stats()
        self.failures: list[str] = []
        self.figures: dict = {}

    # ---- processes and setup ----------------------------------------------------------------------------------

    def cli(self, *arguments: str) -> str:
        result = subprocess.run([self.bin, *arguments], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise SetupFailed(f"switchyard {' '.join(arguments[:2])} failed: {result.stderr.strip()[-500:]}")
        return result.stdout.strip()

    def start(self, name: str, arguments: list[str], env: dict | None = None) -> subprocess.Popen:
        log = open(os.path.join(self.work, name + ".log"), "w")
        process = subprocess.Popen([self.bin, *arguments], stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        self.processes.append(process)
        return process

    def wait_http(self, url: str, process: subprocess.Popen, what: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SetupFailed(f"{what} exited during startup (code {process.returncode})")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # it answers
            except OSError:
                time.sleep(0.1)
        raise SetupFailed(f"{what} did not answer within 60 s")

    def stop_all(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    def log_tail(self, name: str, lines: int = 30) -> str:
        try:
            with open(os.path.join(self.work, name + ".log"), errors="replace") as log:
                return "".join(log.readlines()[-lines:])
        except OSError:
            return ""

    def setup(self) -> None:
        args = self.args
        emulator_port = free_port()
        emulate = [
            "emulate", "--port", str(emulator_port), "--step", str(args.step), "--chunk-delay-ms", str(args.chunk_delay_ms),
            "--fault-rate", str(args.fault_rate), "--fault-seed", str(args.seed),
        ]
        if args.fault_mix:
            emulate += ["--fault-mix", args.fault_mix]
        self.emulator = self.start("emulator", emulate)
        emulator = f"http://127.0.0.1:{emulator_port}"
        self.wait_http(emulator + "/v1/models", self.emulator, "the emulator")

        os.makedirs(self.data)
        d = "--data=" + self.data
        self.admin_key = self.cli("admin", "init", d).splitlines()[-1].strip()
        # Two channels per family on the one emulator: a 5xx or 429 before anything was accepted fails over to the
        # other, which draws its own fault.
        for index in range(2):
            timeout = ["--timeout-ms", str(args.upstream_timeout_ms)]
            self.cli("channel", "add", d, "--name", f"luma-{index}", "--family", "luma", "--base-url", emulator + "/dream-machine/v1",
                     "--key", "soak-upstream", "--models", LUMA_MODELS, *timeout)
            self.cli("channel", "add", d, "--name", f"suno-{index}", "--family", "suno", "--base-url", emulator, "--key", "soak-upstream",
                     "--models", SUNO_MODELS, *timeout)
            self.cli("channel", "add", d, "--name", f"openai-{index}", "--family", "openai", "--base-url", emulator + "/v1",
                     "--key", "soak-upstream", "--models", OPENAI_MODELS, *timeout)
            self.cli("channel", "add", d, "--name", f"anthropic-{index}", "--family", "anthropic", "--base-url", emulator,
                     "--key", "soak-upstream", "--models", ANTHROPIC_MODELS, *timeout)
        # Three kinds of key, in turn: unlimited; a tight quota of its own; a key of a user with a small balance.
        self.keys: list[tuple[str, str]] = []
        for index in range(args.keys):
            kind = ("unlimited", "tight", "user")[index % 3]
            if kind == "unlimited":
                key = self.cli("token", "create", d, "--name", f"soak-{index}")
            elif kind == "tight":
                key = self.cli("token", "create", d, "--name", f"soak-{index}", "--quota", args.tight_quota)
            else:
                user = self.cli("user", "create", d, "--name", f"soak-user-{index}").splitlines()[-1].strip()
                self.cli("user", "topup", user, d, "--amount", args.user_balance, "--reference", f"soak-{index}")
                key = self.cli("token", "create", d, "--name", f"soak-{index}", "--user", user)
            self.keys.append((kind, key.splitlines()[-1].strip()))

        port = free_port()
        self.gateway_url = f"http://127.0.0.1:{port}"
        env = {
            "SWITCHYARD_LOG_LEVEL": "warning",
            "SWITCHYARD_UPSTREAM_TIMEOUT_MS": str(args.upstream_timeout_ms),
            "SWITCHYARD_TASKS_POLL_INITIAL_MS": "300",
            "SWITCHYARD_TASKS_POLL_MAX_MS": "1000",
            "SWITCHYARD_TASKS_SUBMIT_GRACE_MS": "5000",
            "SWITCHYARD_TASKS_SWEEP_INTERVAL_MS": "1000",
        }
        self.gateway = self.start("gateway", ["serve", "--data", self.data, "--port", str(port)], env)
        self.wait_http(self.gateway_url + "/health", self.gateway, "the gateway")

    # ---- traffic ----------------------------------------------------------------------------------------------

    def prompt(self) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(3, 12)))

    def scenario(self) -> str:
        scenarios = self.args.scenarios
        return self.rng.choices(list(scenarios), weights=list(scenarios.values()))[0]

    async def one(self, client: httpx.AsyncClient, scenario: str) -> None:
        kind, key = self.rng.choice(self.keys)
        hangup = self.rng.random()
        hangup_early = hangup < self.args.hangup_rate / 2
        hangup_mid = not hangup_early and hangup < self.args.hangup_rate
        stream = scenario.endswith("_stream")
        openai_headers = {"Authorization": f"Bearer {key}"}
        anthropic_headers = {"x-api-key": key, "anthropic-version": "2023-06-01"}
        max_tokens = self.rng.choice([16, 64, 256])
        if scenario.startswith("openai") or scenario.startswith("to_anthropic"):
            model = OPENAI_MODEL if scenario.startswith("openai") else ANTHROPIC_MODEL
            body = {"model": model, "max_tokens": max_tokens, "messages": [{"role": "user", "content": self.prompt()}]}
            if stream:
                body["stream"] = True
                body["stream_options"] = {"include_usage": True}
            method, url, headers = "POST", "/v1/chat/completions", openai_headers
        elif scenario.startswith("anthropic") or scenario.startswith("to_openai"):
            model = ANTHROPIC_MODEL if scenario.startswith("anthropic") else OPENAI_MODEL
            body = {"model": model, "max_tokens": max_tokens, "messages": [{"role": "user", "content": self.prompt()}]}
            if stream:
                body["stream"] = True
            method, url, headers = "POST", "/v1/messages", anthropic_headers
        elif scenario == "luma_create":
            body = {"prompt": self.prompt(), "model": self.rng.choice(["ray-2", "ray-flash-2"])}
            method, url, headers = "POST", "/dream-machine/v1/generations", openai_headers
        elif scenario == "suno_submit":
            body = {"prompt": self.prompt(), "mv": "chirp-v4", "title": "soak", "tags": "folk"}
            method, url, headers = "POST", "/suno/submit/music", openai_headers
        else:  # task_poll: one of the tasks created so far, with its owner's key
            if not self.stats.tasks:
                return
            family, task_id, key = self.rng.choice(self.stats.tasks)
            body = None
            method, headers = "GET", {"Authorization": f"Bearer {key}"}
            url = f"/dream-machine/v1/generations/{task_id}" if family == "luma" else f"/suno/fetch/{task_id}"

        self.stats.sent += 1
        request = client.build_request(method, url, json=body, headers=headers)
        try:
            if hangup_early:
                # Gone before the answer's head: the request was sent, the client hangs up a moment later (at once,
                # or after a while, which only a slow answer outlasts: the gateway is then waiting on the upstream).
                wait = self.rng.uniform(0.001, 0.03) if self.rng.random() < 0.5 else self.rng.uniform(0.2, 2.0)
                try:
                    response = await asyncio.wait_for(client.send(request, stream=True), timeout=wait)
                except asyncio.TimeoutError:
                    self.stats.count(scenario, "client hung up before headers")
                    return
                await response.aclose()
                self.stats.count(scenario, f"{response.status_code}, the client left after the head")
                return
            response = await client.send(request, stream=True)
            try:
                if hangup_mid:
                    async for _ in response.aiter_raw():
                        break  # the first bytes, then gone
                    self.stats.count(scenario, "client hung up mid-body")
                    return
                content = await response.aread()
            finally:
                await response.aclose()
            outcome = str(response.status_code)
            if response.status_code == 200 and not stream and scenario != "task_poll" and not self.is_json(content):
                # An upstream's unreadable success passed on as a success (see the note printed after the run).
                outcome = "200 with a body that is not JSON"
            if response.status_code >= 400:
                outcome += f" {self.reason(content)}"
            self.stats.count(scenario, outcome)
            if response.status_code >= 400:
                self.stats.samples.setdefault((scenario, outcome), content[:160].decode(errors="replace"))
            if response.status_code in (200, 201) and scenario in ("luma_create", "suno_submit"):
                task_id = self.task_id(scenario, content)
                if task_id:
                    self.stats.tasks.append(("luma" if scenario == "luma_create" else "suno", task_id, key))
        except httpx.TimeoutException:
            self.stats.count(scenario, "client timeout")
        except (httpx.TransportError, httpx.StreamError) as error:
            # The gateway broke a stream off (the upstream cut it): the client sees the connection end early.
            self.stats.count(scenario, f"connection ended early ({type(error).__name__})")

    # Why an error answer was given, from its message (each family words its errors in its own shape).
    REASONS = (
        ("nsufficient quota", "insufficient quota"), ("rate limiting", "upstream rate limited"),
        ("did not answer in time", "upstream timeout"), ("could not be read", "upstream answer unreadable"),
        ("could not be reached", "upstream unreachable"), ("provider failed", "upstream failed"),
    )

    @classmethod
    def reason(cls, content: bytes) -> str:
        text = content[:600].decode(errors="replace")
        return next((reason for needle, reason in cls.REASONS if needle in text), "other")

    @staticmethod
    def is_json(content: bytes) -> bool:
        try:
            json.loads(content)
            return True
        except ValueError:
            return False

    @staticmethod
    def task_id(scenario: str, content: bytes) -> str | None:
        try:
            parsed = json.loads(content)
        except ValueError:
            return None
        return parsed.get("id") if scenario == "luma_create" else parsed.get("data")

    async def traffic(self) -> None:
        deadline = time.monotonic() + self.args.duration
        limits = httpx.Limits(max_connections=self.args.concurrency * 2, max_keepalive_connections=self.args.concurrency)
        timeout = httpx.Timeout(self.args.client_timeout, connect=5.0)
        async with httpx.AsyncClient(base_url=self.gateway_url, limits=limits, timeout=timeout) as client:

            async def worker() -> None:
                while time.monotonic() < deadline and self.stats.sent < self.args.max_requests:
                    await self.one(client, self.scenario())

            async def warmed_up() -> None:
                # RSS once pools and caches have filled: growth after this point is what a leak would show.
                await asyncio.sleep(min(30.0, self.args.duration / 4))
                self.figures["rss_warm_kib"] = rss_kib(self.gateway.pid)

            await asyncio.gather(warmed_up(), *(worker() for _ in range(self.args.concurrency)))

    # ---- after the traffic ------------------------------------------------------------------------------------

    def admin(self, path: str) -> dict:
        request = urllib.request.Request(self.gateway_url + path, headers={"Authorization": f"Bearer {self.admin_key}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def admin_all(self, path: str) -> list:
        items, page = [], 1
        separator = "&" if "?" in path else "?"
        while True:
            data = self.admin(f"{path}{separator}page={page}&page_size=100")["data"]
            items += data["items"]
            if len(data["items"]) < 100:
                return items
            page += 1

    def gauges(self) -> dict:
        with urllib.request.urlopen(self.gateway_url + "/metrics", timeout=10) as response:
            text = response.read().decode()
        values = {}
        for name in ("switchyard_reserved_micros", "switchyard_unwritten_charges_micros"):
            match = re.search(rf"^{name} (\S+)$", text, re.MULTILINE)
            values[name] = float(match.group(1)) if match else None
        return values

    def upstream_outcomes(self) -> dict:
        """The gateway's count of upstream calls by family and outcome, and of failovers (from `/metrics`)."""
        with urllib.request.urlopen(self.gateway_url + "/metrics", timeout=10) as response:
            text = response.read().decode()
        counts: dict = {}
        for family, outcome, value in re.findall(
                r'^switchyard_upstream_requests_total\{family="([^"]+)",outcome="([^"]+)"\} (\S+)$', text, re.MULTILINE):
            counts.setdefault(family, {})[outcome] = int(float(value))
        failovers = sum(int(float(v)) for v in re.findall(r"^switchyard_failovers_total\{[^}]*\} (\S+)$", text, re.MULTILINE))
        return {"upstream": counts, "failovers": failovers}

    def open_tasks(self) -> tuple[set, set]:
        live = {task["id"] for state in LIVE_STATES for task in self.admin_all(f"/api/task?state={state}")}
        held = {task["id"] for task in self.admin_all("/api/reconcile")}
        return live, held

    @staticmethod
    def wait_for(seconds: float, condition) -> bool:
        """Polls `condition` every 0.25 s until it holds (True) or `seconds` have passed (False)."""
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.25)
        return True

    def check(self, name: str, ok: bool, detail: str) -> None:
        print(f"  {'ok  ' if ok else 'FAIL'} {name}: {detail}")
        if not ok:
            self.failures.append(f"{name}: {detail}")

    def verify(self) -> None:
        print("checks:")
        alive = self.gateway.poll() is None
        self.check("gateway alive", alive, "running" if alive else f"exited with {self.gateway.returncode}")
        if not alive:
            return

        print("channels after the traffic:\n  " + self.cli("channel", "list", "--data=" + self.data).replace("\n", "\n  "))
        upstream = self.upstream_outcomes()
        self.figures.update(upstream)
        print("upstream calls by outcome (the gateway's metrics): " + "; ".join(
            f"{family} " + ", ".join(f"{o} {c}" for o, c in sorted(outcomes.items())) for family, outcomes in sorted(upstream["upstream"].items()))
            + f"; failovers {upstream['failovers']}")
        started = time.monotonic()
        open_tasks: tuple[set, set] = (set(), set())

        def tasks_ended() -> bool:
            nonlocal open_tasks
            open_tasks = self.open_tasks()
            return open_tasks[0] <= open_tasks[1]

        ended = self.wait_for(self.args.task_wait, tasks_ended)
        live, held = open_tasks
        self.figures["task_wait_s"] = round(time.monotonic() - started, 1)
        self.check(
            "tasks ended or held for reconciliation", ended,
            f"{len(live - held)} still open after {self.figures['task_wait_s']} s, {len(held)} held for reconciliation")

        gauges: dict = {}

        def settled() -> bool:
            nonlocal gauges
            gauges = self.gauges()
            return all(value == 0 for value in gauges.values())

        zero = self.wait_for(20, settled)
        self.check("reservations zero", zero, ", ".join(f"{k} = {v:g}" if v is not None else f"{k} missing" for k, v in gauges.items()))

        self.ledger_verify()

        rows = self.admin_all("/api/log")
        failed = [row for row in rows if int(row["status"]) >= 400]
        charged = [row for row in failed if row["cost"] not in ("0", "0.00", "0.000000") and float(row["cost"]) != 0]
        self.figures["usage_rows"] = len(rows)
        self.figures["failed_rows"] = len(failed)
        self.check("no charge for a failed call", not charged,
                   f"{len(failed)} of {len(rows)} usage rows failed, {len(charged)} of them charged"
                   + (f" (e.g. {charged[0]})" if charged else ""))
        self.store_checks()

        # Memory: let the allocator settle, then compare with the start.
        end_rss = rss_kib(self.gateway.pid)
        peak = rss_kib(self.gateway.pid, "VmHWM")
        start_rss = self.figures["rss_start_kib"]
        self.figures.update(rss_end_kib=end_rss, rss_peak_kib=peak)
        limit = start_rss + self.args.rss_slack_mib * 1024
        warm = self.figures.get("rss_warm_kib", start_rss)
        self.check("RSS back near its start", end_rss <= limit,
                   f"start {start_rss / 1024:.1f} MiB, warmed up {warm / 1024:.1f} MiB, peak {peak / 1024:.1f} MiB, "
                   f"end {end_rss / 1024:.1f} MiB "
                   f"(limit start + {self.args.rss_slack_mib} MiB)")

    def ledger_verify(self) -> None:
        # An unknown subcommand's --help prints the top-level usage, so look for the command's own usage line.
        probe = subprocess.run([self.bin, "ledger", "verify", "--help"], capture_output=True, text=True)
        if probe.returncode != 0 or "ledger verify" not in probe.stdout:
            print("  ---- ledger verify: not available")
            self.figures["ledger_verify"] = "not available"
            return
        result = subprocess.run([self.bin, "ledger", "verify", "--data", self.data], capture_output=True, text=True, timeout=300)
        output = (result.stdout + result.stderr).strip()
        self.figures["ledger_verify"] = "clean" if result.returncode == 0 else "differences"
        self.check("ledger verify", result.returncode == 0, output.splitlines()[-1] if output else f"exit {result.returncode}")

    def store_checks(self) -> None:
        """Cross-checks read straight from the SQLite store (read-only): holds and settles against task states."""
        database = sqlite3.connect(f"file:{os.path.join(self.data, 'switchyard.sqlite')}?mode=ro", uri=True, timeout=30)
        with database:
            database.execute("BEGIN")  # one snapshot for every query below
            states = dict(database.execute("SELECT state, COUNT(*) FROM tasks GROUP BY state").fetchall())
            self.figures["tasks"] = states
            settled_failures = database.execute(
                """SELECT COUNT(*) FROM tasks t WHERE t.state = 'failed'
                   AND EXISTS (SELECT 1 FROM ledger_entries l WHERE l.reference = t.id AND l.kind = 'settle')""").fetchone()[0]
            self.check("no charge for a failed task", settled_failures == 0,
                       f"{states.get('failed', 0)} failed tasks, {settled_failures} of them settled")
            open_holds = database.execute(
                """SELECT COALESCE(SUM(h.amount_micros), 0), COUNT(*) FROM ledger_entries h WHERE h.kind = 'hold'
                   AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.reference = h.reference AND e.kind IN ('settle', 'refund'))""",
            ).fetchone()
            token_held = database.execute("SELECT COALESCE(SUM(held_micros), 0) FROM tokens").fetchone()[0]
            stranded = database.execute(
                """SELECT COUNT(*) FROM tasks t WHERE t.state IN ('succeeded', 'failed')
                    AND EXISTS (SELECT 1 FROM ledger_entries h WHERE h.reference = t.id AND h.kind = 'hold')
                    AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.reference = t.id AND e.kind IN ('settle', 'refund'))"""
            ).fetchone()[0]
            self.check("held money is the open holds", token_held == open_holds[0] and stranded == 0,
                       f"tokens hold {token_held} µ$, {open_holds[1]} open holds sum {open_holds[0]} µ$, "
                       f"{stranded} ended tasks with an open hold")
        database.close()

    # ---- the run ------------------------------------------------------------------------------------------------

    def report(self, elapsed: float) -> None:
        stats = self.stats
        print(f"traffic: {stats.sent} requests in {elapsed:.0f} s ({stats.sent / max(elapsed, 1):.0f}/s), "
              f"{len(stats.tasks)} tasks accepted, {self.args.concurrency} clients, {len(self.keys)} keys")
        print("outcomes:")
        for outcome, count in sorted(stats.outcomes.items(), key=lambda item: -item[1]):
            print(f"  {count:7d}  {outcome}")
        print("by scenario:")
        for scenario in sorted(stats.by_scenario):
            counts = stats.by_scenario[scenario]
            print(f"  {scenario:22s} " + ", ".join(f"{o}: {c}" for o, c in sorted(counts.items(), key=lambda item: -item[1])))

        print("first error answer of each kind:")
        for (scenario, outcome), body in sorted(stats.samples.items()):
            print(f"  {scenario} {outcome}: {body}")

    def run(self) -> int:
        args = self.args
        print(f"soak: {args.duration:.0f} s of traffic, fault rate {args.fault_rate}, hang-up rate {args.hangup_rate}, "
              f"seed {args.seed}, binary {self.bin}")
        try:
            self.setup()
            self.figures["rss_start_kib"] = rss_kib(self.gateway.pid)
            started = time.monotonic()
            asyncio.run(self.traffic())
            elapsed = time.monotonic() - started
            self.figures.update(requests=self.stats.sent, seconds=round(elapsed, 1), tasks_accepted=len(self.stats.tasks),
                                outcomes=dict(self.stats.outcomes))
            self.report(elapsed)
            self.verify()
        except SetupFailed as error:
            print(f"soak: setup failed: {error}", file=sys.stderr)
            print(self.log_tail("gateway"), file=sys.stderr)
            print(f"soak: data and logs kept in {self.work}", file=sys.stderr)
            return 2
        finally:
            self.stop_all()
        log = self.log_tail("gateway", 1_000_000).splitlines()
        levels = collections.Counter(
            line.split()[1] for line in log if len(line.split()) > 1 and line.split()[1] in ("warning", "error", "critical"))
        self.figures["gateway_log"] = dict(levels)
        errors = [line for line in log if len(line.split()) > 2 and line.split()[1] in ("error", "critical")]
        for line in errors[:5]:
            print(f"  gateway log: {line[:400]}")
        unreadable = self.stats.outcomes.get("200 with a body that is not JSON", 0)
        if unreadable:
            print(f"note: {unreadable} calls were answered 200 with a body that is not JSON (an upstream's garbage or "
                  "malformed success passed through untranslated); their usage rows say 200 and carry a charge")
        print("gateway log: " + (", ".join(f"{count} {level}" for level, count in sorted(levels.items())) or "quiet"))
        if args.json_out:
            with open(args.json_out, "w") as out:
                json.dump({**self.figures, "failures": self.failures}, out, indent=2)
        if self.failures:
            print("soak: FAILED", *self.failures, sep="\n  ")
            print("---- last lines of the gateway log ----\n" + self.log_tail("gateway"))
            print(f"soak: data and logs kept in {self.work}")
            return 1
        shutil.rmtree(self.work, ignore_errors=True)
        print("soak: all checks passed")
        return 0


DEFAULT_SCENARIOS = {
    "openai": 18, "openai_stream": 18, "anthropic": 9, "anthropic_stream": 9,
    "to_anthropic": 4, "to_anthropic_stream": 4, "to_openai": 4, "to_openai_stream": 4,
    "luma_create": 8, "suno_submit": 7, "task_poll": 15,
}


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=".build/release/switchyard", help="the switchyard binary")
    parser.add_argument("--duration", type=float, default=180, help="seconds of traffic")
    parser.add_argument("--max-requests", type=int, default=1_000_000, help="stop after this many requests")
    parser.add_argument("--concurrency", type=int, default=32, help="clients sending at once")
    parser.add_argument("--keys", type=int, default=30, help="customer keys (a third unlimited, a third tight, a third of users)")
    parser.add_argument("--tight-quota", default="0.02", help="quota of the tight keys, in dollars")
    parser.add_argument("--user-balance", default="3.00", help="balance of each user, in dollars")
    parser.add_argument("--fault-rate", type=float, default=0.2, help="share of upstream calls that get a fault")
    parser.add_argument("--fault-mix", default="", help="faults to draw from (default: all)")
    parser.add_argument("--hangup-rate", type=float, default=0.1, help="share of clients that hang up (half before headers)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the traffic and the emulator's faults")
    parser.add_argument("--step", type=float, default=0.3, help="emulator seconds per generation step")
    parser.add_argument("--chunk-delay-ms", type=int, default=20, help="emulator pause between streamed chunks")
    parser.add_argument("--upstream-timeout-ms", type=int, default=3000, help="the gateway's upstream deadline")
    parser.add_argument("--client-timeout", type=float, default=30, help="client seconds before giving up on a call")
    parser.add_argument("--task-wait", type=float, default=90, help="seconds to wait for tasks to end")
    parser.add_argument("--rss-slack-mib", type=int, default=64, help="allowed RSS growth from start to end")
    parser.add_argument("--json-out", help="write the figures to this file")
    args = parser.parse_args(argv)
    args.scenarios = DEFAULT_SCENARIOS
    return args


def main(argv: list[str] | None = None) -> int:
    # A TERM (a CI timeout, say) unwinds like Ctrl-C, so the emulator and the gateway are stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    return Soak(parse_arguments(argv)).run()


if __name__ == "__main__":
    sys.exit(main())
