// The extension for real: activate() starts its vscode-languageclient LanguageClient, which starts the
// real server jar. VS Code itself cannot run here (@vscode/test-electron downloads it), so a stand-in
// `vscode` module provides the part of VS Code's API the language client uses: workspace folders,
// open documents, settings, file system watchers, a diagnostic collection, window progress. What is
// tested is the extension and the language client as they are: the settings they send, the
// workspace folder, the file watchers the server registers dynamically, folders added later, the
// server's progress while it indexes the tapset library, and the extension's commands. What is loaded
// is the bundle package.json's `main` names (out/extension.js, made by esbuild), as VS Code loads it.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import Module = require("node:module");
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test } from "node:test";
import { COMMANDS, developmentJar, SERVER_GENERATE_COMMAND } from "../src/launch";
import { taplsGenerate } from "./harness";
import { EXTENSION_ROOT, skipOrFail } from "./support";

// ------------------------------------------------------------------------------------------------
// The stand-in vscode module

type Listener<T> = (e: T) => unknown;

class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>, thisArg?: unknown, disposables?: { dispose(): void }[]) => {
    const bound: Listener<T> = thisArg ? listener.bind(thisArg) : listener;
    this.listeners.push(bound);
    const d = { dispose: () => (this.listeners = this.listeners.filter((l) => l !== bound)) };
    disposables?.push(d);
    return d;
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

class Disposable {
  constructor(private readonly f: () => void = () => {}) {}
  static from(...ds: { dispose(): unknown }[]) {
    return new Disposable(() => ds.forEach((d) => d.dispose()));
  }
  dispose() {
    this.f();
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
    private readonly text: string,
  ) {}
  static parse(s: string): Uri {
    const u = new URL(s);
    return new Uri(u.protocol.replace(/:$/, ""), decodeURIComponent(u.pathname), s);
  }
  static file(p: string): Uri {
    return new Uri("file", p, new URL(`file://${p}`).href);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return this.text;
  }
  toJSON() {
    return this.text;
  }
}

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    [this.start, this.end] =
      typeof a === "number" ? [new Position(a, b as number), new Position(c!, d!)] : [a, b as Position];
  }
}

class Diagnostic {
  code: unknown;
  source?: string;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity = 0,
  ) {}
}

class CodeActionKind {
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  static readonly Empty = new CodeActionKind("");
  static readonly QuickFix = new CodeActionKind("quickfix");
  static readonly Refactor = new CodeActionKind("refactor");
  static readonly RefactorExtract = new CodeActionKind("refactor.extract");
  static readonly RefactorInline = new CodeActionKind("refactor.inline");
  static readonly RefactorRewrite = new CodeActionKind("refactor.rewrite");
  static readonly Source = new CodeActionKind("source");
  static readonly SourceOrganizeImports = new CodeActionKind("source.organizeImports");
}

interface TextDocument {
  uri: Uri;
  fileName: string;
  languageId: string;
  version: number;
  isClosed: boolean;
  getText(): string;
}

const textDocument = (file: string, languageId: string): TextDocument => ({
  uri: Uri.file(file),
  fileName: file,
  languageId,
  version: 1,
  isClosed: false,
  getText: () => fs.readFileSync(file, "utf8"),
});

interface Watcher {
  glob: unknown;
  created: EventEmitter<Uri>;
  changed: EventEmitter<Uri>;
  deleted: EventEmitter<Uri>;
  disposed: boolean;
}

// What the tests set and look at.
const vs = {
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  activeEditor: undefined as { document: TextDocument } | undefined,
  opened: new EventEmitter<TextDocument>(),
  shown: [] as string[],
  /** The messages shown with buttons, and the button the user picks for one: the first whose text matches. */
  dialogs: [] as { kind: string; message: string; items: string[] }[],
  answers: [] as { match: RegExp; pick: string }[],
  outputShown: 0,
  settings: {} as Record<string, Record<string, unknown>>,
  configurationScopes: [] as unknown[],
  folders: [] as { uri: Uri; name: string; index: number }[],
  documents: [] as TextDocument[],
  watchers: [] as Watcher[],
  diagnostics: new Map<string, Diagnostic[]>(),
  diagnosticsChanged: new EventEmitter<string>(),
  progress: [] as { title?: string; reports: unknown[]; done: boolean }[],
  messages: [] as string[],
  log: [] as string[],
  configurationChanged: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
  foldersChanged: new EventEmitter<{ added: unknown[]; removed: unknown[] }>(),
};

