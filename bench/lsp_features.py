#!/usr/bin/env python3
"""Editor requests against one `tapls lsp` session (used by bench/lsp-features.sh).

Starts the server command given after `--` with WORKSPACE as its folder, opens TRACE_EVENTS and SCRIPT, then:
completion and hover at N random positions in each (time from request to answer), one-character edits of each
(time from the change until the new diagnostics arrive, debounce included), and the server's resident memory.
Prints key=value lines (milliseconds): initialize, completion/hover p50/p99, republish p50/p99 per file, rss_mb.

Usage: lsp_features.py WORKSPACE TRACE_EVENTS SCRIPT [--requests N] [--edits N] -- COMMAND...
"""
import json
import os
import pathlib
import random
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from lsp_first_script import Reader, frame  # noqa: E402  (the same framing as the first-script bench)


class Session:
    def __init__(self, command):
        self.start = time.monotonic()
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.reader = Reader(self.proc.stdout.fileno())
        self.next_id = 0
        self.diagnostics = {}  # uri -> (arrival, version)

    def send(self, msg):
        self.proc.stdin.write(frame(msg))
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params, timeout=60):
        self.next_id += 1
        rid = self.next_id
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while True:
            msg = self.reader.next(deadline)
            if msg.get("id") == rid and "method" not in msg:
                return msg
            self.observe(msg)

    def observe(self, msg):
        if msg.get("method") == "textDocument/publishDiagnostics":
            p = msg["params"]
            self.diagnostics[p["uri"]] = (time.monotonic(), p.get("version"))
        elif "id" in msg and "method" in msg:  # a request from the server (progress, registrations)
            self.send({"jsonrpc": "2.0", "id": msg["id"], "result": None})

    def wait_diagnostics(self, uri, version, timeout=60):
        deadline = time.monotonic() + timeout
        while True:
            got = self.diagnostics.get(uri)
            if got and got[1] == version:
                return got[0]
            self.observe(self.reader.next(deadline))


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv):
    sep = argv.index("--")
    opts, command = argv[:sep], argv[sep + 1:]
    requests, edits = 1000, 40
    for flag in ("--requests", "--edits"):
        if flag in opts:
            i = opts.index(flag)
            if flag == "--requests":
                requests = int(opts[i + 1])
            else:
                edits = int(opts[i + 1])
            del opts[i:i + 2]
    workspace, files = pathlib.Path(opts[0]).resolve(), [pathlib.Path(p).resolve() for p in opts[1:3]]
    s = Session(command)
    s.request("initialize", {"processId": os.getpid(), "rootUri": workspace.as_uri(),
                             "workspaceFolders": [{"uri": workspace.as_uri(), "name": "w"}],
                             "capabilities": {"window": {"workDoneProgress": True}}})
    initialized = (time.monotonic() - s.start) * 1000
    s.notify("initialized", {})
    texts = {}
    for f, lang in zip(files, ("trace-events", "systemtap")):
        texts[f.as_uri()] = f.read_text()
        s.notify("textDocument/didOpen", {"textDocument": {"uri": f.as_uri(), "languageId": lang, "version": 1,
                                                           "text": texts[f.as_uri()]}})
    for uri in texts:
        s.wait_diagnostics(uri, 1, timeout=120)  # the index is built, the first diagnostics are out
    rng = random.Random(1)
    out = {"initialize_ms": initialized}
    for method in ("completion", "hover"):
        times = []
        for k in range(requests):
            uri = list(texts)[k % 2]
            lines = texts[uri].split("\n")
            line = rng.randrange(len(lines))
            pos = {"line": line, "character": rng.randrange(len(lines[line]) + 1)}
            t = time.monotonic()
            s.request("textDocument/" + method, {"textDocument": {"uri": uri}, "position": pos})
            times.append((time.monotonic() - t) * 1000)
        out[f"{method}_p50_ms"] = percentile(times, 50)
        out[f"{method}_p99_ms"] = percentile(times, 99)
    for uri, name in zip(texts, ("trace_events", "script")):
        lines = texts[uri].split("\n")
        line = len(lines) // 2
        times = []
        for k in range(edits):
            version = 2 + k
            change = ({"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
                       "text": "x"} if k % 2 == 0 else
                      {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}},
                       "text": ""})
            t = time.monotonic()
            s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                "contentChanges": [change]})
            arrived = s.wait_diagnostics(uri, version)
            times.append((arrived - t) * 1000)
            time.sleep(0.05)
        out[f"republish_{name}_p50_ms"] = percentile(times, 50)
        out[f"republish_{name}_p99_ms"] = percentile(times, 99)
    # Resident memory twice: right after the burst of edits, and once the editor has been quiet for 3 s, as
    # when one reads code (the server trims its heap when idle: lsp/IdleHeapTrim). The target is the second.
    out["rss_busy_mb"] = rss_mb(s.proc.pid)
    time.sleep(3.5)
    out["rss_mb"] = rss_mb(s.proc.pid)
    s.request("shutdown", None)
    s.notify("exit", None)
    s.proc.wait(timeout=10)
    print(" ".join(f"{k}={v:.2f}" for k, v in out.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
