#!/usr/bin/env python3
"""Streaming clients for bench/chat_bench.sh (loopback only, every run bounded in time).

  chat_streams.py ttfb --url-a URL --key-a KEY --url-b URL --key-b KEY [--count 200] [--warmup 20]
      Sequential streamed chat completions, alternating A and B, each over its own kept-alive raw socket
      (no HTTP library in the timed path). Time to first byte = from just before the request is written to the first
      body byte that contains "data:". Prints one JSON object: {"a": {...}, "b": {...}} in milliseconds.

  chat_streams.py concurrent --url URL --key KEY [--streams 512]
      That many streamed chat completions at once (asyncio + httpx, one connection each). Checks that every
      stream answers 200, carries a usage chunk and ends with "data: [DONE]"; reports the largest gap between
      two consecutive "data:" lines of any stream and the time to the first "data:" line. Prints one JSON object.

Both take --model, --timeout (seconds for the whole command; it exits 3 past it) and --body-extra (JSON merged
into the request body).
"""

import argparse
import asyncio
import json
import socket
import ssl
import statistics
import sys
import time
from urllib.parse import urlsplit


def request_body(model: str, extra: str) -> bytes:
    body = {
        "model": model,
        "messages": [{"role": "user", "content": "Hello"}],
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    if extra:
        body.update(json.loads(extra))
    return json.dumps(body, separators=(",", ":")).encode()


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(round(p / 100 * len(ordered) + 0.5))))
    return ordered[rank - 1]


def summary_ms(values_ns):
    ms = [v / 1e6 for v in values_ns]
    return {
        "n": len(ms),
        "p50": round(percentile(ms, 50), 3),
        "p90": round(percentile(ms, 90), 3),
        "p99": round(percentile(ms, 99), 3),
        "max": round(max(ms), 3),
        "mean": round(statistics.fmean(ms), 3),
    }


# ---- ttfb: raw sockets -------------------------------------------------------------------------------------------


