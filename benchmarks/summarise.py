#!/usr/bin/env python3
"""Prints a JMH JSON result file as a Markdown table with each row's ratio to the `raw` mode of the same
benchmark and parameters (measured in the same run). Usage: python3 benchmarks/summarise.py results.json...

Two ratios: of the JMH average, and of the fastest measurement iteration ("min"), which is the more robust
figure on a shared machine (interference only ever adds time)."""
import json
import sys

rows = []
for path in sys.argv[1:]:
    rows += json.load(open(path))

def key(r):
    p = dict(r.get("params", {}))
    p.pop("mode", None)
    name = r["benchmark"].split(".", 3)[-1]
    # An agent variant runs in its own class (its forks have -javaagent): AgentBorrowDepthBenchmark's rows are
    # BorrowDepthBenchmark's with mode=agent, compared with that benchmark's raw rows.
    if name.startswith("Agent"):
        name = name[len("Agent"):]
    return (name, tuple(sorted(p.items())))

def fastest(r):
    return min(x for fork in r["primaryMetric"]["rawData"] for x in fork)

raw = {key(r): r for r in rows if r.get("params", {}).get("mode") == "raw"}
print("| benchmark | params | mode | avg | min iteration | avg / raw | min / raw |")
print("|---|---|---|---:|---:|---:|---:|")
for r in rows:
    k = key(r)
    m = r["primaryMetric"]
    unit = m["scoreUnit"]
    base = raw.get(k)
    ratio = f"{m['score'] / base['primaryMetric']['score']:.2f}x" if base else "-"
    ratio_min = f"{fastest(r) / fastest(base):.2f}x" if base else "-"
    params = ", ".join(f"{a}={b}" for a, b in k[1]) or "-"
    print(f"| {k[0]} | {params} | {r.get('params', {}).get('mode', '-')} | {m['score']:,.0f} {unit} "
          f"| {fastest(r):,.0f} | {ratio} | {ratio_min} |")
