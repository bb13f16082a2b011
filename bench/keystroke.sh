#!/usr/bin/env bash
# Benchmark: the language server's work for one keystroke (apply the edit, parse and check the new
# version) in a typical trace-events file and in the largest real one, QEMU 7.2's trace-events-all
# (6,384 lines), in one warm JVM. The standard: far under 10 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f server/target/tapls.jar ] || mvn -B -q -ntp package -DskipTests
files=(../shared/corpus/qemu/trace-events/hw/usb/trace-events)
[ -f /usr/share/qemu/trace-events-all ] && files+=(/usr/share/qemu/trace-events-all)
java -XX:+UseSerialGC -jar server/target/tapls.jar bench --keystroke --warmup 300 --runs 1000 "${files[@]}" |
  while read -r line; do
    eval "declare $(echo "$line" | tr ' ' '\n' | grep -E '^(file|lines|open_ms|keystroke_median_ms|keystroke_max_ms)=' | tr '\n' ' ')"
    printf '%s (%s lines): first analysis %s ms; keystroke median %s ms, max %s ms (target: far under 10 ms)\n' \
      "$file" "$lines" "$open_ms" "$keystroke_median_ms" "$keystroke_max_ms"
  done
