// A JSON-RPC harness: starts the real server jar exactly as the extension would (findJava, then
// serverCommand) and talks LSP to it through vscode-languageserver-protocol, the library under
// vscode-languageclient. jsonrpc comes only through vscode-languageserver-protocol/node.

import { strict as assert } from "node:assert";
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import { after, before, describe, test } from "node:test";
import {
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentSyncKind,
} from "vscode-languageserver-protocol/node";
import { findJava } from "../src/javaFinder";
import { developmentJar, resolveServerJar, serverCommand, serverSettings } from "../src/launch";
import { EXTENSION_ROOT, skipOrFail } from "./support";

const URI = "file:///work/hw/net/trace-events";
const TEXT = '# e1000.c\ne1000_set_ics(uint64_t val, uint32_t ics) "val=0x%x ics=0x%x"\n';
const STP_URI = "file:///work/scripts/count.stp";

function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

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

  before(async (t) => {
    const jarPath = developmentJar(EXTENSION_ROOT);
    if (!fs.existsSync(jarPath)) {
      // A test context without skip (the hook's) cannot skip: the tests below check `connection`.
      return;
    }
    const java = await findJava({ env: process.env });
    if (!java.ok) {
      throw new Error(java.message);
    }
    const jar = resolveServerJar(jarPath, EXTENSION_ROOT);
    assert.ok(jar.ok);
    const cmd = serverCommand(java.java, jar.jar, []);
    server = spawn(cmd.command, cmd.args, { stdio: ["pipe", "pipe", "pipe"] });
    server.stderr!.on("data", (d) => (stderr += d.toString()));
    connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
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
    void t;
  });

  after(() => {
    connection?.dispose();
    if (server && server.exitCode === null) {
      server.kill();
    }
  });

  const ready = (t: import("node:test").TestContext): ProtocolConnection | undefined => {
    if (!connection) {
      skipOrFail(t, `the server jar ${developmentJar(EXTENSION_ROOT)} is missing (build it: mvn -B -q -o install -DskipTests)`);
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
