// The JSON-RPC harness (harness.ts) on the protocol's plumbing: initialize, a diagnostic, a hover,
// settings, workspace folders and watched files, shutdown. features.test.ts has the features of both
// languages; vsix.test.ts the server inside the packaged extension.

import { strict as assert } from "node:assert";
import { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, test } from "node:test";
import {
  Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  Registration,
  RegistrationRequest,
  ShutdownRequest,
  TextDocumentSyncKind,
  WorkDoneProgressCreateRequest,
} from "vscode-languageserver-protocol/node";
import { serverSettings, TaplsConfig } from "../src/launch";
import { missingJar, Publications, startServer, within } from "./harness";
import { skipOrFail } from "./support";

const URI = "file:///work/hw/net/trace-events";
const TEXT = '# e1000.c\ne1000_set_ics(uint64_t val, uint32_t ics) "val=0x%x ics=0x%x"\n';
const STP_URI = "file:///work/scripts/count.stp";

describe("the real tapls server, started as the extension starts it", () => {
  let server: ChildProcess | undefined;
  let connection: ProtocolConnection | undefined;
  let stderr = "";
  const waiting = new Map<string, (p: PublishDiagnosticsParams) => void>();
  const received: PublishDiagnosticsParams[] = [];

  const nextDiagnostics = (uri: string) =>
    within(
      20_000,
      `diagnostics for ${uri}`,
      new Promise<PublishDiagnosticsParams>((resolve) => {
        const i = received.findIndex((p) => p.uri === uri);
        if (i >= 0) {
          resolve(received.splice(i, 1)[0]);
        } else {
          waiting.set(uri, resolve);
        }
      }),
    );

  before(async () => {
    const started = await startServer();
    if (!started) {
      // A test context without skip (the hook's) cannot skip: the tests below check `connection`.
      return;
    }
    server = started.server;
    server.stderr!.on("data", (d) => (stderr += d.toString()));
    connection = started.connection;
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const w = waiting.get(p.uri);
      if (w) {
        waiting.delete(p.uri);
        w(p);
      } else {
        received.push(p);
      }
    });
    connection.listen();
  });

  after(() => {
    connection?.dispose();
    if (server && server.exitCode === null) {
      server.kill();
    }
  });

  const ready = (t: import("node:test").TestContext): ProtocolConnection | undefined => {
    if (!connection) {
      skipOrFail(t, missingJar());
      return undefined;
    }
    return connection;
  };

  test("initialize: the server names itself and its capabilities", async (t) => {
    const c = ready(t);
    if (!c) return;
    const result: InitializeResult = await within(
      30_000,
      "initialize",
      c.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        initializationOptions: serverSettings({ qemuVersion: "", disable: [], enable: [] }),
      }),
    );
    assert.equal(result.serverInfo?.name, "tapls");
    assert.equal(result.capabilities.textDocumentSync, TextDocumentSyncKind.Incremental);
    assert.equal(result.capabilities.hoverProvider, true);
    await c.sendNotification(InitializedNotification.type, {});
  });

  test("didOpen of a trace-events file with a mistake publishes its diagnostic", async (t) => {
    const c = ready(t);
    if (!c) return;
    await c.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: URI, languageId: "trace-events", version: 1, text: TEXT },
    });
    const p = await nextDiagnostics(URI);
    assert.equal(p.diagnostics.length, 1, JSON.stringify(p));
    const d = p.diagnostics[0];
    assert.equal(d.code, "format-type-mismatch");
    assert.deepEqual(d.range, { start: { line: 1, character: 49 }, end: { line: 1, character: 51 } });
    assert.match(d.message, /format '%x' expects 'unsigned int', but argument 'val' has type 'uint64_t'/);
  });

  test("hover on a conversion names the argument it prints", async (t) => {
    const c = ready(t);
    if (!c) return;
    const h = await within(
      10_000,
      "hover",
      c.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 1, character: 59 } }),
    );
    assert.ok(h && typeof h.contents === "object" && "value" in h.contents, JSON.stringify(h));
    assert.equal((h.contents as { value: string }).value, "`%x` prints argument 2, `ics` (`uint32_t`)");
  });

  test("the extension's settings notification reaches the server: a disabled rule disappears", async (t) => {
    const c = ready(t);
    if (!c) return;
    await c.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { tapls: serverSettings({ disable: ["format-type-mismatch"] }) },
    });
    const p = await nextDiagnostics(URI);
    assert.deepEqual(p.diagnostics, []);
  });

  test("a SystemTap document is accepted without breaking the server", async (t) => {
    const c = ready(t);
    if (!c) return;
    await c.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: STP_URI, languageId: "systemtap", version: 1, text: 'probe begin { printf("hi\\n"); exit() }\n' },
    });
    // Whatever the server does with it, it still answers requests.
    await within(
      10_000,
      "hover after a .stp didOpen",
      c.sendRequest(HoverRequest.type, { textDocument: { uri: STP_URI }, position: { line: 0, character: 2 } }),
    );
    assert.equal(server?.exitCode, null, stderr);
  });

  test("shutdown then exit: the server ends with status 0", async (t) => {
    const c = ready(t);
    if (!c) return;
    const exited = new Promise<number | null>((resolve) => server!.on("exit", (code) => resolve(code)));
    await within(10_000, "shutdown", c.sendRequest(ShutdownRequest.type));
    await c.sendNotification(ExitNotification.type);
    assert.equal(await within(10_000, "the server's exit", exited), 0, stderr);
  });
});

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
const only = (code: string) => (ds: Diagnostic[]) => ds.length === 1 && ds[0].code === code;
const none = (ds: Diagnostic[]) => ds.length === 0;

