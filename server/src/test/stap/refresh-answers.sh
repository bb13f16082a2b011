#!/usr/bin/env bash
# Records the real stap's answers for the unit tests, in server/src/test/resources/stap/:
#   verdict-snippets.txt  (stap -p1)  ->  verdict-snippets.expected    (unit test StapVerdictTest)
#   pass2-snippets.txt    (stap -p2)  ->  pass2-snippets.expected      (unit test StapPass2Test)
#   pass2/CLASS.txt       (stap -p2, and -u for a script whose first line runs stap -u)  ->  pass2/CLASS.expected
#                         with stap's primary error: the cause, not the "while resolving probe point" or
#                         "while processing probe" line that wraps it        (unit test StapPass2CorpusTest)
#   the test library ../tapsets (stap --dump-probe-aliases, --dump-functions, -L) -> tapset-fixture.expected
#                                                                      (unit test index.TapsetIndexTest)
# through ../shared/tools/stap-oracle (Debian's systemtap and systemtap-common, offline). The integration tests
# StapVerdictIT, StapPass2IT and TapsetFixtureIT ask the real stap again and fail when a file is out of date.
# Run it after adding or changing a snippet or a file of the test library:
#   server/src/test/stap/refresh-answers.sh
# Each snippet is written to ID.stp (the verdict suite without trailing blank lines, as the tests write it)
# and given to the oracle by that relative name, so stap's messages name the file ID.stp.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
resources=$(cd "$here/../resources/stap" && pwd)
oracle=${STAP_ORACLE:-$here/../../../../../shared/tools/stap-oracle/stap-oracle}
[ -x "$oracle" ] || { echo "refresh-answers: no stap-oracle at $oracle (set STAP_ORACLE)" >&2; exit 2; }
command -v stap >/dev/null || { echo "refresh-answers: stap is not installed (apt-get install systemtap systemtap-common)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# split SUITE.txt MODE DIR: one file ID.stp per "=== ID" block, in the order of the file; prints the ids.
# MODE strip: the body without trailing white space, plus one newline; MODE asis: the lines as they are.
split() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
mode, out = sys.argv[2], sys.argv[3]
blocks, ident, body = [], None, []
for line in text.split("\n"):          # as the tests read it: a final "" line after the last newline
    if line.startswith("=== "):
        if ident is not None:
            blocks.append((ident, "".join(body)))
        ident, body = line[4:].strip(), []
    elif ident is not None:
        body.append(line + "\n")
if ident is not None:
    blocks.append((ident, "".join(body)))
for ident, b in blocks:
    with open(f"{out}/{ident}.stp", "w", encoding="utf-8", newline="") as f:
        f.write(b.rstrip() + "\n" if mode == "strip" else b)
    print(ident)
PY
}

record() { # record SUITE PASS MODE
  local suite=$1 pass=$2 mode=$3 dir=$work/$1 ids out
  mkdir -p "$dir"
  ids=$(split "$resources/$suite.txt" "$mode" "$dir")
  out=$resources/$suite.expected
  {
    echo "# The real stap's answers ($pass) for $suite.txt, recorded by server/src/test/stap/refresh-answers.sh"
    echo "# from ../shared/tools/stap-oracle ($(stap -V 2>&1 | head -1 | sed -E 's/.*\(version ([^,)]*).*/stap \1/'))."
    echo "# Do not edit: run the script. One line a snippet: ID <TAB> PASS|FAIL <TAB> stap's first error line."
    # shellcheck disable=SC2086
    (cd "$dir" && "$oracle" "$pass" $(printf '%s.stp ' $ids)) | awk -F'\t' -v OFS='\t' '{ sub(/\.stp$/, "", $4); print $4, $1, $5 }'
  } > "$out.tmp"
  local n
  n=$(grep -vc '^#' "$out.tmp" || true)
  [ "$n" = "$(echo "$ids" | wc -l)" ] || { echo "refresh-answers: the oracle answered $n of $(echo "$ids" | wc -l) $suite" >&2; exit 1; }
  mv "$out.tmp" "$out"
  echo "${out#"$PWD"/}: $n answers ($(grep -c $'\tFAIL\t' "$out") FAIL)"
}

# The test library's aliases, functions and alias variables, as stap lists them with only that library.
record_fixture() {
  local fixture out=$resources/tapset-fixture.expected args
  fixture=$(cd "$here/../resources/tapsets" && pwd)
  {
    echo "# What the real stap lists of the tests' tapset library (server/src/test/resources/tapsets, alone on its"
    echo "# search path), recorded by server/src/test/stap/refresh-answers.sh from ../shared/tools/stap-oracle"
    echo "# ($(stap -V 2>&1 | head -1 | sed -E 's/.*\(version ([^,)]*).*/stap \1/')). Do not edit: run the script. A section a command."
    for args in "--dump-probe-aliases" "--dump-functions" \
        "-L *syscall.open**"; do
      echo "## stap $args"
      # shellcheck disable=SC2086
      (set -f; SYSTEMTAP_TAPSET=$fixture "$oracle" --raw $args)
    done
  } > "$out.tmp"
  mv "$out.tmp" "$out"
  echo "${out#"$PWD"/}: $(grep -vc '^#' "$out") lines"
}

# The pass-2 corpus: stap run directly (as stap-oracle --raw does, with Debian's library), each script by its
# relative name in its own directory; -u when its first line runs stap -u; the primary error recorded.
record_corpus() { # record_corpus CLASS
  local suite=$1 dir=$work/corpus/$1 ids out
  mkdir -p "$dir"
  ids=$(split "$resources/pass2/$suite.txt" asis "$dir")
  out=$resources/pass2/$suite.expected
  {
    echo "# The real stap's answers (-p2; -u where the script's first line asks) for $suite.txt, recorded by"
    echo "# server/src/test/stap/refresh-answers.sh ($(stap -V 2>&1 | head -1 | sed -E 's/.*\(version ([^,)]*).*/stap \1/'))."
    echo "# Do not edit: run the script. One line a snippet: ID <TAB> PASS|FAIL <TAB> stap's primary error line."
    for id in $ids; do
      opts=(-g -p2)
      if head -1 "$dir/$id.stp" | grep -qE '^#!.*[[:space:]]-[a-zA-Z]*u'; then opts+=(-u); fi
      err=$(cd "$dir" && "$oracle" --raw "${opts[@]}" "$id.stp" 2>&1 >/dev/null) && rc=0 || rc=$?
      [ $rc = 0 ] && verdict=PASS || verdict=FAIL
      line=$(printf '%s\n' "$err" | python3 -c '
import re, sys
ident = sys.argv[1]
lines = [l for l in sys.stdin.read().split("\n") if re.match(r"^(semantic error|parse error): ", l)]
wrap = ("semantic error: while processing ", "semantic error: while resolving probe point")
pick = next((l for l in lines if not l.startswith(wrap)), lines[0] if lines else "")
print(re.sub(r" at :(\d+:\d+)$", r" at %s.stp:\1" % ident, pick))' "$id")
      printf '%s\t%s\t%s\n' "$id" "$verdict" "$line"
    done
  } > "$out.tmp"
  mv "$out.tmp" "$out"
  echo "${out#"$PWD"/}: $(grep -vc '^#' "$out") answers ($(grep -c $'\tFAIL\t' "$out") FAIL)"
}

record verdict-snippets -p1 strip
record pass2-snippets -p2 asis
for suite in $(cd "$resources/pass2" && ls *.txt | sed 's/\.txt$//'); do
  record_corpus "$suite"
done
record_fixture