class RawStreamClient:
    """One kept-alive HTTP/1.1 connection that POSTs a streamed request and reads the whole (chunked) answer."""

    def __init__(self, url: str, key: str, body: bytes, deadline: float):
        parts = urlsplit(url)
        self.host, self.port, self.path = parts.hostname, parts.port or 80, parts.path
        self.deadline = deadline
        self.request = (
            f"POST {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: application/json\r\n"
            f"Accept: text/event-stream\r\nAuthorization: Bearer {key}\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode() + body
        self.sock = None
        self.buf = b""
        self.connections = 0

    def _connect(self):
        self.sock = socket.create_connection((self.host, self.port), timeout=10)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        self.connections += 1

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def _more(self):
        if time.monotonic() > self.deadline:
            raise TimeoutError("ttfb run past its deadline")
        data = self.sock.recv(65536)
        if not data:
            raise EOFError("connection closed")
        self.buf += data

    def stream_once(self):
        """Returns (ttfb_ns, ok). ok: 200, a body with "data: [DONE]", and a usage object."""
        if self.sock is None:
            self._connect()
        start = time.perf_counter_ns()
        self.sock.sendall(self.request)
        ttfb = None
        while b"\r\n\r\n" not in self.buf:
            self._more()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ")[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        body = b""
        closing = headers.get("connection", "").lower() == "close"
        if b"data:" in self.buf:
            ttfb = time.perf_counter_ns() - start
        if headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                while b"\r\n" not in self.buf:
                    self._more()
                    if ttfb is None and b"data:" in self.buf:
                        ttfb = time.perf_counter_ns() - start
                size_line, rest = self.buf.split(b"\r\n", 1)
                size = int(size_line.split(b";")[0], 16)
                while len(rest) < size + 2:
                    self._more()
                    if ttfb is None and b"data:" in self.buf:
                        ttfb = time.perf_counter_ns() - start
                    rest = self.buf.split(b"\r\n", 1)[1]
                body += rest[:size]
                self.buf = rest[size + 2 :]
                if size == 0:
                    break
        elif "content-length" in headers:
            length = int(headers["content-length"])
            while len(self.buf) < length:
                self._more()
                if ttfb is None and b"data:" in self.buf:
                    ttfb = time.perf_counter_ns() - start
            body, self.buf = self.buf[:length], self.buf[length:]
        else:
            closing = True
            try:
                while True:
                    self._more()
                    if ttfb is None and b"data:" in self.buf:
                        ttfb = time.perf_counter_ns() - start
            except EOFError:
                pass
            body, self.buf = self.buf, b""
        if closing:
            self.close()
        ok = status == 200 and b"data: [DONE]" in body and b'"usage":{' in body
        if ttfb is None:
            ttfb = time.perf_counter_ns() - start
        return ttfb, ok, status, body[:300]


def run_ttfb(args):
    deadline = time.monotonic() + args.timeout
    body = request_body(args.model, args.body_extra)
    clients = {
        "a": RawStreamClient(args.url_a, args.key_a, body, deadline),
        "b": RawStreamClient(args.url_b, args.key_b, body, deadline),
    }
    samples = {"a": [], "b": []}
    failures = {"a": 0, "b": 0}
    first_failure = {}
    for i in range(args.warmup + args.count):
        # Alternate which side goes first so neither always follows the other.
        order = ("a", "b") if i % 2 == 0 else ("b", "a")
        for side in order:
            client = clients[side]
            try:
                ttfb, ok, status, head = client.stream_once()
            except (OSError, EOFError, ValueError, IndexError) as error:
                client.close()
                ok, status, head, ttfb = False, 0, repr(error).encode(), 0
            if isinstance(head, bytes):
                head = head.decode("utf-8", "replace")
            if not ok:
                failures[side] += 1
                first_failure.setdefault(side, f"status {status}: {head}")
            elif i >= args.warmup:
                samples[side].append(ttfb)
    result = {}
    for side in ("a", "b"):
        clients[side].close()
        entry = summary_ms(samples[side]) if samples[side] else {"n": 0}
        entry["failures"] = failures[side]
        entry["connections"] = clients[side].connections
        if side in first_failure:
            entry["first_failure"] = first_failure[side]
        result[side] = entry
    print(json.dumps(result))
    return 0 if failures["a"] == 0 and failures["b"] == 0 else 1


# ---- concurrent: asyncio + httpx -------------------------------------------------------------------------------


async def one_stream(client, url, headers, body, start_gate):
    await start_gate.wait()
    started = time.perf_counter_ns()
    record = {"ok": False, "status": 0, "events": 0, "ttfb": None, "max_gap": 0, "done": False, "usage": False}
    try:
        async with client.stream("POST", url, headers=headers, content=body) as response:
            record["status"] = response.status_code
            previous = None
            pending = b""
            # Raw bytes split by hand: aiter_lines() decodes and re-splits text and costs the client more CPU.
            async for piece in response.aiter_raw():
                now = time.perf_counter_ns()
                lines = (pending + piece).split(b"\n")
                pending = lines.pop()
                for line in lines:
                    if not line.startswith(b"data:"):
                        continue
                    if previous is None:
                        record["ttfb"] = now - started
                    else:
                        record["max_gap"] = max(record["max_gap"], now - previous)
                    previous = now
                    record["events"] += 1
                    data = line[5:].strip()
                    if data == b"[DONE]":
                        record["done"] = True
                    elif b'"usage":{' in data:
                        record["usage"] = True
            record["ok"] = response.status_code == 200 and record["done"] and record["usage"]
    except Exception as error:  # noqa: BLE001 - every failure is reported, none is fatal
        record["error"] = f"{type(error).__name__}: {error}"
    record["elapsed"] = time.perf_counter_ns() - started
    return record


async def run_concurrent_async(args):
    import httpx

    body = request_body(args.model, args.body_extra)
    headers = {"Authorization": f"Bearer {args.key}", "Content-Type": "application/json", "Accept": "text/event-stream"}
    limits = httpx.Limits(max_connections=args.streams + 16, max_keepalive_connections=args.streams + 16)
    timeout = httpx.Timeout(args.timeout, connect=args.timeout, pool=args.timeout)
    gate = asyncio.Event()
    # One client (one pool) per stream: httpcore scans its whole pool on every request and every response
    # event, so one shared pool of 512 connections costs the client O(n^2) CPU and the client, not the server,
    # becomes what is measured (8.7 s of client CPU for 512 streams in one pool, against ~1 s with one each).
    if args.shared_pool:
        clients = [httpx.AsyncClient(limits=limits, timeout=timeout)] * args.streams
    else:
        one = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        tls = ssl.create_default_context()  # unused on http://, but building one per client costs ~20 ms each
        clients = [httpx.AsyncClient(limits=one, timeout=timeout, verify=tls) for _ in range(args.streams)]
    try:
        tasks = [asyncio.create_task(one_stream(c, args.url, headers, body, gate)) for c in clients]
        await asyncio.sleep(0)
        began = time.perf_counter_ns()
        gate.set()
        records = await asyncio.wait_for(asyncio.gather(*tasks), timeout=args.timeout)
        wall = time.perf_counter_ns() - began
    finally:
        for c in set(clients):
            await c.aclose()
    ok = [r for r in records if r["ok"]]
    bad = [r for r in records if not r["ok"]]
    events = sorted({r["events"] for r in ok})
    gaps = [r["max_gap"] for r in records if r["events"] > 1]
    ttfbs = [r["ttfb"] for r in records if r["ttfb"] is not None]
    result = {
        "streams": args.streams,
        "completed": len(ok),
        "failed": len(bad),
        "events_per_stream": events,
        "wall_ms": round(wall / 1e6, 1),
        "max_gap_ms": round(max(gaps) / 1e6, 3) if gaps else None,
        "stream_max_gap_ms": summary_ms(gaps) if gaps else None,
        "ttfb_ms": summary_ms(ttfbs) if ttfbs else None,
        "stream_elapsed_ms": summary_ms([r["elapsed"] for r in records]),
    }
    if bad:
        reasons = {}
        for r in bad:
            reason = r.get("error") or f"status {r['status']}, done={r['done']}, usage={r['usage']}, events={r['events']}"
            reasons[reason] = reasons.get(reason, 0) + 1
        result["failures"] = dict(sorted(reasons.items(), key=lambda kv: -kv[1])[:5])
    print(json.dumps(result))
    return 0 if not bad else 1


def run_concurrent(args):
    try:
        return asyncio.run(run_concurrent_async(args))
    except asyncio.TimeoutError:
        print(json.dumps({"streams": args.streams, "completed": 0, "error": f"not finished after {args.timeout} s"}))
        return 3


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    ttfb = sub.add_parser("ttfb")
    ttfb.add_argument("--url-a", required=True)
    ttfb.add_argument("--key-a", required=True)
    ttfb.add_argument("--url-b", required=True)
    ttfb.add_argument("--key-b", required=True)
    ttfb.add_argument("--count", type=int, default=200)
    ttfb.add_argument("--warmup", type=int, default=20)
    concurrent = sub.add_parser("concurrent")
    concurrent.add_argument("--url", required=True)
    concurrent.add_argument("--key", required=True)
    concurrent.add_argument("--streams", type=int, default=512)
    concurrent.add_argument("--shared-pool", action="store_true", help="one httpx client for all streams (slow client)")
    for p in (ttfb, concurrent):
        p.add_argument("--model", default="gpt-4o-mini")
        p.add_argument("--timeout", type=float, default=120)
        p.add_argument("--body-extra", default="")
    args = parser.parse_args()
    if args.command == "ttfb":
        return run_ttfb(args)
    return run_concurrent(args)


if __name__ == "__main__":
    sys.exit(main())