const disposable = () => new Disposable();
const noEvent = () => disposable();
const channel = () => ({
  name: "tapls",
  append: (s: string) => vs.log.push(s),
  appendLine: (s: string) => vs.log.push(s),
  replace() {},
  clear() {},
  show: () => void vs.outputShown++,
  hide() {},
  dispose() {},
});

const api: Record<string, unknown> = {
  version: "1.82.0",
  EventEmitter,
  Disposable,
  Uri,
  Position,
  Range,
  Diagnostic,
  CodeActionKind,
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  CancellationError: class extends Error {},
  CancellationTokenSource: class {
    token = { isCancellationRequested: false, onCancellationRequested: noEvent };
    cancel() {}
    dispose() {}
  },
  RelativePattern: class {
    constructor(
      readonly baseUri: unknown,
      readonly pattern: string,
    ) {}
  },
  env: { appName: "stand-in", language: "en", openExternal: async () => true },
  workspace: {
    get workspaceFolders() {
      return vs.folders.length > 0 ? vs.folders : undefined;
    },
    get textDocuments() {
      return vs.documents;
    },
    getConfiguration: (section: string, scope?: unknown) => {
      vs.configurationScopes.push(scope);
      const values = () => vs.settings[section] ?? {};
      return {
        get: (key: string, fallback?: unknown) => values()[key] ?? fallback,
        has: (key: string) => key in values(),
        inspect: () => undefined,
        update: async () => {},
      };
    },
    getWorkspaceFolder: (uri: Uri) => vs.folders.find((f) => uri.path.startsWith(f.uri.path + "/")),
    createFileSystemWatcher: (glob: unknown, ignoreCreate?: boolean, ignoreChange?: boolean, ignoreDelete?: boolean) => {
      const w: Watcher = { glob, created: new EventEmitter(), changed: new EventEmitter(), deleted: new EventEmitter(), disposed: false };
      vs.watchers.push(w);
      return {
        ignoreCreateEvents: !!ignoreCreate,
        ignoreChangeEvents: !!ignoreChange,
        ignoreDeleteEvents: !!ignoreDelete,
        onDidCreate: w.created.event,
        onDidChange: w.changed.event,
        onDidDelete: w.deleted.event,
        dispose: () => (w.disposed = true),
      };
    },
    onDidChangeConfiguration: vs.configurationChanged.event,
    onDidChangeWorkspaceFolders: vs.foldersChanged.event,
    onDidOpenTextDocument: vs.opened.event,
    openTextDocument: async (uri: Uri) => {
      const known = vs.documents.find((d) => d.uri.toString() === uri.toString());
      if (known) return known;
      const languageId = /(^|\/)trace-events$/.test(uri.fsPath) ? "trace-events" : "systemtap";
      const doc = textDocument(uri.fsPath, languageId);
      vs.documents.push(doc);
      vs.opened.fire(doc);
      return doc;
    },
    onDidCloseTextDocument: noEvent,
    onDidChangeTextDocument: noEvent,
    onDidSaveTextDocument: noEvent,
    onWillSaveTextDocument: noEvent,
    onDidCreateFiles: noEvent,
    onDidRenameFiles: noEvent,
    onDidDeleteFiles: noEvent,
    onWillCreateFiles: noEvent,
    onWillRenameFiles: noEvent,
    onWillDeleteFiles: noEvent,
    onDidOpenNotebookDocument: noEvent,
    onDidCloseNotebookDocument: noEvent,
    onDidChangeNotebookDocument: noEvent,
    onDidSaveNotebookDocument: noEvent,
    notebookDocuments: [],
  },
  window: {
    get activeTextEditor() {
      return vs.activeEditor;
    },
    showTextDocument: async (uri: Uri) => void vs.shown.push(uri.fsPath),
    visibleTextEditors: [],
    onDidChangeActiveTextEditor: noEvent,
    onDidChangeVisibleTextEditors: noEvent,
    tabGroups: { all: [], onDidChangeTabs: noEvent, onDidChangeTabGroups: noEvent },
    createOutputChannel: channel,
    showErrorMessage: async (m: string, ...items: string[]) => dialog("error", m, items),
    showWarningMessage: async (m: string, ...items: string[]) => dialog("warning", m, items),
    showInformationMessage: async (m: string, ...items: string[]) => dialog("info", m, items),
    withProgress: async (
      options: { title?: string },
      task: (p: { report(v: unknown): void }, token: unknown) => Promise<unknown>,
    ) => {
      const entry = { title: options.title, reports: [] as unknown[], done: false };
      vs.progress.push(entry);
      const token = { isCancellationRequested: false, onCancellationRequested: noEvent };
      try {
        return await task({ report: (v) => entry.reports.push(v) }, token);
      } finally {
        entry.done = true;
      }
    },
  },
  languages: {
    // A document selector of { scheme, language } filters, as documentSelector() makes them.
    match: (selector: { scheme?: string; language?: string }[] | string, doc: TextDocument) =>
      (Array.isArray(selector) ? selector : [{ language: selector }]).some(
        (f) => (!f.language || f.language === doc.languageId) && (!f.scheme || f.scheme === doc.uri.scheme),
      )
        ? 10
        : 0,
    createDiagnosticCollection: () => ({
      set: (uri: Uri, ds: Diagnostic[] | undefined) => {
        vs.diagnostics.set(uri.toString(), ds ?? []);
        vs.diagnosticsChanged.fire(uri.toString());
      },
      delete: (uri: Uri) => void vs.diagnostics.delete(uri.toString()),
      clear: () => vs.diagnostics.clear(),
      forEach: () => {},
      get: (uri: Uri) => vs.diagnostics.get(uri.toString()),
      has: (uri: Uri) => vs.diagnostics.has(uri.toString()),
      dispose() {},
    }),
  },
  commands: {
    // As VS Code: one handler a command; a second registration of the same id is an error.
    registerCommand: (id: string, f: (...args: unknown[]) => unknown) => {
      if (vs.commands.has(id)) throw new Error(`command '${id}' already exists`);
      vs.commands.set(id, f);
      return new Disposable(() => vs.commands.delete(id));
    },
    executeCommand: async (id: string, ...args: unknown[]) => vs.commands.get(id)?.(...args),
  },
};

