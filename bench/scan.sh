#!/usr/bin/env bash
# ./dev bench scan: the key scanner (crates/zexa-scan) against ripgrep, `git log -p | rg`,
# detect-secrets and trufflehog, on the Cargo registry's sources and a git history built from
# them, in one run. Prints the table that docs/scanner.md keeps. A benchmark, not a test: CI does
# not run it. About 20 minutes on 2 cores, most of it detect-secrets and trufflehog.
#   SCAN_BENCH_TIMEOUT=900  seconds each slow tool may take before it is stopped (and says so)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source scripts/lib.sh

OUT="$ROOT/target/bench-scan"
RESULTS="$OUT/results"
TIMEOUT="${SCAN_BENCH_TIMEOUT:-900}"
REGISTRY="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/ 2>/dev/null | head -1)"
[ -n "$REGISTRY" ] || die "no Cargo registry sources: run a build first (./dev setup)"
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*

log "Tools: ripgrep, hyperfine, GNU time (Debian); detect-secrets and trufflehog (PyPI, in a venv)"
setup_system_packages ripgrep hyperfine time python3-venv
if [ ! -x "$OUT/venv/bin/trufflehog" ]; then
  python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install -q detect-secrets==1.5.0 trufflehog==2.2.1
fi

# The shipped release profile is tuned for size (opt-level "z", see Cargo.toml); the scanner is
# measured as it ships.
log "Building the engine (release profile, the example binary in crates/zexa-scan/examples)"
cargo build --release -q -p zexa-scan --example scan
ENGINE="$(cd "${CARGO_TARGET_DIR:-$ROOT/target}" && pwd)/release/examples/scan"

log "Corpus: a copy of $REGISTRY with planted keys, and a git history built from it"
python3 bench/scan_corpus.py tree "$REGISTRY" "$OUT/tree" "$OUT"
if [ ! -f "$OUT/planted-history.json" ] || [ ! -d "$OUT/history.git" ]; then
  python3 bench/scan_corpus.py history "$REGISTRY" "$OUT/history.git" "$OUT"
fi
# trufflehog reads a clone's remote branches; the staged scan needs a work tree.
rm -rf "$OUT/history"
git clone -q "$OUT/history.git" "$OUT/history"
git -C "$OUT/history" branch -q experiment origin/experiment
python3 - "$OUT" > "$OUT/keys.txt" <<'PY'
import json, sys
for corpus in ("tree", "history"):
    for p in json.load(open(f"{sys.argv[1]}/planted-{corpus}.json")):
        print(p["key"])
PY

tree_files=$(find "$OUT/tree" -type f | wc -l)
tree_bytes=$(find "$OUT/tree" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
commits=$(git -C "$OUT/history.git" rev-list --all | wc -l)
read -r history_blobs history_bytes < <(git -C "$OUT/history.git" rev-list --objects --all | cut -d' ' -f1 \
  | git -C "$OUT/history.git" cat-file --batch-check='%(objecttype) %(objectsize)' \
  | awk '$1 == "blob" {n++; s+=$2} END {print n, s}')

# Wall time: median of 3 runs after a warm-up (the corpus is in the page cache for every tool);
# peak memory: one more run under GNU time.
timed() {  # name command...
  local name=$1; shift
  hyperfine -N --warmup 1 --runs 3 -i --export-json "$RESULTS/$name.hyperfine.json" -- "$(printf '%q ' "$@")" >/dev/null
  /usr/bin/time -f '%e %M' -o "$RESULTS/$name.time" "$@" > "$RESULTS/$name.out" 2>"$RESULTS/$name.err" || true
}
# The slow tools run once, stopped after $TIMEOUT seconds.
once() {  # name command...
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$RESULTS/$name.time" timeout "$TIMEOUT" "$@" > "$RESULTS/$name.out" 2>"$RESULTS/$name.err" \
    || { [ $? = 124 ] && touch "$RESULTS/$name.timeout"; } || true
}

log "Tree: ripgrep, the engine, detect-secrets"
timed rg-tree rg -uu -F -f "$OUT/keys.txt" "$OUT/tree"
timed engine-tree "$ENGINE" --json --keys "$OUT/keys.txt" "$OUT/tree"
once detect-secrets "$OUT/venv/bin/detect-secrets" scan --all-files "$OUT/tree"
# It prints nothing until it ends: when the whole tree takes too long, it runs again on the
# crates that hold the planted keys, for its recall, false positives and rate on real code.
mapfile -t planted_crates < <(python3 -c 'import json, sys; print("\n".join(sorted({sys.argv[1] + "/" + p["file"].split("/")[0] for p in json.load(open(sys.argv[2]))})))' "$OUT/tree" "$OUT/planted-tree.json")
subset_bytes=$(find "${planted_crates[@]}" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
if [ -f "$RESULTS/detect-secrets.timeout" ]; then
  once detect-secrets-subset "$OUT/venv/bin/detect-secrets" scan --all-files "${planted_crates[@]}"
fi

log "History: git log -p | rg, the engine, trufflehog"
# -a: the patch stream holds NUL bytes (a text file's diff), after which plain rg stops reading.
timed gitlog-rg bash -c "git -C '$OUT/history.git' log -p --all | rg -a -F -f '$OUT/keys.txt'"
timed engine-history "$ENGINE" --json --keys "$OUT/keys.txt" --history "$OUT/history.git"
once trufflehog "$OUT/venv/bin/trufflehog" --json --regex --entropy=True --repo_path "$OUT/history" "file://$OUT/history.git"

log "Staged change: three edited files in the history's checkout"
staged=(vendor/serde/src/lib.rs vendor/libc/src/lib.rs vendor/tokio/src/lib.rs)
for file in "${staged[@]}"; do
  [ -f "$OUT/history/$file" ] && printf '\n// an edit\n' >> "$OUT/history/$file" && git -C "$OUT/history" add "$file"
done
hyperfine -N --warmup 3 --runs 20 -i --export-json "$RESULTS/engine-staged.hyperfine.json" \
  -- "$ENGINE --keys $OUT/keys.txt --staged $OUT/history" >/dev/null

cat > "$OUT/sizes.json" <<JSON
{"tree_files": $tree_files, "tree_bytes": $tree_bytes, "commits": $commits, "history_blobs": $history_blobs,
 "history_bytes": $history_bytes, "staged_files": ${#staged[@]}, "subset_bytes": $subset_bytes,
 "subset_crates": ${#planted_crates[@]}}
JSON
log "Results (also in $OUT/table.md)"
python3 bench/scan_score.py "$OUT" | tee "$OUT/table.md"
