#!/usr/bin/env python3
"""Measures the task poller of a running gateway (driven by bench/task_poll_bench.sh, not run alone).

Creates TASKS Luma generations through the gateway's API (the emulator keeps them live: its steps are long), waits
one poll interval so every task is on its steady schedule, then measures for WINDOW seconds:
  - polls per second and the lateness of each poll after its task fell due, from the gateway's
    `switchyard_task_poll_lateness_seconds` histogram (a poll is on time when it starts within its interval);
  - the worst lateness seen, from sampling the store twice a second (the most overdue task still waiting);
  - the gateway process's CPU time (utime + stime from /proc/PID/stat) per poll;
  - that no task ended and nothing was refunded.
Prints one Markdown table.
"""
import http.client
import json
import os
import re
import sqlite3
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

GW_PORT, PID, DB, KEY = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
TASKS, INTERVAL, WINDOW, CLIENTS = (int(os.environ.get(k, d)) for k, d in
                                    (("TASKS", 10000), ("INTERVAL", 20), ("WINDOW", 40), ("CLIENTS", 16)))
BODY = json.dumps({"prompt": "A lighthouse keeper's long night", "model": "ray-2"})
HEADERS = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def create_all():
    local = threading.local()
    failures = []

    def create(_):
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection("127.0.0.1", GW_PORT, timeout=30)
        local.conn.request("POST", "/dream-machine/v1/generations/video", BODY, HEADERS)
        response = local.conn.getresponse()
        body = response.read()
        if response.status != 201:
            failures.append((response.status, body[:200]))

    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(create, range(TASKS)))
    if failures:
        raise SystemExit(f"bench: {len(failures)} creates failed, first: {failures[0]}")


def metrics():
    conn = http.client.HTTPConnection("127.0.0.1", GW_PORT, timeout=10)
    conn.request("GET", "/metrics")
    text = conn.getresponse().read().decode()
    buckets = {}
    for match in re.finditer(r'^switchyard_task_poll_lateness_seconds_bucket\{le="([^"]+)"\} (\S+)$', text, re.M):
        buckets[float(match.group(1))] = float(match.group(2))
    return buckets


def cpu_seconds():
    with open(f"/proc/{PID}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def store_sample(db):
    now = int(time.time() * 1000)
    live, = db.execute("SELECT COUNT(*) FROM tasks WHERE state IN ('queued', 'running')").fetchone()
    oldest, = db.execute(
        "SELECT MIN(next_poll_at) FROM tasks WHERE state IN ('queued', 'running') AND next_poll_at <= ? AND lease_until <= ?",
        (now, now)).fetchone()
    return live, (now - oldest if oldest is not None else 0)


def main():
    started = time.time()
    log(f"creating {TASKS} tasks with {CLIENTS} clients")
    create_all()
    created_in = time.time() - started
    log(f"created in {created_in:.1f} s; warming up for one interval ({INTERVAL} s)")
    time.sleep(INTERVAL)

    db = sqlite3.connect(f"file:{DB}?mode=ro", uri=True, timeout=10)
    before, cpu_before, t_before = metrics(), cpu_seconds(), time.time()
    worst_waiting, lives = 0, []
    while time.time() - t_before < WINDOW:
        live, overdue = store_sample(db)
        lives.append(live)
        worst_waiting = max(worst_waiting, overdue)
        time.sleep(0.5)
    after, cpu_after, t_after = metrics(), cpu_seconds(), time.time()
    refunds, = db.execute("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'refund'").fetchone()

    bounds = sorted(after)
    delta = {b: after[b] - before.get(b, 0) for b in bounds}
    polls = delta[float("inf")]
    seconds = t_after - t_before
    if polls <= 0:
        raise SystemExit("bench: no polls were measured")

    def share_within(limit):
        edge = max((b for b in bounds if b <= limit), default=None)
        return delta[edge] / polls if edge is not None else 0.0

    p99 = next(b for b in bounds if delta[b] >= 0.99 * polls)
    worst_bucket = next(b for b in bounds if delta[b] >= polls)
    cpu_ms_per_poll = (cpu_after - cpu_before) * 1000 / polls
    fmt = lambda b: "> 60 s" if b == float("inf") else (f"{b * 1000:.0f} ms" if b < 1 else f"{b:.0f} s")

    print()
    print("| measure | value |")
    print("|---|---|")
    print(f"| live tasks (min–max while measuring) | {min(lives)}–{max(lives)} |")
    print(f"| poll interval | {INTERVAL} s |")
    print(f"| tasks created through the API | {TASKS} in {created_in:.1f} s |")
    print(f"| measured window | {seconds:.0f} s |")
    print(f"| polls | {polls:.0f} ({polls / seconds:.0f}/s; {TASKS / INTERVAL:.0f}/s needed) |")
    print(f"| polls started within their interval | {share_within(INTERVAL) * 100:.2f} % |")
    print(f"| polls started within 1 s of falling due | {share_within(1) * 100:.2f} % |")
    print(f"| p99 lateness (histogram bucket) | ≤ {fmt(p99)} |")
    print(f"| max lateness (histogram bucket) | ≤ {fmt(worst_bucket)} |")
    print(f"| most overdue task seen waiting (store, sampled every 0.5 s) | {worst_waiting} ms |")
    print(f"| gateway CPU (utime+stime) | {cpu_after - cpu_before:.2f} s = {(cpu_after - cpu_before) / seconds * 100:.0f} % of a core |")
    print(f"| gateway CPU per poll | {cpu_ms_per_poll:.3f} ms |")
    print(f"| refunds | {refunds} |")


main()
