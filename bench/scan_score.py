#!/usr/bin/env python3
"""Scores one run of bench/scan.sh and prints the table for docs/scanner.md.

  scan_score.py OUT_DIR

Reads OUT_DIR/planted-*.json, OUT_DIR/sizes.json and, per tool, OUT_DIR/results/<tool>.out
(what it printed), <tool>.time (`/usr/bin/time -f '%e %M'`: wall seconds, peak KB),
<tool>.hyperfine.json (when timed over several runs) and <tool>.timeout (when stopped).
Recall counts the planted keys of the tool's corpus found in its output; a false positive is a
reported secret (or matched line) that is not a planted key.
"""
import hashlib
import json
import os
import sys

OUT = sys.argv[1]
RESULTS = os.path.join(OUT, "results")


def load(name):
    with open(os.path.join(OUT, name)) as file:
        return json.load(file)


PLANTED = {"tree": load("planted-tree.json"), "history": load("planted-history.json")}
PLANTED["subset"] = PLANTED["tree"]  # the crates of the tree that hold its planted keys
ALL_KEYS = [p["key"] for corpus in PLANTED.values() for p in corpus]
SIZES = load("sizes.json")


def text(tool):
    path = os.path.join(RESULTS, tool + ".out")
    if not os.path.exists(path):
        return ""
    with open(path, errors="replace") as file:
        return file.read()


def lines_found(tool, keys):
    """rg-style output: one matched line per line."""
    output = text(tool).splitlines()
    found = {k for k in keys if any(k in line for line in output)}
    false = sum(1 for line in output if line.strip() and not any(k in line for k in ALL_KEYS))
    return found, false


def engine_found(tool, keys):
    try:
        report = json.loads(text(tool) or "{}")
    except json.JSONDecodeError:
        return set(), 0
    fingerprints = {f["fingerprint"] for f in report.get("findings", [])}
    ours = {hashlib.sha256(k.encode()).hexdigest()[:12] for k in ALL_KEYS}
    found = {k for k in keys if hashlib.sha256(k.encode()).hexdigest()[:12] in fingerprints}
    return found, len(fingerprints - ours)


def detect_secrets_found(tool, keys):
    try:
        results = json.loads(text(tool) or "{}").get("results", {})
    except json.JSONDecodeError:
        return set(), 0
    hashes = {r["hashed_secret"] for file in results.values() for r in file}
    ours = {hashlib.sha1(k.encode()).hexdigest() for k in ALL_KEYS}
    found = {k for k in keys if hashlib.sha1(k.encode()).hexdigest() in hashes}
    false = sum(1 for file in results.values() for r in file if r["hashed_secret"] not in ours)
    return found, false


def trufflehog_found(tool, keys):
    strings = set()
    for line in text(tool).splitlines():
        try:
            strings.update(json.loads(line).get("stringsFound", []))
        except (json.JSONDecodeError, AttributeError):
            continue
    # Its entropy rule splits a key at `_` (not base64): the random part alone counts as found.
    ours = lambda s, k: k in s or (len(s) >= 20 and s in k)
    found = {k for k in keys if any(ours(s, k) for s in strings)}
    false = sum(1 for s in strings if not any(ours(s, k) for k in ALL_KEYS))
    return found, false


def timing(tool):
    wall = peak = None
    hyperfine = os.path.join(RESULTS, tool + ".hyperfine.json")
    if os.path.exists(hyperfine):
        with open(hyperfine) as file:
            wall = json.load(file)["results"][0]["median"]
    time_file = os.path.join(RESULTS, tool + ".time")
    if os.path.exists(time_file):
        with open(time_file) as file:
            last = [line for line in file.read().splitlines() if line.strip()][-1].split()
        wall = wall if wall is not None else float(last[0])
        peak = int(last[1]) / 1024
    own = None
    err = os.path.join(RESULTS, tool + ".err")
    if os.path.exists(err):
        with open(err, errors="replace") as file:
            for line in file:
                if line.startswith("engine VmHWM:"):
                    own = int(line.split()[2]) / 1024
    return wall, peak, own, os.path.exists(os.path.join(RESULTS, tool + ".timeout"))


