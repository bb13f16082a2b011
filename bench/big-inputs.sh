#!/usr/bin/env bash
# Big inputs (issue 9, Build 3): a 20 MB trace-events file (QEMU's corpus again and again, every event renamed)
# and a 14 MB SystemTap script (Debian's tapset library again and again), each checked by `tapls check` (wall
# time, CPU time, peak resident memory), and the script opened in `tapls lsp` (time to its diagnostics, from the
# process start). Targets: trace-events under 3 s and 400 MB; the script's diagnostics in the server under 3 s.
# Usage: bench/big-inputs.sh [TAPLS_CHECKOUT (default: this one)]   (needs ../shared, systemtap-common, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
bench=$PWD/bench
tapls=${1:-$PWD}/tapls
[ -x "$tapls" ] || { echo "bench: $tapls is missing" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/te" "$tmp/stp"
python3 - "$tmp" <<'PY'
import glob, re, sys
tmp = sys.argv[1]
corpus = ''.join(open(f).read() for f in sorted(glob.glob('../shared/corpus/qemu/trace-events/**/trace-events', recursive=True)))
event = re.compile(r'(?m)^((?:disable\s+)?)([A-Za-z_][A-Za-z0-9_]*)\(')
out, size, k = [], 0, 0
while size < 20 << 20:
    k += 1
    chunk = event.sub(lambda m: m.group(1) + m.group(2) + '_' + str(k) + '(', corpus)
    out.append(chunk); size += len(chunk)
open(tmp + '/te/trace-events', 'w').write(''.join(out))
lib = sorted(glob.glob('/usr/share/systemtap/tapset/**/*.stp', recursive=True))
out, size = [], 0
while size < 14 << 20:
    for f in lib:
        t = open(f, encoding='utf-8', errors='replace').read() + '\n'
        out.append(t); size += len(t)
open(tmp + '/stp/big.stp', 'w').write(''.join(out))
PY
printf 'a(int x) "x=%%d"\n' > "$tmp/stp/trace-events"
for f in "$tmp/te/trace-events" "$tmp/stp/big.stp"; do
  /usr/bin/time -f "check $(basename "$f") ($(( $(stat -c %s "$f") >> 20 )) MB): wall %e s, CPU %U s user + %S s system, peak resident %M KB" \
    "$tapls" check "$f" > /dev/null 2> "$tmp/err" || true
  tail -1 "$tmp/err"
done
python3 "$bench/lsp_first_script.py" "$tmp/stp/big.stp" "$tmp/stp/trace-events" --timeout 600 -- "$tapls" lsp \
  | sed 's/^/server, the 14 MB script: /'
echo "($(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg))"
