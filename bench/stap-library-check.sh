#!/usr/bin/env bash
# Benchmark (issue 11, "Speed"): `tapls check` over Debian's whole tapset library, whole process, side by side in
# one hyperfine run:
#   - this checkout, with pass 2 (stap -p2's elaboration: every tapset file resolved as if a script used all of it);
#   - this checkout, --syntax-only (pass 1 alone: what the semantic pass adds is the difference);
#   - a baseline checkout given as the first argument (the tapls before pass 2 was rewritten, e.g. a worktree of
#     commit d9fe096 built with `mvn -B -q package -DskipTests`), with its semantics.
# (stap has no peer figure here: it elaborates only what a script uses, never a library as a whole.)
# Target: with semantics, within 1.5 times the baseline's time.
# Usage: bench/stap-library-check.sh [BASELINE_CHECKOUT]   (RUNS=N, default 10; needs hyperfine, systemtap-common)
set -euo pipefail
cd "$(dirname "$0")/.."
root=${TAPSET_ROOT:-/usr/share/systemtap/tapset}
runs=${RUNS:-10}
base=${1:-}
command -v hyperfine >/dev/null || { echo "bench: hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
[ -d "$root" ] || { echo "bench: Debian's tapset library is missing (apt-get install systemtap-common)" >&2; exit 2; }
[ -f server/target/tapls.jar ] || { echo "bench: build the jar first: mvn -B -q package -DskipTests" >&2; exit 2; }
if [ -n "$base" ]; then
  [ -f "$base/server/target/tapls.jar" ] || { echo "bench: $base/server/target/tapls.jar is missing" >&2; exit 2; }
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=$(find "$root" \( -name '*.stp' -o -name '*.stpm' \) | wc -l)
# Both must give their verdicts without an error, or the comparison would be of an error path.
./tapls check "$root" > "$tmp/now.txt" 2>&1 || { tail -3 "$tmp/now.txt"; echo "bench: tapls check failed" >&2; exit 2; }
args=(-n "tapls (pass 2)" "./tapls check $root" -n "tapls --syntax-only" "./tapls check --syntax-only $root")
if [ -n "$base" ]; then
  "$base/tapls" check "$root" > "$tmp/base.txt" 2>&1 || true
  args+=(-n "baseline" "$base/tapls check $root")
fi
hyperfine -N --warmup 2 --runs "$runs" --style basic --export-json "$tmp/h.json" "${args[@]}" > /dev/null
python3 - "$tmp/h.json" "$n" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(tail -1 "$tmp/now.txt")" \
  "$( [ -n "$base" ] && tail -1 "$tmp/base.txt" || echo)" <<'PY'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
print(f"tapls check over Debian's tapset library ({sys.argv[2]} files), whole process"
      f" ({sys.argv[3]} CPUs, load average {sys.argv[4]}):")
for name, r in res.items():
    print(f"  {name:<20} mean {r['mean']*1000:6.0f} ms ± {r['stddev']*1000:4.0f}, median {r['median']*1000:6.0f} ms"
          f"   (CPU: user {r['user']*1000:5.0f} ms, system {r['system']*1000:4.0f} ms)")
print(f"  verdict now:      {sys.argv[5]}")
if "baseline" in res:
    print(f"  verdict baseline: {sys.argv[6]}")
    p, b = res["tapls (pass 2)"], res["baseline"]
    print(f"  ratio pass 2 / baseline: mean {p['mean']/b['mean']:.2f}, median {p['median']/b['median']:.2f}"
          f"   target <= 1.5")
s, p = res["tapls --syntax-only"], res["tapls (pass 2)"]
print(f"  pass 2 adds {1000*(p['median']-s['median']):.0f} ms (median) to pass 1")
PY
