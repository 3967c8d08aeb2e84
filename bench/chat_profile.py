#!/usr/bin/env python3
"""Summarises `perf script -F comm,tid,ip,sym` output of the gateway for bench/chat_bench.sh (PROFILE=1).

  perf script -i perf.data -F comm,tid,ip,sym,dso | chat_profile.py [--top 12]

Prints, as shares of all samples of the process: the samples by thread (Swift concurrency pool, NIO event loops,
NIO thread pool = SQLite), the kernel share, the functions of the Switchyard module by inclusive cost (the share
of samples with that function anywhere on the stack), a few library markers (SQLite, JSONDecoder, the HTTP
client), and the top symbols by self cost. Names are demangled with `swift demangle` when it is available.
"""

import argparse
import collections
import re
import shutil
import subprocess
import sys

MARKERS = [
    ("SQLite queries (SQLiteConnection.query)", r"SQLiteConnection\.query"),
    ("  of which sqlite3_prepare_v3", r"sqlite3_prepare_v3"),
    ("  of which sqlite3_step", r"sqlite3_step"),
    ("Foundation JSONDecoder", r"JSONDecoder\._decode"),
    ("AsyncHTTPClient connection pool", r"HTTPConnectionPool"),
    ("NIO HTTP/1 parsing (llhttp)", r"llhttp__internal_execute"),
    ("swift_retain / swift_release (self)", None),
    ("kernel (self)", None),
    ("  of which scheduler (finish_task_switch, self)", None),
]


def read_stacks(stream):
    """Yields (comm, [frames leaf first])."""
    comm, frames = None, []
    for raw in stream:
        line = raw.rstrip("\n")
        if not line.strip():
            if comm is not None:
                yield comm, frames
            comm, frames = None, []
        elif line[0] in " \t":
            parts = line.strip().split(" ", 1)
            rest = parts[1] if len(parts) > 1 else "?"
            # "symbol (dso)": kernel frames are marked with a "[k]" prefix, the dso dropped.
            match = re.match(r"^(.*) \((.*)\)$", rest)
            if match:
                rest = ("[k]" if "kernel.kallsyms" in match.group(2) else "") + match.group(1)
            frames.append(rest)
        else:
            if comm is not None:
                yield comm, frames
            comm, frames = line.split()[0], []
    if comm is not None:
        yield comm, frames


def demangler(symbols, simplified):
    symbols = list(symbols)
    swift = shutil.which("swift")
    if not swift or not symbols:
        return {s: s for s in symbols}
    args = [swift, "demangle", "--compact"] + (["--simplified"] if simplified else [])
    out = subprocess.run(args, input="\n".join(symbols), capture_output=True, text=True).stdout.split("\n")
    return dict(zip(symbols, out))


def short(name):
    previous = None
    while previous != name:  # drop argument lists, innermost first
        previous, name = name, re.sub(r"\([^()]*\)", "", name)
    return re.sub(r"\s+", " ", name).strip()[:110]


def thread_group(comm):
    if comm.startswith("NIO-SGLTN"):
        return "NIO event loops"
    if comm.startswith("TP-#"):
        return "NIO thread pool (SQLite)"
    if "qos" in comm:
        return "Swift concurrency pool"
    return comm


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args()
    stacks = list(read_stacks(sys.stdin))
    total = len(stacks)
    if total == 0:
        print("no samples")
        return 1
    symbols = {f for _, frames in stacks for f in frames}
    full = demangler(symbols, simplified=False)
    simple = demangler(symbols, simplified=True)

    def pct(n):
        return f"{100 * n / total:5.1f}%"

    threads = collections.Counter(thread_group(comm) for comm, _ in stacks)
    print(f"{total} samples; by thread: " + ", ".join(f"{name} {pct(n).strip()}" for name, n in threads.most_common()))

    self_counts = collections.Counter()
    inclusive = collections.Counter()
    markers = collections.Counter()
    for _, frames in stacks:
        if frames:
            self_counts[frames[0]] += 1
        seen = set()
        for f in frames:
            name = full.get(f, f)
            if f.startswith("$s10Switchyard") or name.startswith("Switchyard.") or " in Switchyard." in name[:60]:
                key = short(simple.get(f, f))
                if key not in seen:
                    seen.add(key)
                    inclusive[key] += 1
        for label, pattern in MARKERS:
            if pattern and any(re.search(pattern, simple.get(f, f)) for f in frames):
                markers[label] += 1
        leaf = frames[0] if frames else ""
        if leaf in ("swift_retain", "swift_release"):
            markers["swift_retain / swift_release (self)"] += 1
        if leaf.startswith("[k]"):
            markers["kernel (self)"] += 1
            if leaf.startswith("[k]finish_task_switch"):
                markers["  of which scheduler (finish_task_switch, self)"] += 1

    print("\nSwitchyard functions, inclusive:")
    for name, n in inclusive.most_common(args.top):
        print(f"  {pct(n)}  {name}")
    print("\nMarkers (inclusive unless marked self):")
    for label, _ in MARKERS:
        print(f"  {pct(markers[label])}  {label}")
    print("\nTop symbols, self:")
    for sym, n in self_counts.most_common(args.top):
        print(f"  {pct(n)}  {short(simple.get(sym, sym))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
