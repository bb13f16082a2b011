#!/usr/bin/env python3
# The trace-events fuzzer's oracle: QEMU's own tracetool (../shared/tools/tracetool/scripts), imported once and
# run on many inputs, as `tracetool.py --backends=dtrace --format=F --group=all --binary B --probe-prefix P IN OUT`
# would run on each: read_events, then out_open, then generate; a ValueError, an AssertionError or any other
# exception is tracetool's failure (exit status 1, a traceback), TracetoolError its "Error: ..." (exit status 1).
# Test harness code, not part of tapls; tracetool itself is only imported, never copied.
#
# Protocol: one request a line on stdin, "INPUT<TAB>OUTDIR"; one JSON answer a line on stdout:
#   {"log-stap": {"rc": 0|1, "last": "last line tracetool would print"}, "stap": ..., "simpletrace-stap": ..., "d": ...}
# and for each format that succeeded, OUTDIR/<format> holds its output.
import json
import os
import sys
import traceback

scripts = sys.argv[1]
sys.path.insert(0, scripts)
import tracetool  # noqa: E402
import tracetool.backend  # noqa: E402
import tracetool.format  # noqa: E402

FORMATS = ["log-stap", "stap", "simpletrace-stap", "d"]
BINARY = "/usr/bin/qemu-system-x86_64"
PREFIX = "qemu.system.x86_64"


def run(fmt, path, out):
    tracetool.out_lineno = 1
    try:
        # tracetool.py: open(arg, "r") (universal newlines, the locale's encoding: UTF-8 here)
        with open(path, "r") as fh:
            events = tracetool.read_events(fh, path)
        tracetool.out_open(out)
        try:
            tracetool.generate(events, "all", fmt, ["dtrace"], binary=BINARY, probe_prefix=PREFIX)
        finally:
            tracetool.out_fobj.close()
            tracetool.out_fobj = sys.stdout
        return 0, ""
    except tracetool.TracetoolError as e:
        return 1, "Error: " + str(e)
    except SystemExit as e:
        return (e.code if isinstance(e.code, int) else 1), "exit"
    except BaseException as e:  # noqa: B902 - every exception is tracetool's traceback and exit status 1
        return 1, traceback.format_exception_only(type(e), e)[-1].strip()


for line in sys.stdin:
    path, outdir = line.rstrip("\n").split("\t")
    answer = {}
    for fmt in FORMATS:
        out = os.path.join(outdir, fmt)
        if os.path.exists(out):
            os.remove(out)
        rc, last = run(fmt, path, out)
        if rc != 0 and os.path.exists(out):
            os.remove(out)  # tracetool leaves a truncated file behind; its verdict is what counts
        answer[fmt] = {"rc": rc, "last": last}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
