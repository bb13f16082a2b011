// The extension's activate() against a stand-in `vscode` module: the paths that end in a message to
// the user (no usable Java, no server jar) and the commands it registers. What is loaded is the bundle
// package.json's `main` names (out/extension.js, made by esbuild), as VS Code loads it. client.test.ts starts the
// client for real (vscode-languageclient and the server, under a richer stand-in); the JSON-RPC
// harness (server.test.ts) covers the server side.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import Module = require("node:module");
import * as os from "node:os";
import * as path from "node:path";
import { after, beforeEach, describe, test } from "node:test";
import { findJava } from "../src/javaFinder";
import { COMMANDS } from "../src/launch";
import { EXTENSION_ROOT } from "./support";

type Call = [string, ...unknown[]];

const calls: Call[] = [];
const registered = new Map<string, (...args: unknown[]) => unknown>();
let settings: Record<string, Record<string, unknown>> = {};
let choice: string | undefined;

const disposable = { dispose() {} };
const base: Record<string, unknown> = {
  workspace: {
    getConfiguration: (section: string) => ({
      get: (key: string, fallback: unknown) => settings[section]?.[key] ?? fallback,
    }),
    onDidChangeConfiguration: () => disposable,
    workspaceFolders: undefined,
  },
  window: {
    activeTextEditor: undefined as unknown,
    createOutputChannel: () => ({
      appendLine: (line: string) => calls.push(["log", line]),
      show: (preserveFocus?: boolean) => calls.push(["show", preserveFocus]),
      dispose() {},
    }),
    showErrorMessage: async (message: string, ...items: string[]) => {
      calls.push(["error", message, ...items]);
      return choice;
    },
    showInformationMessage: async (message: string, ...items: string[]) => {
      calls.push(["info", message, ...items]);
      return undefined;
    },
  },
  commands: {
    registerCommand: (id: string, f: (...args: unknown[]) => unknown) => {
      assert.ok(!registered.has(id), `command '${id}' already exists`); // as VS Code refuses it
      registered.set(id, f);
      return disposable;
    },
    executeCommand: async (...args: unknown[]) => {
      calls.push(["command", ...args]);
    },
  },
  env: {
    openExternal: async (uri: { toString(): string }) => {
      calls.push(["open", uri.toString()]);
      return true;
    },
  },
  Uri: class Uri {
    private constructor(private readonly s: string) {}
    static parse(s: string) {
      return new Uri(s);
    }
    toString() {
      return this.s;
    }
  },
};
// Anything else vscode-languageclient touches while loading (classes it extends, enums) is a dummy.
const fakeVscode = new Proxy(base, {
  get: (target, prop: string) => (prop in target ? target[prop] : (target[prop] = class {})),
});

// Serve the stand-in for require("vscode").
const M = Module as unknown as {
  _resolveFilename: (request: string, ...rest: unknown[]) => string;
  _cache: Record<string, unknown>;
};
const resolve = M._resolveFilename;
M._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === "vscode" ? "vscode" : resolve.call(this, request, ...rest);
};
require.cache["vscode"] = { id: "vscode", filename: "vscode", loaded: true, exports: fakeVscode } as NodeJS.Module;
after(() => {
  M._resolveFilename = resolve;
  delete require.cache["vscode"];
});

const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, "package.json"), "utf8"));
const extension = require(path.join(EXTENSION_ROOT, manifest.main)) as typeof import("../src/extension");

const context = { subscriptions: [] as unknown[], extensionPath: path.join(os.tmpdir(), "tapls-no-extension") };
const settle = () => new Promise((r) => setTimeout(r, 20));

describe("activate", () => {
  beforeEach(() => {
    calls.length = 0;
    registered.clear();
    context.subscriptions.length = 0;
    choice = undefined;
  });

  test("a broken tapls.java.home: activation succeeds, the user is offered Get Java and Open Settings", async () => {
    settings = { tapls: { "java.home": "/nowhere/jdk" }, java: {} };
    choice = "Open Settings";
    await extension.activate(context as never);
    await settle();
    const error = calls.find((c) => c[0] === "error");
    assert.ok(error, JSON.stringify(calls));
    assert.match(String(error[1]), /tapls\.java\.home does not name a usable Java 17/);
    assert.deepEqual(error.slice(2), ["Get Java", "Open Settings"]);
    assert.deepEqual(
      calls.find((c) => c[0] === "command"),
      ["command", "workbench.action.openSettings", "tapls.java.home"],
    );
    assert.ok(registered.has("tapls.restartServer"));
    await extension.deactivate();
  });

  test("the commands package.json contributes are the ones activate() registers, once each", async () => {
    settings = { tapls: { "java.home": "/nowhere/jdk" }, java: {} };
    await extension.activate(context as never);
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual([...registered.keys()].sort(), contributed);
    assert.deepEqual(Object.values(COMMANDS).sort(), contributed);
    await extension.deactivate();
  });

  test("Show output shows the tapls channel, keeping the editor's focus", async () => {
    settings = { tapls: { "java.home": "/nowhere/jdk" }, java: {} };
    await extension.activate(context as never);
    await registered.get(COMMANDS.showOutput)!();
    assert.deepEqual(calls.filter((c) => c[0] === "show"), [["show", true]]);
    await extension.deactivate();
  });

  test("Generate log-probe tapset without a running server says so, and offers the output", async () => {
    settings = { tapls: { "java.home": "/nowhere/jdk" }, java: {} };
    await extension.activate(context as never);
    await settle();
    calls.length = 0;
    choice = "Show Output";
    await registered.get(COMMANDS.generateTapset)!();
    await settle();
    const error = calls.find((c) => c[0] === "error");
    assert.deepEqual(error, ["error", "tapls: the language server is not running; see the tapls output channel.", "Show Output"]);
    assert.deepEqual(calls.filter((c) => c[0] === "show"), [["show", true]]);
    await extension.deactivate();
  });

  test("Get Java opens a download page", async () => {
    settings = { tapls: { "java.home": "/nowhere/jdk" }, java: {} };
    choice = "Get Java";
    await extension.activate(context as never);
    await settle();
    const open = calls.find((c) => c[0] === "open");
    assert.ok(open && /^https:\/\//.test(String(open[1])), JSON.stringify(calls));
    await extension.deactivate();
  });

  test("a missing server jar is reported with Open Settings", async (t) => {
    const java = await findJava({ env: process.env });
    if (!java.ok) {
      t.skip("no Java 17 on this machine");
      return;
    }
    const home = path.dirname(path.dirname(fs.realpathSync(java.java)));
    settings = { tapls: { "java.home": home, "server.jar": "/nowhere/tapls.jar" }, java: {} };
    choice = "Open Settings";
    await extension.activate(context as never);
    await settle();
    const error = calls.find((c) => c[0] === "error");
    assert.ok(error, JSON.stringify(calls));
    assert.match(String(error[1]), /tapls\.server\.jar names \/nowhere\/tapls\.jar/);
    assert.deepEqual(
      calls.find((c) => c[0] === "command"),
      ["command", "workbench.action.openSettings", "tapls.server.jar"],
    );
    assert.ok(calls.some((c) => c[0] === "log" && /using Java \d+/.test(String(c[1]))), JSON.stringify(calls));
    await extension.deactivate();
  });
});
