// Completion, hover, diagnostics and the generate-tapset action in both languages, through the JSON-RPC
// harness (harness.ts: the real server jar, started as the extension starts it, with the capabilities
// vscode-languageclient announces). The workspace is test/fixtures/workspace, copied to a temporary
// folder: QEMU-like trace-events files under io/ and migration/, one with a mistake under hw/net/, and
// a script with a misspelt alias. Documents with a cursor ($0) are opened unsaved, beside them.
// Expectations come from the fixture files and from `tapls generate` (the CLI, run here), not from the
// server's own answers.

import { strict as assert } from "node:assert";
import { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, test, TestContext } from "node:test";
import {
  CodeAction,
  CodeActionKind,
  CodeActionRequest,
  CodeActionResolveRequest,
  CompletionItem,
  CompletionRequest,
  CreateFile,
  Diagnostic,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  InitializeResult,
  MarkupContent,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  TextDocumentEdit,
  WorkDoneProgressCreateRequest,
} from "vscode-languageserver-protocol/node";
import { generateTapsetParams, refusedBecauseExists, SERVER_GENERATE_COMMAND, serverSettings } from "../src/launch";
import { marked, missingJar, Publications, startServer, taplsGenerate, VSCODE_CAPABILITIES, within } from "./harness";
import { EXTENSION_ROOT, skipOrFail } from "./support";

const FIXTURE = path.join(EXTENSION_ROOT, "test", "fixtures", "workspace");
/** What GenerateTapset writes by default: meson's binary for the first probe prefix, qemu.system.x86_64. */
const BINARY = "/usr/bin/qemu-system-x86_64";
const LOG = "qemu-system-x86_64-log.stp";
const BASE = "qemu-system-x86_64.stp";

const copyTree = (from: string, to: string) => fs.cpSync(from, to, { recursive: true });
const labels = (items: CompletionItem[]) => items.map((i) => i.label).sort();
const markdown = (contents: unknown) => {
  assert.ok(contents && typeof contents === "object" && "kind" in contents, JSON.stringify(contents));
  assert.equal((contents as MarkupContent).kind, "markdown");
  return (contents as MarkupContent).value;
};
const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);