TOOLS = [
    ("`rg -uu -F -f keys.txt` (ripgrep 13)", "rg-tree", "tree", lines_found),
    ("**zexa-scan** (folders)", "engine-tree", "tree", engine_found),
    ("`detect-secrets scan --all-files` 1.5", "detect-secrets", "tree", detect_secrets_found),
    ("`detect-secrets scan --all-files` 1.5", "detect-secrets-subset", "subset", detect_secrets_found),
    ("`git log -p --all \\| rg -a -F -f keys.txt`", "gitlog-rg", "history", lines_found),
    ("**zexa-scan** `--history`", "engine-history", "history", engine_found),
    ("`trufflehog --regex --entropy` 2.2", "trufflehog", "history", trufflehog_found),
]

rows = {}
print(f"Tree: {SIZES['tree_bytes'] / 1e6:.0f} MB in {SIZES['tree_files']} files. "
      f"History: {SIZES['commits']} commits, {SIZES['history_blobs']} unique blobs, {SIZES['history_bytes'] / 1e6:.0f} MB.")
print()
print("| tool | corpus | wall (s) | MB/s | recall | false positives | peak memory (MB) |")
print("|---|---|---:|---:|---:|---:|---:|")
for label, tool, corpus, score in TOOLS:
    if not os.path.exists(os.path.join(RESULTS, tool + ".out")):
        if corpus == "subset":
            continue  # only when the whole tree took too long
        print(f"| {label} | {corpus} | not run | | | | |")
        continue
    keys = [p["key"] for p in PLANTED[corpus]]
    found, false = score(tool, keys)
    wall, peak, own, timed_out = timing(tool)
    size = {"tree": SIZES["tree_bytes"], "history": SIZES["history_bytes"]}.get(corpus, SIZES.get("subset_bytes", 0))
    rate = size / 1e6 / wall if wall else 0
    missed = [p["form"] for p in PLANTED[corpus] if p["key"] not in found]
    recall = f"{len(found)}/{len(keys)}" + (f" (missed: {', '.join(missed)})" if missed else "")
    if timed_out and not text(tool).strip():
        recall, false = "— (stopped before printing)", "—"
    wall_text = f"> {wall:.1f} (stopped)" if timed_out else f"{wall:.2f}"
    rate_text = f"{rate:.0f}" if rate >= 10 else f"{rate:.2f}"
    rate_text = f"< {rate_text}" if timed_out else rate_text
    # The engine's history scan runs git beside it: its own peak, then the largest git process's.
    peak_text = "" if peak is None else f"{peak:.0f}"
    if own is not None and peak is not None and peak > own * 1.05:
        peak_text = f"{own:.0f} (git: {peak:.0f})"
    corpus_text = f"tree: the {SIZES.get('subset_crates')} crates with planted keys ({size / 1e6:.0f} MB)" if corpus == "subset" else corpus
    print(f"| {label} | {corpus_text} | {wall_text} | {rate_text} | {recall} | {false} | {peak_text} |")
    rows[tool] = (wall, len(found) == len(keys), false)

staged = os.path.join(RESULTS, "engine-staged.hyperfine.json")
print()
if os.path.exists(staged):
    with open(staged) as file:
        result = json.load(file)["results"][0]
    print(f"Staged change (the pre-commit hook's scan, {SIZES.get('staged_files', '?')} files changed in the history's checkout): "
          f"median {result['median'] * 1000:.0f} ms, max {result['max'] * 1000:.0f} ms over {len(result['times'])} runs (target ≤ 100 ms).")

def ratio(ours, theirs):
    if ours in rows and theirs in rows and rows[ours][0]:
        return rows[theirs][0] / rows[ours][0]
    return None

tree_ratio, history_ratio = ratio("engine-tree", "rg-tree"), ratio("engine-history", "gitlog-rg")
if tree_ratio:
    print(f"Tree throughput: {tree_ratio:.2f}× ripgrep's (target ≥ 0.5×).")
if history_ratio:
    print(f"History throughput: {history_ratio:.2f}× the `git log -p | rg` pipeline's (target ≥ 0.5×).")
