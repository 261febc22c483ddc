#!/usr/bin/env python3
"""Compare Détente's events with TABARI's and PETRARCH2's on the GigaWord sample.

Reads ../shared/data/news/gigaword-sample (use-only data: nothing of it is
written into the repository), codes its 67 sentences with `detente code`
(path in $DETENTE, default: `go run ./cmd/detente`), and prints the number of
events each coder emits (unique root + source + target per sentence), and the
number of sentences where Détente shares at least one root + dyad with each.

    python3 scripts/compare-coders.py
"""
import collections
import json
import os
import shlex
import subprocess
import sys
import tempfile

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "news", "gigaword-sample")


def records():
    """(id, date, text) of each sentence; the file's empty test records are skipped."""
    out = []
    with open(os.path.join(DATA, "giga76.tabari_format.text"), encoding="utf-8") as f:
        for block in f.read().split("\n\n"):
            lines = [l for l in block.strip().split("\n") if l.strip()]
            if len(lines) < 2:
                continue
            day, rid = lines[0].split()[:2]
            date = "20%s-%s-%s" % (day[:2], day[2:4], day[4:6])
            out.append((rid[4:].replace("-", "_"), date, " ".join(lines[1:]).strip()))
    return out


def ours(recs):
    cmd = shlex.split(os.environ.get("DETENTE", "go run ./cmd/detente"))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for rid, date, text in recs:
            f.write(json.dumps({"url": "giga:" + rid, "published": date, "text": text}) + "\n")
    out = subprocess.run(cmd + ["code", f.name, "--format", "jsonl"], capture_output=True, text=True, check=True).stdout
    os.unlink(f.name)
    events = collections.defaultdict(set)
    for line, (rid, _, _) in zip(out.strip().split("\n"), recs):
        for e in json.loads(line).get("events", []):
            events[rid].add((e["cameo"][:2], (e.get("source") or {}).get("code") or "", (e.get("target") or {}).get("code") or ""))
    return events


def theirs():
    idmap = {}
    with open(os.path.join(DATA, "giga76.idmap.tsv")) as f:
        for line in f:
            a, b = line.split("\t")
            idmap[a.strip()] = b.strip()
    tab, pet = collections.defaultdict(set), collections.defaultdict(set)
    with open(os.path.join(DATA, "giga76.tabari.evt")) as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            tab[idmap[c[5][:4]]].add((c[3][:2], c[1], c[2]))
    with open(os.path.join(DATA, "giga76.petrarch2py3.evts.txt")) as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            pet[c[5]].add((c[3][:2], c[1], c[2]))
    return tab, pet


def main():
    recs = records()
    mine = ours(recs)
    tab, pet = theirs()
    count = lambda ev: (sum(len(v) for v in ev.values()), len(ev))
    print("sentences: %d" % len(recs))
    for name, ev in (("Détente", mine), ("TABARI", tab), ("PETRARCH2", pet)):
        print("%-10s %d events in %d sentences" % ((name,) + count(ev)))
    for name, ev in (("TABARI", tab), ("PETRARCH2", pet)):
        shared = sum(1 for k, v in mine.items() if v & ev.get(k, set()))
        print("sentences where Détente shares a root + dyad with %s: %d" % (name, shared))


if __name__ == "__main__":
    sys.exit(main())
