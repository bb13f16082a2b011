#!/usr/bin/env bash
# Benchmark: how long `tapls --version` takes as a whole process, side by side with a bare JVM
# (`java -version`), and, for what every other command pays before its own work, `tapls rules` (the
# command line parsed by picocli, one command run, a table printed).
# Usage: bench/version.sh      (RUNS=N, default 40; needs hyperfine: apt-get install hyperfine)
# Target: tapls --version under 120 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-40}
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
[ -f server/target/tapls.jar ] || { echo "bench: build the jar first: mvn -B -q package -DskipTests" >&2; exit 2; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
json=$(mktemp)
trap 'rm -f "$json"' EXIT

hyperfine -N --warmup 5 --runs "$runs" --style basic --export-json "$json" \
  -n "tapls --version" "./tapls --version" \
  -n "java -version" "$java -version" \
  -n "tapls rules" "./tapls rules" >/dev/null

python3 - "$json" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
print(f"whole process, side by side ({sys.argv[2]} CPUs, load average {sys.argv[3]}):")
for name, r in res.items():
    print(f"  {name:<16} mean {r['mean']*1000:5.0f} ms ± {r['stddev']*1000:3.0f}, median {r['median']*1000:5.0f} ms,"
          f" min {r['min']*1000:5.0f} ms   (CPU: user {r['user']*1000:4.0f} ms, system {r['system']*1000:3.0f} ms)")
v, j = res["tapls --version"], res["java -version"]
print(f"  ratio tapls --version / java -version: median {v['median']/j['median']:.2f}, min {v['min']/j['min']:.2f}")
print(f"  tapls --version median {v['median']*1000:.0f} ms: target < 120 ms "
      f"{'met' if v['median'] < 0.120 else 'NOT met'}")
PY