// The scenario of the server's WorkspaceProtocolIT: a script probes an alias that tracetool derives
// from a trace-events file of the workspace, misspelt.
const EVENTS = 'qio_task_new(void *task, void *source, void *func, void *opaque) "task=%p source=%p func=%p opaque=%p"\n';
const SCRIPT = "probe qemu.system.x86_64.qio_task_nwe { println(task) }\n";

describe("the extension's settings, workspace folders and watched files, through the real server", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tapls-vscode-"));
  const ws = path.join(tmp, "ws");
  const uri = (...p: string[]) => pathToFileURL(path.join(...p)).href;
  let server: ChildProcess | undefined;
  let connection: ProtocolConnection | undefined;
  let stderr = "";
  const published = new Publications();
  const registrations: Registration[] = [];
  const texts = new Map<string, string>();

  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return uri(file);
  };
  const files = {
    script: write(path.join(ws, "tasks.stp"), SCRIPT),
    events: write(path.join(ws, "io", "trace-events"), EVENTS),
    // A legacy `vcpu` event: QEMU 7.2's tracetool accepts the property, the newest does not.
    vcpu: write(path.join(ws, "hw", "trace-events"), 'vcpu guest_op(int x) "x=%d"\n'),
    // printf's %lld is an error in the x86_64 branch, which another architecture does not take.
    arch: write(path.join(ws, "arch.stp"), '%( arch == "x86_64" %? probe begin { printf("%lld\\n", 1) } %: probe begin { println(1) } %)\n'),
    // A function of a tapset directory outside the workspace.
    tick: write(path.join(ws, "tick.stp"), "probe begin { println(tapls_tick()) }\n"),
  };
  write(path.join(tmp, "tapsets", "tick.stp"), "function tapls_tick() { return 1 }\n");
  // Outside the workspace folder: the correctly spelt event, for traceEvents and a second folder.
  write(path.join(tmp, "extra", "util", "trace-events"), 'qio_task_nwe(void *task) "task=%p"\n');
  for (const [, u] of Object.entries(files)) {
    texts.set(u, fs.readFileSync(new URL(u), "utf8"));
  }

  const configure = async (config: TaplsConfig) => {
    const mark = published.mark();
    await connection!.sendNotification(DidChangeConfigurationNotification.type, { settings: { tapls: serverSettings(config) } });
    return mark;
  };

  before(async () => {
    const started = await startServer();
    if (!started) {
      return;
    }
    server = started.server;
    server.stderr!.on("data", (d) => (stderr += d.toString()));
    connection = started.connection;
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => published.add(p));
    connection.onRequest(RegistrationRequest.type, (p) => {
      registrations.push(...p.registrations);
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    connection.listen();
  });

  after(() => {
    connection?.dispose();
    if (server && server.exitCode === null) {
      server.kill();
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const ready = (t: import("node:test").TestContext): ProtocolConnection | undefined => {
    if (!connection) {
      skipOrFail(t, missingJar());
      return undefined;
    }
    return connection;
  };

  test("initialize with the workspace folder and { defaultTapsets: false }: the server asks to watch trace-events and SystemTap files", async (t) => {
    const c = ready(t);
    if (!c) return;
    const init = serverSettings({ defaultTapsets: false });
    assert.deepEqual(init, { defaultTapsets: false });
    await within(
      30_000,
      "initialize",
      c.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: uri(ws),
        workspaceFolders: [{ uri: uri(ws), name: "ws" }],
        // What vscode-languageclient 9 announces for these features.
        capabilities: {
          workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true } },
          window: { workDoneProgress: true },
        },
        initializationOptions: init,
      }),
    );
    await c.sendNotification(InitializedNotification.type, {});
    const watch = await within(
      10_000,
      "client/registerCapability",
      (async () => {
        while (!registrations.some((r) => r.method === DidChangeWatchedFilesNotification.method)) {
          await new Promise((r) => setTimeout(r, 20));
        }
        return registrations.find((r) => r.method === DidChangeWatchedFilesNotification.method)!;
      })(),
    );
    const globs = (watch.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    for (const g of ["**/trace-events", "**/*.trace-events", "**/*.stp", "**/*.stpm"]) {
      assert.ok(globs.includes(g), `${g} in ${JSON.stringify(globs)}`);
    }
  });

  test("a script's misspelt alias is reported against the workspace's trace-events file", async (t) => {
    const c = ready(t);
    if (!c) return;
    const mark = published.mark();
    for (const [name, u] of Object.entries(files)) {
      const languageId = name === "events" || name === "vcpu" ? "trace-events" : "systemtap";
      await c.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: u, languageId, version: 1, text: texts.get(u)! } });
    }
    const [d] = await published.until(mark, files.script, "stap-unknown-probe-point", only("stap-unknown-probe-point"));
    // stap -p2's message, at the component no alias offers; the event the user meant among the similar ones
    assert.match(d.message, /^probe point mismatch \(similar: qio_task_new\b/);
    assert.match(d.message, /no alias 'qemu\.system\.x86_64\.qio_task_nwe'/);
    assert.deepEqual(d.range.start, { line: 0, character: SCRIPT.indexOf("qio_task_nwe") });
    await published.until(mark, files.vcpu, "unknown-property", only("unknown-property"));
    await published.until(mark, files.arch, "stap-printf-format", only("stap-printf-format"));
    await published.until(mark, files.tick, "stap-unknown-function", only("stap-unknown-function"));
  });

  test("qemuVersion, traceEvents, tapsets and stapTarget.arch, under the names serverSettings gives them, change what the server says", async (t) => {
    if (!ready(t)) return;
    const mark = await configure({
      defaultTapsets: false,
      qemuVersion: "7.2",
      traceEvents: ["../extra"], // relative: read from the first workspace folder
      tapsets: ["../tapsets"],
      stapTarget: { arch: "aarch64" },
    });
    await published.until(mark, files.script, "the alias from traceEvents", none);
    await published.until(mark, files.vcpu, "vcpu accepted by QEMU 7.2", none);
    await published.until(mark, files.tick, "the function of the tapset directory", none);
    // The x86_64 branch is no longer taken: its mistake is only a note now.
    const arch = await published.until(mark, files.arch, "the branch not taken", only("stap-parse-error-inactive-branch"));
    assert.equal(arch[0].severity, 3, JSON.stringify(arch));
  });

  test("probePrefixes: aliases are derived for the given prefixes only", async (t) => {
    if (!ready(t)) return;
    const mark = await configure({ defaultTapsets: false, traceEvents: ["../extra"], probePrefixes: ["qemu.system.arm"] });
    const [d] = await published.until(mark, files.script, "qemu.system.x86_64 unknown", only("stap-unknown-probe-point"));
    assert.match(d.message, /qemu\.system\.x86_64\.qio_task_nwe/);
  });

  test("syntaxOnly: only stap -p1's checks", async (t) => {
    if (!ready(t)) return;
    const mark = await configure({ defaultTapsets: false, probePrefixes: ["qemu.system.arm"], syntaxOnly: true });
    await published.until(mark, files.script, "no semantic check", none);
    await published.until(mark, files.tick, "no semantic check", none);
  });

  test("back to { defaultTapsets: false }: the workspace's files alone", async (t) => {
    if (!ready(t)) return;
    const mark = await configure({ defaultTapsets: false });
    assert.deepEqual(
      codes(await published.until(mark, files.script, "the misspelt alias", only("stap-unknown-probe-point"))),
      ["stap-unknown-probe-point"],
    );
    await published.until(mark, files.vcpu, "vcpu refused again", only("unknown-property"));
  });

  test("a trace-events file created and deleted on disk counts once the client reports it (didChangeWatchedFiles)", async (t) => {
    const c = ready(t);
    if (!c) return;
    const created = write(path.join(ws, "util", "trace-events"), 'qio_task_nwe(void *task) "task=%p"\n');
    let mark = published.mark();
    await c.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: created, type: FileChangeType.Created }] });
    await published.until(mark, files.script, "the created file's alias", none);
    fs.rmSync(new URL(created));
    mark = published.mark();
    await c.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: created, type: FileChangeType.Deleted }] });
    await published.until(mark, files.script, "the alias gone with the file", only("stap-unknown-probe-point"));
  });

  test("a workspace folder added (didChangeWorkspaceFolders) brings its trace-events files", async (t) => {
    const c = ready(t);
    if (!c) return;
    const mark = published.mark();
    await c.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: uri(tmp, "extra"), name: "extra" }], removed: [] },
    });
    await published.until(mark, files.script, "the second folder's alias", none);
    assert.equal(server?.exitCode, null, stderr);
  });

  test("shutdown then exit", async (t) => {
    const c = ready(t);
    if (!c) return;
    const exited = new Promise<number | null>((resolve) => server!.on("exit", (code) => resolve(code)));
    await within(10_000, "shutdown", c.sendRequest(ShutdownRequest.type));
    await c.sendNotification(ExitNotification.type);
    assert.equal(await within(10_000, "the server's exit", exited), 0, stderr);
  });
});
