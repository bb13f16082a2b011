#!/usr/bin/env bash
# Benchmark: `tapls check` over the 142 files of the QEMU corpus (97 trace-events + 45 QAPI-generated) as a
# whole process (JVM start included), side by side in the same hyperfine run with its peer: QEMU's own
# tracetool reading and validating the same files in ONE Python process (the dtrace backend's .d output,
# which needs every event parsed and checked). Also tapls warm, in one JVM, for the share that is start-up.
# Usage: bench/check.sh      (RUNS=N, default 20; needs hyperfine: apt-get install hyperfine)
# Target: tapls no slower than tracetool (ratio tapls/tracetool <= 1).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/qemu
tracetool=../shared/tools/tracetool/scripts/tracetool.py
runs=${RUNS:-20}
[ -d "$corpus" ] || { echo "bench: $corpus is missing" >&2; exit 2; }
[ -f "$tracetool" ] || { echo "bench: $tracetool is missing" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
[ -f server/target/tapls.jar ] || { echo "bench: build the jar first: mvn -B -q package -DskipTests" >&2; exit 2; }
export PYTHONDONTWRITEBYTECODE=1 # ../shared is read-only

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{ find "$corpus/trace-events" -type f -name trace-events; ls "$corpus"/generated-qapi/*.trace-events; } | sort > "$tmp/list"
n=$(wc -l < "$tmp/list")
files=$(tr '\n' ' ' < "$tmp/list")
# Both must accept every file, or the comparison would be of an error path.
./tapls check $files > /dev/null 2>&1
python3 "$tracetool" --backends=dtrace --format=d --group=all $files "$tmp/out.d"

hyperfine -N --warmup 3 --runs "$runs" --style basic --export-json "$tmp/h.json" \
  -n tapls "./tapls check $files" \
  -n tracetool "python3 $tracetool --backends=dtrace --format=d --group=all $files $tmp/out.d" >/dev/null
warm=$(java -XX:+UseSerialGC -Xss4m -jar server/target/tapls.jar bench --warmup 50 --runs 100 $files)

python3 - "$tmp/h.json" "$n" "$warm" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2]); warm = dict(kv.split("=") for kv in sys.argv[3].split())
t, p = res["tapls"], res["tracetool"]
def line(name, r):
    return (f"  {name:<10} mean {r['mean']*1000:6.0f} ms ± {r['stddev']*1000:4.0f}, median {r['median']*1000:6.0f} ms,"
            f" min {r['min']*1000:6.0f} ms   (CPU: user {r['user']*1000:5.0f} ms, system {r['system']*1000:4.0f} ms)")
print(f"check {n} corpus files, whole process, side by side ({sys.argv[4]} CPUs, load average {sys.argv[5]}):")
print(line("tapls", t))
print(line("tracetool", p))
print(f"  ratio tapls/tracetool: mean {t['mean']/p['mean']:.2f}, median {t['median']/p['median']:.2f},"
      f" min {t['min']/p['min']:.2f}   target <= 1")
print(f"  tapls warm, in one JVM: median {float(warm['median_ms']):.1f} ms, min {float(warm['min_ms']):.1f} ms"
      f" ({warm['diagnostics']} diagnostics): the rest of a run is the JVM starting and warming up")
PY
