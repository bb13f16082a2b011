#!/usr/bin/env python3
"""One fresh `tapls lsp` session, timed from the process start (used by bench/lsp-first-script.sh).

Starts the server command given after `--`, sends initialize/initialized, opens a SystemTap script and a
trace-events file in the same instant, and waits for the first textDocument/publishDiagnostics of each.
Prints one line of key=value figures, in milliseconds since the process was started:
  initialize_ms=... trace_events_ms=... script_ms=... script_diagnostics=N trace_events_diagnostics=N
and the CPU time the server had used when each file's diagnostics arrived (script_cpu_ms=...).
Exits 1 (with one line on stderr) when the server dies or a deadline passes.

Usage: lsp_first_script.py SCRIPT TRACE_EVENTS [--timeout S] -- COMMAND...
"""
import json
import os
import pathlib
import select
import subprocess
import sys
import time


def frame(msg):
    body = json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Reader:
    """Reads LSP frames from a pipe without blocking past a deadline."""

    def __init__(self, fd):
        self.fd = fd
        self.buf = b""

    def next(self, deadline):
        while True:
            head_end = self.buf.find(b"\r\n\r\n")
            if head_end >= 0:
                length = None
                for line in self.buf[:head_end].split(b"\r\n"):
                    k, _, v = line.partition(b":")
                    if k.strip().lower() == b"content-length":
                        length = int(v)
                start = head_end + 4
                if length is not None and len(self.buf) >= start + length:
                    body = self.buf[start:start + length]
                    self.buf = self.buf[start + length:]
                    return json.loads(body)
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    raise EOFError
                self.buf += chunk


def cpu_ms(pid):
    """CPU time the server has used so far (user + system, all its threads): robust where wall time is
    not, on a machine busy with other work."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def main(argv):
    if "--" not in argv:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    sep = argv.index("--")
    opts, command = argv[:sep], argv[sep + 1:]
    timeout = 30.0
    if "--timeout" in opts:
        i = opts.index("--timeout")
        timeout = float(opts[i + 1])
        del opts[i:i + 2]
    script, trace_events = (pathlib.Path(p).resolve() for p in opts)
    root = os.path.commonpath([script.parent, trace_events.parent])

    t0 = time.monotonic()
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    reader = Reader(proc.stdout.fileno())
    deadline = t0 + timeout
    ms = lambda: (time.monotonic() - t0) * 1000

    def send(msg):
        proc.stdin.write(frame(msg))
        proc.stdin.flush()

    def answer(msg):
        # Requests from the server (progress tokens, registrations, configuration) get an empty success.
        if "id" in msg and "method" in msg:
            send({"jsonrpc": "2.0", "id": msg["id"], "result": None})

    figures = {}
    try:
        send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "processId": os.getpid(), "rootUri": pathlib.Path(root).as_uri(),
            "workspaceFolders": [{"uri": pathlib.Path(root).as_uri(), "name": "bench"}],
            "capabilities": {"window": {"workDoneProgress": True},
                             "textDocument": {"publishDiagnostics": {}}}}})
        while "initialize_ms" not in figures:
            msg = reader.next(deadline)
            answer(msg)
            if msg.get("id") == 1 and "method" not in msg:
                figures["initialize_ms"] = ms()
                figures["initialize_cpu_ms"] = cpu_ms(proc.pid)
        send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        uris = {}
        for path, lang, key in ((script, "systemtap", "script"), (trace_events, "trace-events", "trace_events")):
            uris[path.as_uri()] = key
            send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": path.as_uri(), "languageId": lang, "version": 1, "text": path.read_text()}}})
        while any(k + "_ms" not in figures for k in uris.values()):
            msg = reader.next(deadline)
            answer(msg)
            if msg.get("method") == "textDocument/publishDiagnostics":
                key = uris.get(msg["params"]["uri"])
                if key and key + "_ms" not in figures:
                    figures[key + "_ms"] = ms()
                    figures[key + "_diagnostics"] = len(msg["params"]["diagnostics"])
                    figures[key + "_cpu_ms"] = cpu_ms(proc.pid)
        send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
        while True:
            msg = reader.next(deadline)
            answer(msg)
            if msg.get("id") == 2 and "method" not in msg:
                break
        send({"jsonrpc": "2.0", "method": "exit", "params": None})
        proc.wait(timeout=max(1.0, deadline - time.monotonic()))
    except TimeoutError:
        proc.kill()
        print(f"bench: no answer within {timeout:.0f} s (have: {figures})", file=sys.stderr)
        return 1
    except EOFError:
        proc.kill()
        print(f"bench: the server closed its output (exit {proc.wait()}; have: {figures})", file=sys.stderr)
        return 1
    print(" ".join(f"{k}={v:.0f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
