#!/usr/bin/env bash
# ./dev bench cli: what `zexa run` costs, against the practical limit, in one hyperfine run.
#   zexa run -- true                                   the key from the keychain, then the command
#   secret-tool lookup service … username <id>; true   the OS's own client reading the same entry
#   true                                               the command alone
#   zexa --version                                     zexa's own start-up
# Run inside scripts/with-test-session.sh (a private D-Bus and unlocked gnome-keyring), with a
# profile added against a local `zexa sandbox`. A benchmark, not a test: CI does not run it.
# Usage: bench/cli.sh ZEXA OUT_DIR [hyperfine options...]
set -euo pipefail
ZEXA=${1:?usage: bench/cli.sh ZEXA OUT_DIR}
OUT=${2:?usage: bench/cli.sh ZEXA OUT_DIR}
shift 2
mkdir -p "$OUT"
work=$(mktemp -d)
trap 'kill "${sandbox_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

"$ZEXA" sandbox >"$work/sandbox.env" 2>/dev/null &
sandbox_pid=$!
for _ in $(seq 200); do grep -q '^ZEXA_API_KEY=' "$work/sandbox.env" 2>/dev/null && break; sleep 0.05; done
url=$(sed -n 's/^ZEXA_API_URL=//p' "$work/sandbox.env")
key=$(sed -n 's/^ZEXA_API_KEY=//p' "$work/sandbox.env")
[ -n "$key" ] || { echo "the sandbox did not start" >&2; exit 1; }
printf '%s\n' "$key" | "$ZEXA" profiles add Bench --base-url "$url" --activate >/dev/null
id=$("$ZEXA" profiles --json | grep -o '"id": "prof_[0-9a-f]*"' | head -1 | sed 's/.*"\(prof_[0-9a-f]*\)"/\1/')
secret-tool lookup service ao.zexa.desktop username "$id" >/dev/null || { echo "secret-tool cannot read the entry" >&2; exit 1; }

hyperfine --warmup 5 --min-runs 40 --style basic "$@" \
  --export-json "$OUT/cli.json" --export-markdown "$OUT/cli.md" \
  -n "zexa run -- true" "$ZEXA run -- true" \
  -n "secret-tool lookup; true" "secret-tool lookup service ao.zexa.desktop username $id >/dev/null; true" \
  -n "true" "true" \
  -n "zexa --version" "$ZEXA --version"

size=$(stat -c %s "$ZEXA")
ratio=$(awk -v j="$OUT/cli.json" 'BEGIN {
  while ((getline line < j) > 0) {
    if (line ~ /"command":/) { n++ }
    if (line ~ /"mean":/ && !seen[n]++) { split(line, kv, ": "); gsub(/,/, "", kv[2]); mean[n] = kv[2] + 0 }
  }
  printf "%.2f", mean[1] / mean[2] }')
{
  echo
  echo "zexa run / secret-tool path: ${ratio}x (target: at most 1.5x)"
  echo "stripped zexa binary: $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.2f", s / 1048576 }') MiB; target: at most 6 MB)"
} | tee -a "$OUT/cli.md"
"$ZEXA" run -- true >/dev/null
"$ZEXA" profiles >/dev/null
secret-tool clear service ao.zexa.desktop username "$id"