function dialog(kind: string, message: string, items: string[]): string | undefined {
  vs.messages.push(`${kind}: ${message}`);
  vs.dialogs.push({ kind, message, items });
  const answer = vs.answers.find((a) => a.match.test(message));
  return answer && items.includes(answer.pick) ? answer.pick : undefined;
}
// Any other provider registration the client makes for the server's capabilities is accepted.
(api.languages as Record<string, unknown>) = new Proxy(api.languages as Record<string, unknown>, {
  get: (target, prop: string) => (prop in target ? target[prop] : prop.startsWith("register") ? () => disposable() : undefined),
});

const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = M._resolveFilename;
M._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === "vscode" ? "vscode" : resolve.call(this, request, ...rest);
};
// The classes the client extends while loading (CompletionItem, CodeLens, ...) but this test never
// makes: empty ones.
const vscode = new Proxy(api, {
  get: (target, prop: string) => (prop in target ? target[prop] : /^[A-Z]/.test(prop) ? (target[prop] = class {}) : undefined),
});
require.cache["vscode"] = { id: "vscode", filename: "vscode", loaded: true, exports: vscode } as NodeJS.Module;

const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, "package.json"), "utf8"));
const extension = require(path.join(EXTENSION_ROOT, manifest.main)) as typeof import("../src/extension");

