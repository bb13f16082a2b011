#!/usr/bin/env bash
# Benchmark: parse and index the whole SystemTap tapset library.
#   1. tapls, whole process (cold JVM): `tapls index` parses every .stp/.stpm and builds the index (the disk
#      cache turned off: this times the parse), and again reading the index back from the disk cache
#      (what every start after the first does);
#   2. the real stap, pass 1 over the same .stp files, one process a file (../shared/tools/stap-oracle -p1);
#   3. tapls warm, in one process (index built repeatedly; full JIT);
#   4. re-parsing one 110 KB file in a warm process.
# Prints the figures and the ratios. Needs hyperfine, systemtap, systemtap-common and a built jar.
set -euo pipefail
cd "$(dirname "$0")/.."
root=${TAPSET_ROOT:-/usr/share/systemtap/tapset}
oracle=${STAP_ORACLE:-../shared/tools/stap-oracle/stap-oracle}
big=${BIG_FILE:-$root/linux/mips/syscall_num.stp}
runs=${RUNS:-5}
[ -f server/target/tapls.jar ] || mvn -B -ntp -q install -DskipTests
command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

find "$root" -name '*.stp' | sort > "$tmp/stp"
nfiles=$(find "$root" -name '*.stp' -o -name '*.stpm' | wc -l)
bytes=$(find "$root" \( -name '*.stp' -o -name '*.stpm' \) -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
echo "corpus: $nfiles files, $bytes bytes under $root"

TAPLS_CACHE_DIR=off hyperfine -N --warmup 1 --runs "$runs" --export-json "$tmp/tapls.json" "./tapls index" >/dev/null
TAPLS_CACHE_DIR="$tmp/cache" hyperfine -N --warmup 1 --runs "$runs" --export-json "$tmp/cached.json" "./tapls index" >/dev/null
hyperfine --runs 1 --export-json "$tmp/stap.json" "xargs -a $tmp/stp $oracle -p1 > /dev/null" >/dev/null
warm=$(TAPLS_JAVA_OPTS="-Xss4m" ./tapls index --repeat "${WARM_RUNS:-30}")
reparse=$(TAPLS_JAVA_OPTS="-Xss4m" ./tapls index --repeat "${REPARSE_RUNS:-300}" --reparse "$big")

python3 - "$tmp/tapls.json" "$tmp/stap.json" "$warm" "$reparse" "$big" "$tmp/cached.json" <<'PY'
import json, re, sys, os
tapls = json.load(open(sys.argv[1]))["results"][0]
cached = json.load(open(sys.argv[6]))["results"][0]
stap = json.load(open(sys.argv[2]))["results"][0]
warm = float(re.search(r"warm min ([0-9.]+) ms", sys.argv[3]).group(1))
warm_med = float(re.search(r"warm median ([0-9.]+) ms", sys.argv[3]).group(1))
rep = float(re.search(r"warm min ([0-9.]+) ms", sys.argv[4]).group(1))
rep_med = float(re.search(r"warm median ([0-9.]+) ms", sys.argv[4]).group(1))
t, s = tapls["mean"], stap["mean"]
print(f"tapls index, whole process (cold JVM): {t*1000:7.0f} ms  (min {tapls['min']*1000:.0f} ms, {len(tapls['times'])} runs)   target < 1000 ms")
print(f"tapls index, index from the disk cache: {cached['mean']*1000:7.0f} ms  (min {cached['min']*1000:.0f} ms)")
print(f"stap -p1, one process a file:          {s*1000:7.0f} ms")
print(f"  ratio stap / tapls:                  {s/t:7.1f}x")
print(f"tapls warm, in-process:                {warm:7.1f} ms  (median {warm_med:.1f} ms)   target < 250 ms")
print(f"  ratio stap / tapls warm:             {s*1000/warm:7.1f}x")
print(f"re-parse {os.path.basename(sys.argv[5])} ({os.path.getsize(sys.argv[5])//1024} KB), warm: {rep:5.1f} ms  (median {rep_med:.1f} ms)   target < 15 ms")
PY
