#!/usr/bin/env bash
# Differential fuzzing against the real tools (issue 9): tapls against stap -p1 (../shared/tools/stap-oracle) on
# .stp programs generated from the grammar and mutated from Debian's tapset library, or against QEMU's tracetool
# (../shared/tools/tracetool) on trace-events files generated from the grammar and mutated from the QEMU corpus.
# Runs for a set time, prints the inputs tried and every disagreement; the disagreements, minimised, and the real
# tool's answers go to server/target/fuzz/TARGET/ (add them to server/src/test/resources/fuzz/TARGET/).
# Usage: bench/fuzz.sh stap|trace-events|all [SECONDS (default 600)] [SEED (default: time)] [JOBS (default 2)]
#        bench/fuzz.sh record   (asks the real tools again for their answers on the regression corpora)
# Input i of seed S is made again by the same S: a reported input is reproducible.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: bench/fuzz.sh stap\|trace-events\|all [SECONDS] [SEED] [JOBS]}
seconds=${2:-600}
seed=${3:-$(( $(date +%s) % 100000 ))}
jobs=${4:-2}
export PYTHONDONTWRITEBYTECODE=1 # ../shared is read-only
mvn -B -q -o -ntp test-compile -pl grammar,server
cp=server/target/fuzz-classpath.txt
if [ ! -s "$cp" ] || [ server/pom.xml -nt "$cp" ]; then
  mvn -B -q -o -ntp dependency:build-classpath -pl grammar,server -Dmdep.outputFile="$PWD/$cp" >/dev/null
fi
# a snapshot of the classes: a build while the fuzzer runs must not pull them from under it
snap=$(mktemp -d)
trap 'rm -rf "$snap"' EXIT
cp -r server/target/test-classes "$snap/test-classes"; cp -r server/target/classes "$snap/classes"
cp -r grammar/target/classes "$snap/grammar-classes"
classes=$snap/test-classes:$snap/classes:$snap/grammar-classes:$(cat "$cp")
run() {
  # from server/, as the tests run: the oracle's macro library and the index cache live under target/
  (cd server && TAPLS_CACHE_DIR="$PWD/target/test-cache" java -Xss16m -XX:+UseSerialGC -cp "$classes" \
    io.tapls.fuzz.Fuzz "$1" --seconds "$2" --seed "$seed" --jobs "$jobs")
}
case "$target" in
  record) (cd server && java -cp "$classes" io.tapls.fuzz.Fuzz record) ;;
  all) run stap $((seconds / 2)); run trace-events $((seconds / 2)) ;;
  stap|trace-events) run "$target" "$seconds" ;;
  *) echo "bench/fuzz.sh: unknown target $target (stap, trace-events or all)" >&2; exit 2 ;;
esac
