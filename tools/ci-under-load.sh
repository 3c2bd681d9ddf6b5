#!/usr/bin/env bash
# Runs .ci/run RUNS times (default 3), each from a fresh clone of this repository's HEAD, while
# stress-ng keeps both cores busy: the check that CI passes on a busy machine (issue 11, item 7).
# Prints one line per run: exit code, seconds, Jest's totals and the load average.
set -u
runs=${1:-3}
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
commit=$(git -C "$repo" rev-parse HEAD)
command -v stress-ng >/dev/null || { apt-get update -qq && apt-get install -y -qq stress-ng >/dev/null; }
stress-ng --cpu 2 --cpu-method all --quiet &
stress=$!
trap 'kill $stress 2>/dev/null' EXIT
for n in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  git clone -q "$repo" "$dir/clone" && git -C "$dir/clone" checkout -q "$commit"
  start=$(date +%s)
  (cd "$dir/clone" && bash .ci/run > "$dir/ci.log" 2>&1)
  code=$?
  echo "run $n of ${commit:0:7}: exit $code in $(($(date +%s) - start)) s; $(grep -E '^Tests:' "$dir/ci.log" | tail -1); load $(cut -d' ' -f1-3 /proc/loadavg); log $dir/ci.log"
done