describe("completion, hover, diagnostics and Generate log-probe tapset, in both languages, through the real server", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tapls-features-"));
  const ws = path.join(tmp, "ws");
  const uri = (...p: string[]) => pathToFileURL(path.join(...p)).href;
  const events = path.join(ws, "io", "trace-events");
  let server: ChildProcess | undefined;
  let connection: ProtocolConnection | undefined;
  let stderr = "";
  let documents = 0;
  const published = new Publications();

  before(async () => {
    copyTree(FIXTURE, ws);
    const started = await startServer();
    if (!started) {
      return;
    }
    server = started.server;
    server.stderr!.on("data", (d) => (stderr += d.toString()));
    connection = started.connection;
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => published.add(p));
    connection.onRequest(RegistrationRequest.type, () => null);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    connection.listen();
    // Debian's tapset library is left out: the workspace's own aliases are what these tests are about,
    // and the tests stay fast. client.test.ts and the server's ITs cover the library.
    const result: InitializeResult = await within(
      30_000,
      "initialize",
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: uri(ws),
        workspaceFolders: [{ uri: uri(ws), name: "ws" }],
        capabilities: VSCODE_CAPABILITIES,
        initializationOptions: serverSettings({ defaultTapsets: false }),
      }),
    );
    assert.ok(result.capabilities.completionProvider, "completionProvider");
    assert.deepEqual(result.capabilities.executeCommandProvider?.commands, [SERVER_GENERATE_COMMAND, "tapls.addProbe"]);
    await connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    if (connection && server?.exitCode === null) {
      const exited = new Promise((resolve) => server!.on("exit", resolve));
      await within(10_000, "shutdown", connection.sendRequest(ShutdownRequest.type)).catch(() => undefined);
      await connection.sendNotification(ExitNotification.type).catch(() => undefined);
      await within(10_000, "the server's exit", exited).catch(() => server?.kill());
    }
    connection?.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const ready = (t: TestContext): ProtocolConnection | undefined => {
    if (!connection) {
      skipOrFail(t, missingJar());
    }
    return connection;
  };

  /** Opens a file of the workspace as it is on disk; answers its URI. */
  const openFile = async (c: ProtocolConnection, file: string, languageId: string) => {
    const u = uri(file);
    await c.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: u, languageId, version: 1, text: fs.readFileSync(file, "utf8") },
    });
    return u;
  };

  /** Opens `text` (with its $0) as a new unsaved document in the workspace; answers where the cursor is. */
  const openMarked = async (c: ProtocolConnection, name: string, languageId: string, text: string) => {
    const m = marked(text);
    const u = uri(ws, `unsaved${documents++}-${name}`);
    await c.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: u, languageId, version: 1, text: m.text } });
    return { textDocument: { uri: u }, position: m.position };
  };

  const complete = async (c: ProtocolConnection, name: string, languageId: string, text: string) => {
    const at = await openMarked(c, name, languageId, text);
    const r = await within(30_000, `completion in ${text}`, c.sendRequest(CompletionRequest.type, at));
    return Array.isArray(r) ? r : (r?.items ?? []);
  };

  const hover = async (c: ProtocolConnection, name: string, languageId: string, text: string) => {
    const at = await openMarked(c, name, languageId, text);
    const h = await within(30_000, `hover in ${text}`, c.sendRequest(HoverRequest.type, at));
    assert.ok(h, `a hover in ${text}`);
    return markdown(h.contents);
  };

  /** The real `tapls generate` for the workspace's io/trace-events: meson's set for the default binary. */
  let cli: Map<string, string> | undefined;
  const cliOutput = () => (cli ??= taplsGenerate(events, BINARY, path.join(tmp, "cli")));

  // --- SystemTap scripts ---------------------------------------------------------------------------

  test(".stp completion after `probe qemu.system.x86_64.log.qio` offers the workspace's qio* events", async (t) => {
    const c = ready(t);
    if (!c) return;
    const items = await complete(c, "a.stp", "systemtap", "probe qemu.system.x86_64.log.qio$0");
    // io/trace-events' three events; migration/'s migrate_set_state does not start with qio.
    assert.deepEqual(labels(items), ["qio_channel_new", "qio_task_complete", "qio_task_new"]);
    assert.equal(items.find((i) => i.label === "qio_task_new")?.detail, "qemu.system.x86_64.log.qio_task_new");
    // Component by component: after `qemu.system.x86_64.`, the log and simpletrace families and the events.
    const next = labels(await complete(c, "b.stp", "systemtap", "probe qemu.system.x86_64.$0"));
    for (const l of ["log", "simpletrace", "qio_task_new", "migrate_set_state"]) {
      assert.ok(next.includes(l), `${l} in ${JSON.stringify(next)}`);
    }
  });

  test(".stp completion in a probe body offers the variables its alias binds, with their types", async (t) => {
    const c = ready(t);
    if (!c) return;
    const items = await complete(c, "c.stp", "systemtap", "probe qemu.system.x86_64.qio_task_new {\n  $0\n}\n");
    // The event's arguments, as tracetool's stap format binds them: `task = $arg1;` ..., all longs.
    for (const v of ["task", "source", "func", "opaque"]) {
      const item = items.find((i) => i.label === v);
      assert.ok(item, `${v} in ${JSON.stringify(labels(items))}`);
      assert.equal(item.detail, "long", v);
      assert.match(markdown(item.documentation), /`void \*`/, v);
    }
    const base = cliOutput().get(BASE)!;
    assert.match(base, /^probe qemu\.system\.x86_64\.qio_task_new = process\("\/usr\/bin\/qemu-system-x86_64"\)\.mark\("qio_task_new"\)$/m);
    assert.match(base, /^ {2}source = \$arg2;$/m);
  });

  test(".stp hover on an alias variable names its type and the event that binds it; on the alias, the event's line", async (t) => {
    const c = ready(t);
    if (!c) return;
    const variable = await hover(c, "d.stp", "systemtap", "probe qemu.system.x86_64.qio_task_new { println(so$0urce) }\n");
    assert.ok(variable.startsWith("```stap\nlong source\n```"), variable);
    assert.ok(variable.includes("`void *` in the event's declaration; bound by `qemu.system.x86_64.qio_task_new`"), variable);
    const alias = await hover(c, "e.stp", "systemtap", "probe qemu.system.x86_64.qio_t$0ask_new { }\n");
    const line = fs.readFileSync(events, "utf8").split("\n").find((l) => l.startsWith("qio_task_new("))!;
    assert.ok(alias.includes(line), alias);
    assert.ok(alias.includes("`task`: `void *`"), alias);
  });

  test(".stp diagnostics: the script's misspelt alias, at its place", async (t) => {
    const c = ready(t);
    if (!c) return;
    const script = path.join(ws, "scripts", "tasks.stp");
    const mark = published.mark();
    const u = await openFile(c, script, "systemtap");
    const ds = await published.until(mark, u, "one diagnostic", (d) => d.length === 1);
    assert.deepEqual(codes(ds), ["stap-unknown-probe-point"]);
    const lines = fs.readFileSync(script, "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes("qio_task_complet "));
    // at the component no alias offers, as stap -p2 reports it
    assert.deepEqual(ds[0].range.start, { line, character: lines[line].indexOf("qio_task_complet ") });
    assert.match(ds[0].message, /qemu\.system\.x86_64\.qio_task_complet\b/);
  });

  // --- trace-events files --------------------------------------------------------------------------

  test("trace-events completion: the property words, the types where a type goes, the conversions that fit the argument", async (t) => {
    const c = ready(t);
    if (!c) return;
    assert.deepEqual(labels(await complete(c, "f.trace-events", "trace-events", "dis$0")), ["disable"]);
    const types = labels(await complete(c, "g.trace-events", "trace-events", "foo(int x, uint$0"));
    for (const ty of ["uint8_t", "uint16_t", "uint32_t", "uint64_t"]) {
      assert.ok(types.includes(ty), `${ty} in ${JSON.stringify(types)}`);
    }
    assert.deepEqual(await complete(c, "h.trace-events", "trace-events", "foo(int x$0"), [], "no type where a name goes");
    const conversions = await complete(c, "i.trace-events", "trace-events", 'foo(int n, uint64_t addr) "n=%d addr=0x%$0"');
    const pri = conversions.find((i) => i.label === '%" PRIx64 "');
    assert.ok(pri, JSON.stringify(labels(conversions)));
    assert.match(markdown(pri.documentation), /`addr`/);
  });

  test("trace-events hover on an event: the probes tracetool makes of it, named as `tapls generate` names them", async (t) => {
    const c = ready(t);
    if (!c) return;
    const u = await openFile(c, events, "trace-events");
    const line = fs.readFileSync(events, "utf8").split("\n").findIndex((l) => l.startsWith("qio_task_new("));
    const h = await within(10_000, "hover", c.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: { line, character: 4 } }));
    const md = markdown(h?.contents);
    const probes = [...md.matchAll(/`(qemu\.[\w.]+)`/g)].map((m) => m[1]);
    assert.deepEqual(probes.slice(0, 3), [
      "qemu.system.x86_64.qio_task_new",
      "qemu.system.x86_64.log.qio_task_new",
      "qemu.system.x86_64.simpletrace.qio_task_new",
    ]);
    const generated = [...cliOutput().values()].join("\n");
    for (const p of probes.slice(0, 3)) {
      assert.match(generated, new RegExp(`^probe ${p.replace(/\./g, "\\.")} = `, "m"), p);
    }
    const log = cliOutput().get(LOG)!;
    const printed = /printf\("%d@%d (qio_task_new [^"]*)\\n"/.exec(log)![1];
    assert.ok(md.includes(`Its log probe prints \`%d@%d ${printed}\\n\``), md);
  });

  test("trace-events diagnostics: a conversion that does not fit its argument", async (t) => {
    const c = ready(t);
    if (!c) return;
    const file = path.join(ws, "hw", "net", "trace-events");
    const mark = published.mark();
    const u = await openFile(c, file, "trace-events");
    const ds = await published.until(mark, u, "one diagnostic", (d) => d.length === 1);
    assert.deepEqual(codes(ds), ["format-type-mismatch"]);
    const text = fs.readFileSync(file, "utf8").split("\n");
    const line = text.findIndex((l) => l.startsWith("e1000_set_ics("));
    const character = text[line].indexOf("%x");
    assert.deepEqual(ds[0].range, { start: { line, character }, end: { line, character: character + 2 } });
    assert.match(ds[0].message, /format '%x' expects 'unsigned int', but argument 'val' has type 'uint64_t'/);
  });

  test("a settings change reaches completion: other probe prefixes, other aliases", async (t) => {
    const c = ready(t);
    if (!c) return;
    await c.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { tapls: serverSettings({ defaultTapsets: false, probePrefixes: ["qemu.system.aarch64"] }) },
    });
    assert.deepEqual(labels(await complete(c, "j.stp", "systemtap", "probe qemu.system.$0")), ["aarch64"]);
    await c.sendNotification(DidChangeConfigurationNotification.type, { settings: { tapls: serverSettings({ defaultTapsets: false }) } });
    assert.deepEqual(labels(await complete(c, "k.stp", "systemtap", "probe qemu.system.$0")), ["x86_64"]);
  });

  // --- Generate log-probe tapset -------------------------------------------------------------------

  const sourceActions = async (c: ProtocolConnection, u: string): Promise<CodeAction[]> => {
    const r = await within(
      30_000,
      "code actions",
      c.sendRequest(CodeActionRequest.type, {
        textDocument: { uri: u },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: [CodeActionKind.Source] },
      }),
    );
    const listed = (r ?? []).filter((a): a is CodeAction => "kind" in a || "edit" in a).filter((a) => /log-probe tapset/.test(a.title));
    // The client announces resolveSupport for "edit", as vscode-languageclient does: the list carries titles, and
    // the files' text comes with codeAction/resolve for the action picked, which is what VS Code then applies.
    const resolved: CodeAction[] = [];
    for (const a of listed) {
      if (a.command) {
        resolved.push(a);
        continue;
      }
      assert.equal(a.edit, undefined, "the files' text waits for codeAction/resolve");
      resolved.push(await within(30_000, "code action resolve", c.sendRequest(CodeActionResolveRequest.type, a)));
    }
    return resolved;
  };

  test("the source action creates `tapls generate`'s two files through a workspace edit, and writes nothing itself", async (t) => {
    const c = ready(t);
    if (!c) return;
    const u = await openFile(c, events, "trace-events");
    const actions = await sourceActions(c, u);
    assert.deepEqual(actions.map((a) => a.title), ["Generate log-probe tapset"]);
    const created = new Map<string, string>();
    let pending: string | undefined;
    for (const change of actions[0].edit?.documentChanges ?? []) {
      if (CreateFile.is(change)) {
        // A create that fails on an existing file: never one skipped, with the edit that follows going into it.
        assert.ok(!change.options?.ignoreIfExists && !change.options?.overwrite);
        pending = change.uri;
      } else {
        const edit = change as TextDocumentEdit;
        assert.equal(edit.textDocument.uri, pending);
        created.set(path.basename(new URL(edit.textDocument.uri).pathname), (edit.edits[0] as { newText: string }).newText);
      }
    }
    assert.deepEqual([...created.keys()].sort(), [BASE, LOG].sort());
    assert.equal(created.get(LOG), cliOutput().get(LOG));
    assert.equal(created.get(BASE), cliOutput().get(BASE));
    assert.ok(!fs.existsSync(path.join(ws, LOG)), "the editor writes the files, not the server");
  });

  test("the extension's Generate command (workspace/executeCommand) writes the same files, and refuses to overwrite them unless asked", async (t) => {
    const c = ready(t);
    if (!c) return;
    const u = await openFile(c, events, "trace-events");
    const written = (await within(30_000, "executeCommand", c.sendRequest(ExecuteCommandRequest.type, generateTapsetParams(u)))) as string[];
    assert.deepEqual(written.map((w) => path.relative(ws, w)).sort(), [BASE, LOG].sort());
    assert.equal(fs.readFileSync(path.join(ws, LOG), "utf8"), cliOutput().get(LOG));
    assert.equal(fs.readFileSync(path.join(ws, BASE), "utf8"), cliOutput().get(BASE));

    await assert.rejects(c.sendRequest(ExecuteCommandRequest.type, generateTapsetParams(u)), (e: Error) => {
      assert.ok(refusedBecauseExists(e.message), e.message);
      return true;
    });
    // The files exist now: the source action offers to regenerate them instead, and the command
    // overwrites them when asked (the extension asks the user first).
    assert.deepEqual((await sourceActions(c, u)).map((a) => a.title), ["Regenerate log-probe tapset (overwrite)"]);
    fs.writeFileSync(path.join(ws, BASE), cliOutput().get(BASE)!.replace(/qio_task_new/g, "old_name"));
    await within(30_000, "executeCommand, overwrite", c.sendRequest(ExecuteCommandRequest.type, generateTapsetParams(u, true)));
    assert.equal(fs.readFileSync(path.join(ws, BASE), "utf8"), cliOutput().get(BASE));
    // Overwriting is allowed for files tracetool wrote, not for the user's own.
    fs.writeFileSync(path.join(ws, LOG), "# my own script\n");
    await assert.rejects(c.sendRequest(ExecuteCommandRequest.type, generateTapsetParams(u, true)), /not generated by tracetool/);
    assert.equal(fs.readFileSync(path.join(ws, LOG), "utf8"), "# my own script\n");
    assert.equal(server?.exitCode, null, stderr);
  });

});