// ------------------------------------------------------------------------------------------------
// The tests

const EVENTS = 'qio_task_new(void *task, void *source, void *func, void *opaque) "task=%p source=%p func=%p opaque=%p"\n';
const SCRIPT = "probe qemu.system.x86_64.qio_task_nwe { println(task) }\n";

/** Waits until the diagnostics of `file` satisfy `expected`; returns them. */
function diagnosticsOf(file: string, what: string, expected: (ds: Diagnostic[]) => boolean, ms = 30_000): Promise<Diagnostic[]> {
  const key = Uri.file(file).toString();
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = vs.diagnostics.get(key);
      if (ds && expected(ds)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(ds);
      }
    };
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(vs.diagnostics.get(key))}\n${vs.log.slice(-20).join("\n")}`));
    }, ms);
    const sub = vs.diagnosticsChanged.event(check);
    check();
  });
}

const codes = (ds: Diagnostic[]) => ds.map((d) => (typeof d.code === "object" && d.code ? (d.code as { value: unknown }).value : d.code));
const unknownProbe = (ds: Diagnostic[]) => ds.length === 1 && codes(ds)[0] === "stap-unknown-probe-point";
const none = (ds: Diagnostic[]) => ds.length === 0;

async function until(what: string, pred: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("the extension's language client against the real server", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tapls-client-"));
  const ws = path.join(tmp, "ws");
  const script = path.join(ws, "tasks.stp");
  const context = { subscriptions: [] as { dispose(): unknown }[], extensionPath: EXTENSION_ROOT };
  let started = false;

  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  const changeSettings = (tapls: Record<string, unknown>) => {
    vs.settings.tapls = tapls;
    vs.configurationChanged.fire({ affectsConfiguration: (s: string) => s === "tapls" || tapls[s.replace(/^tapls\./, "")] !== undefined });
  };
  const watcherFor = (glob: string) => {
    const w = vs.watchers.find((x) => x.glob === glob && !x.disposed);
    assert.ok(w, `a watcher for ${glob} among ${JSON.stringify(vs.watchers.map((x) => x.glob))}`);
    return w;
  };

  before(async () => {
    if (!fs.existsSync(developmentJar(EXTENSION_ROOT)) || fs.existsSync(path.join(EXTENSION_ROOT, "server", "tapls.jar"))) {
      return; // no jar, or a bundled copy that is not the one just built: the tests skip (or fail under CI)
    }
    write(path.join(ws, "io", "trace-events"), EVENTS);
    write(script, SCRIPT);
    vs.folders = [{ uri: Uri.file(ws), name: "ws", index: 0 }];
    vs.documents = [textDocument(script, "systemtap")];
    vs.settings = { tapls: { defaultTapsets: false, "trace.server": "off" }, java: {} };
    await extension.activate(context as never);
    started = true;
  });

  after(async () => {
    await extension.deactivate();
    for (const d of context.subscriptions) d.dispose();
    M._resolveFilename = resolve;
    delete require.cache["vscode"];
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const ready = (t: import("node:test").TestContext) => {
    if (!started) {
      skipOrFail(t, `the server jar ${developmentJar(EXTENSION_ROOT)} is missing, or server/tapls.jar would be used instead`);
    }
    return started;
  };

  test("activate() starts the server with { defaultTapsets: false } and the workspace folder: the script is checked against the folder's trace-events", async (t) => {
    if (!ready(t)) return;
    assert.deepEqual(vs.messages, []);
    const [d] = await diagnosticsOf(script, "the unknown probe point", unknownProbe);
    // stap -p2's message, at the component no alias offers; the event the user meant among the similar ones
    assert.match(d.message, /^probe point mismatch \(similar: qio_task_new\b/);
    assert.match(d.message, /no alias 'qemu\.system\.x86_64\.qio_task_nwe'/);
    assert.deepEqual([d.range.start.line, d.range.start.character], [0, SCRIPT.indexOf("qio_task_nwe")]);
    // The settings were read for the first workspace folder (resource-scoped paths are relative to it).
    assert.ok(vs.configurationScopes.some((s) => s instanceof Uri && s.fsPath === ws));
  });

  test("the server's dynamic registration makes the client watch trace-events and SystemTap files", async (t) => {
    if (!ready(t)) return;
    await until("the watchers", () => vs.watchers.length > 0);
    const globs = vs.watchers.map((w) => w.glob);
    for (const g of ["**/trace-events", "**/trace-events-all", "**/*.trace-events", "**/*.stp", "**/*.stpm"]) {
      assert.ok(globs.includes(g), `${g} in ${JSON.stringify(globs)}`);
    }
  });

  test("the extension's commands and the language client's own for the server's command are all registered, none twice", async (t) => {
    if (!ready(t)) return;
    await until("the server's command", () => vs.commands.has(SERVER_GENERATE_COMMAND));
    for (const id of Object.values(COMMANDS)) {
      assert.ok(vs.commands.has(id), id);
    }
    assert.ok(!(Object.values(COMMANDS) as string[]).includes(SERVER_GENERATE_COMMAND));
  });

  test("Generate log-probe tapset from the explorer writes `tapls generate`'s files, and Open shows the log tapset", async (t) => {
    if (!ready(t)) return;
    const events = path.join(ws, "io", "trace-events");
    const expected = taplsGenerate(events, "/usr/bin/qemu-system-x86_64", path.join(tmp, "cli"));
    const log = path.join(ws, "qemu-system-x86_64-log.stp");
    const base = path.join(ws, "qemu-system-x86_64.stp");
    vs.answers = [{ match: /^tapls: generated /, pick: "Open" }];
    vs.dialogs.length = 0;
    await vs.commands.get(COMMANDS.generateTapset)!(Uri.file(events));
    assert.deepEqual(vs.dialogs, [
      { kind: "info", message: `tapls: generated qemu-system-x86_64.stp and qemu-system-x86_64-log.stp in ${ws}.`, items: ["Open"] },
    ]);
    assert.deepEqual(vs.shown, [log]);
    assert.equal(fs.readFileSync(log, "utf8"), expected.get("qemu-system-x86_64-log.stp"));
    assert.equal(fs.readFileSync(base, "utf8"), expected.get("qemu-system-x86_64.stp"));

    // Again, from the editor: the files exist; the user is asked, and Overwrite writes them anew.
    vs.activeEditor = { document: vs.documents.find((d) => d.fileName === events)! };
    fs.writeFileSync(base, expected.get("qemu-system-x86_64.stp")!.replace(/qio_task_new/g, "old_name"));
    vs.answers = [{ match: / exists; /, pick: "Overwrite" }];
    vs.dialogs.length = 0;
    await vs.commands.get(COMMANDS.generateTapset)!();
    assert.deepEqual(
      vs.dialogs.map((d) => [d.kind, d.items]),
      [
        ["warning", ["Overwrite"]],
        ["info", ["Open"]],
      ],
    );
    assert.match(vs.dialogs[0].message, /qemu-system-x86_64(-log)?\.stp exists; /);
    assert.equal(fs.readFileSync(base, "utf8"), expected.get("qemu-system-x86_64.stp"));
    for (const f of [log, base]) fs.rmSync(f);
  });

  test("Generate log-probe tapset on a SystemTap editor says it wants a trace-events file; Show output shows the channel", async (t) => {
    if (!ready(t)) return;
    vs.activeEditor = { document: vs.documents.find((d) => d.languageId === "systemtap")! };
    vs.answers = [{ match: /trace-events file/, pick: "Show Output" }];
    vs.dialogs.length = 0;
    const shown = vs.outputShown;
    await vs.commands.get(COMMANDS.generateTapset)!();
    await until("the error's button", () => vs.outputShown > shown);
    assert.deepEqual(vs.dialogs, [
      { kind: "error", message: "tapls: Generate log-probe tapset works on a trace-events file: open one first.", items: ["Show Output"] },
    ]);
    await vs.commands.get(COMMANDS.showOutput)!();
    assert.equal(vs.outputShown, shown + 2);
    assert.ok(vs.log.some((l) => /^tapls: starting .* -jar .*tapls\.jar lsp$/.test(l)), vs.log.slice(0, 5).join("\n"));
    vs.activeEditor = undefined;
  });

  test("a trace-events file created on disk, then deleted: the client's file events reach the server", async (t) => {
    if (!ready(t)) return;
    const created = path.join(ws, "util", "trace-events");
    write(created, 'qio_task_nwe(void *task) "task=%p"\n');
    watcherFor("**/trace-events").created.fire(Uri.file(created));
    await diagnosticsOf(script, "the created file's alias", none);
    fs.rmSync(created);
    watcherFor("**/trace-events").deleted.fire(Uri.file(created));
    await diagnosticsOf(script, "the alias gone with the file", unknownProbe);
  });

  test("a workspace folder added later is sent to the server", async (t) => {
    if (!ready(t)) return;
    const extra = path.join(tmp, "extra");
    write(path.join(extra, "trace-events"), 'qio_task_nwe(void *task) "task=%p"\n');
    const folder = { uri: Uri.file(extra), name: "extra", index: 1 };
    vs.folders = [...vs.folders, folder];
    vs.foldersChanged.fire({ added: [folder], removed: [] });
    await diagnosticsOf(script, "the second folder's alias", none);
    vs.folders = vs.folders.slice(0, 1);
    vs.foldersChanged.fire({ added: [], removed: [folder] });
    await diagnosticsOf(script, "the alias gone with the folder", unknownProbe);
  });

  test("a settings change is sent whole: traceEvents, then probePrefixes", async (t) => {
    if (!ready(t)) return;
    write(path.join(tmp, "more", "trace-events"), 'qio_task_nwe(void *task) "task=%p"\n');
    changeSettings({ defaultTapsets: false, traceEvents: ["../more"] });
    await diagnosticsOf(script, "the alias of traceEvents", none);
    changeSettings({ defaultTapsets: false, traceEvents: ["../more"], probePrefixes: ["qemu.system.arm"] });
    const [d] = await diagnosticsOf(script, "no qemu.system.x86_64 aliases", unknownProbe);
    assert.match(d.message, /qemu\.system\.x86_64\.qio_task_nwe/);
  });

  test("with the default tapset library, the server's indexing shows as window progress", async (t) => {
    if (!ready(t)) return;
    if (!fs.existsSync("/usr/share/systemtap/tapset")) {
      skipOrFail(t, "Debian's systemtap-common (/usr/share/systemtap/tapset) is not installed");
      return;
    }
    const before = vs.progress.length;
    changeSettings({});
    await until("the progress to end", () => vs.progress.length > before && vs.progress.slice(before).every((p) => p.done), 60_000);
    const shown = vs.progress.slice(before);
    assert.ok(shown.some((p) => /tapsets/i.test(p.title ?? "") && p.reports.length > 0), JSON.stringify(shown));
    await diagnosticsOf(script, "the script checked with the library", unknownProbe, 60_000);
  });

  test("Restart server stops the server and starts another, which checks the script again and brings its command back", async (t) => {
    if (!ready(t)) return;
    const starts = () => vs.log.filter((l) => /^tapls: starting /.test(l)).length;
    // The new server reads the settings of now at its start; without the library it starts faster.
    vs.settings.tapls = { defaultTapsets: false };
    const before = starts();
    const messages = vs.messages.length;
    vs.diagnostics.delete(Uri.file(script).toString());
    await vs.commands.get(COMMANDS.restartServer)!();
    assert.equal(starts(), before + 1);
    await diagnosticsOf(script, "the script checked by the new server", unknownProbe, 60_000);
    await until("the server's command, registered anew", () => vs.commands.has(SERVER_GENERATE_COMMAND));
    assert.deepEqual(vs.messages.slice(messages), []);
  });
});
