#!/usr/bin/env bash
# Benchmark: `tapls check` over the 142 files of the QEMU corpus (97 trace-events + 45 QAPI-generated),
# as a whole process (JVM start included, timed by hyperfine) and warm in one JVM, side by side with
# tracetool's figures from ../shared/corpus/qemu/README.md.
# Usage: bench/check.sh            (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/qemu
[ -d "$corpus" ] || { echo "bench: $corpus is missing" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
[ -f server/target/tapls.jar ] || mvn -B -q -ntp package -DskipTests

list=$(mktemp); json=$(mktemp)
trap 'rm -f "$list" "$json"' EXIT
{ find "$corpus/trace-events" -type f -name trace-events; ls "$corpus"/generated-qapi/*.trace-events; } | sort > "$list"
n=$(wc -l < "$list")

hyperfine --warmup 3 --runs 20 --style basic --export-json "$json" \
  "./tapls check $(tr '\n' ' ' < "$list")" >/dev/null
warm=$(java -XX:+UseSerialGC -jar server/target/tapls.jar bench --warmup 50 --runs 100 $(cat "$list"))

python3 - "$json" "$n" "$warm" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
n = int(sys.argv[2]); warm = dict(kv.split("=") for kv in sys.argv[3].split())
mean, sd, lo = r["mean"], r["stddev"], r["min"]
tracetool_per_file, tracetool_in_process = 46.8, 0.44
print(f"tapls check, {n} corpus files ({warm['diagnostics']} diagnostics: the 19 checkpatch lines)")
print(f"  whole process (JVM start included): mean {mean*1000:.0f} ms ± {sd*1000:.0f} ms, min {lo*1000:.0f} ms"
      f"   target < 1000 ms")
print(f"  warm, in one JVM:                    median {float(warm['median_ms']):.1f} ms, min {float(warm['min_ms']):.1f} ms"
      f"   target < 50 ms")
print(f"  vs tracetool per-file runs (46.8 s):  {tracetool_per_file/mean:.0f}x faster (whole process)")
print(f"  vs tracetool in-process (0.44 s):     {tracetool_in_process/(float(warm['median_ms'])/1000):.1f}x faster (warm)")
PY
