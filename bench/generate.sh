#!/usr/bin/env bash
# bench/generate.sh: how fast `tapls generate` is, against QEMU's tracetool.
#
# Generates all 4 formats (stap, log-stap, simpletrace-stap, d) for the 97 trace-events files of
# ../shared/corpus/qemu (388 outputs) and compares with the figures in that corpus's README:
# tracetool takes 46.8 s for the 388 per-file runs and 0.44 s for one in-process pass.
#
#   1. whole process: `tapls generate --per-file` of the 388 outputs in one run, timed by hyperfine
#      (JVM start included): into a fresh output directory each run, as in a new build tree (the
#      headline), and again over up-to-date outputs (everything but the writing: tapls leaves files that
#      already hold the right bytes alone);
#   2. warm, in process: the same pipeline (read, parse, check, generate; no writing) repeated in one
#      JVM with the hidden `--bench-repeat N` option: the median of the last N/2 runs, with the
#      launcher's JIT settings (C1 only, for short runs) and with the full JIT (a long-lived process).
#
# Usage: bench/generate.sh            (RUNS=N hyperfine runs, default 10; REPEAT=N in-process, default 100)
# Needs: the jar (mvn -B -ntp -q install -DskipTests), hyperfine, python3 for the figures.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=${TAPLS_CORPUS:-$here/../shared/corpus/qemu}
runs=${RUNS:-10}
repeat=${REPEAT:-400}
tapls=$here/tapls
tracetool_per_file=46.8
tracetool_in_process=0.44

[ -f "$here/server/target/tapls.jar" ] || { echo "bench: build the jar first: mvn -B -ntp -q install -DskipTests" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
[ -d "$corpus/trace-events" ] || { echo "bench: no corpus at $corpus" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$work/out
args=(generate --per-file --format stap,log-stap,simpletrace-stap,d
      --binary /usr/bin/qemu-system-x86_64 --probe-prefix qemu.system.x86_64
      --output-dir "$out" "$corpus/trace-events")

# Correctness first: the outputs must be tracetool's, byte for byte.
"$tapls" "${args[@]}"
count=$(find "$out" -type f | wc -l)
diff -r "$out" "$corpus/expected" >/dev/null || { echo "bench: outputs differ from $corpus/expected" >&2; exit 1; }
echo "bench: $count outputs, identical to tracetool's"
echo "bench: machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. Whole process. Before each run the previous outputs are moved aside, not deleted: creating files
# where many were just deleted makes ext4 search longer for free inodes, which would be measured too.
printf -v cmd '%q ' "$tapls" "${args[@]}"
printf '#!/bin/sh\n[ ! -d "%s" ] || mv "%s" "%s/old.$$"\n' "$out" "$out" "$work" > "$work/aside"
chmod +x "$work/aside"
hyperfine -N --style basic -w 2 -r "$runs" --prepare "$work/aside" --export-json "$work/whole.json" "$cmd"
"$tapls" "${args[@]}"
hyperfine -N --style basic -w 2 -r "$runs" --export-json "$work/uptodate.json" "$cmd"

# 2. Warm, in process.
warm() {
  TAPLS_JAVA_OPTS="$1" "$tapls" "${args[@]}" --force --bench-repeat "$repeat" 2>&1 >/dev/null \
    | sed -n 's/.*best \([0-9.]*\) ms, median of the last [0-9]* \([0-9.]*\) ms.*/\1 \2/p'
}
read -r c1_best c1_median < <(warm "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss4m")
read -r c2_best c2_median < <(warm "-XX:+UseSerialGC -Xss4m")

python3 - "$work/whole.json" "$work/uptodate.json" "$tracetool_per_file" "$tracetool_in_process" \
    "$c1_best" "$c1_median" "$c2_best" "$c2_median" <<'PY'
import json, sys
whole = json.load(open(sys.argv[1]))["results"][0]
uptodate = json.load(open(sys.argv[2]))["results"][0]
per_file, in_process = float(sys.argv[3]), float(sys.argv[4])
c1_best, c1_median, c2_best, c2_median = (float(x) / 1000 for x in sys.argv[5:9])
row = "%-58s %9.3f s %8.1fx"
print()
print("%-58s %11s %9s" % ("tapls generate, 388 outputs", "time", "speed-up"))
print("whole process, against tracetool's 46.8 s for the 388 per-file runs:")
print(row % ("  fresh output directory, mean", whole["mean"], per_file / whole["mean"]))
print(row % ("  fresh output directory, best", whole["min"], per_file / whole["min"]))
print(row % ("  outputs up to date (no writing), mean", uptodate["mean"], per_file / uptodate["mean"]))
print("  CPU time, fresh directory: user %.3f s + system %.3f s" % (whole["user"], whole["system"]))
print("warm in process (read, parse, check, generate), against tracetool's 0.44 s in process:")
print(row % ("  launcher's JIT (C1 only), median", c1_median, in_process / c1_median))
print(row % ("  full JIT, median", c2_median, in_process / c2_median))
print(row % ("  full JIT, best", c2_best, in_process / c2_best))
print()
print("targets: whole process >= 50x (< 0.9 s): %s; warm in process >= 10x (< 45 ms): %s" % (
    "met" if whole["mean"] < 0.9 else "NOT met", "met" if c2_median < 0.045 else "NOT met"))
PY
