// The packaged extension: target/tapls-<version>.vsix, which the Maven build makes (`npm run package`,
// in the vscode-client module's package phase) before it runs these tests. What is inside it, and the
// server jar taken out of it, started as the extension starts it and spoken to over JSON-RPC.

import { strict as assert } from "node:assert";
import { builtinModules } from "node:module";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, test, TestContext } from "node:test";
import {
  CompletionRequest,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
} from "vscode-languageserver-protocol/node";
import { developmentJar, resolveServerJar } from "../src/launch";
import { Publications, startServer, VSCODE_CAPABILITIES, within } from "./harness";
import { EXTENSION_ROOT, skipOrFail } from "./support";
import { readZip, ZipEntry } from "./zip";

const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, "package.json"), "utf8"));
const VSIX = path.join(EXTENSION_ROOT, "target", `${manifest.name}-${manifest.version}.vsix`);

describe("the packaged extension (.vsix)", () => {
  let entries: Map<string, ZipEntry> | undefined;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tapls-vsix-"));

  before(() => {
    if (fs.existsSync(VSIX)) {
      entries = readZip(fs.readFileSync(VSIX));
    }
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const ready = (t: TestContext) => {
    if (!entries) {
      skipOrFail(t, `${VSIX} is missing (make it: npm run package, after the server jar is built)`);
      return undefined;
    }
    // The build packages after it makes the jar: a .vsix older than the jar holds an older server.
    const jar = developmentJar(EXTENSION_ROOT);
    if (fs.existsSync(jar) && fs.statSync(jar).mtimeMs > fs.statSync(VSIX).mtimeMs) {
      skipOrFail(t, `${VSIX} is older than ${jar} (make it again: npm run package)`);
      return undefined;
    }
    return entries;
  };

  test("holds the bundle, the server jar, the grammars and the language configurations, and no sources or node_modules", (t) => {
    const e = ready(t);
    if (!e) return;
    const files = [...e.keys()].filter((n) => n.startsWith("extension/")).sort();
    assert.deepEqual(files, [
      "extension/LICENSE.txt",
      "extension/language-configuration/dtrace.json",
      "extension/language-configuration/systemtap.json",
      "extension/language-configuration/trace-events.json",
      "extension/out/extension.js",
      "extension/package.json",
      "extension/readme.md",
      "extension/server/tapls.jar",
      "extension/syntaxes/dtrace.tmLanguage.json",
      "extension/syntaxes/systemtap.tmLanguage.json",
      "extension/syntaxes/trace-events.tmLanguage.json",
    ]);
    const packaged = JSON.parse(e.get("extension/package.json")!.data().toString("utf8"));
    assert.equal(packaged.main, "./out/extension.js");
    assert.ok(e.has(`extension/${packaged.main.replace(/^\.\//, "")}`));
    for (const c of packaged.contributes.languages) {
      assert.ok(e.has(`extension/${c.configuration.replace(/^\.\//, "")}`), c.configuration);
    }
    for (const g of packaged.contributes.grammars) {
      assert.ok(e.has(`extension/${g.path.replace(/^\.\//, "")}`), g.path);
    }
  });

  test("the bundle needs nothing but VS Code and Node's own modules", (t) => {
    const e = ready(t);
    if (!e) return;
    const js = e.get("extension/out/extension.js")!.data().toString("utf8");
    const required = new Set([...js.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]));
    assert.ok(required.has("vscode"), [...required].join(" "));
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    assert.deepEqual([...required].filter((r) => r !== "vscode" && !builtins.has(r)), []);
  });

  test("the jar inside, found where the extension looks for it, starts and answers initialize and a completion", async (t) => {
    const e = ready(t);
    if (!e) return;
    // The extension as VS Code unpacks it: resolveServerJar picks the bundled jar.
    const extension = path.join(tmp, "extension");
    const jarEntry = e.get("extension/server/tapls.jar")!;
    fs.mkdirSync(path.join(extension, "server"), { recursive: true });
    fs.writeFileSync(path.join(extension, "server", "tapls.jar"), jarEntry.data());
    const jar = resolveServerJar("", extension, undefined);
    assert.deepEqual(jar, { ok: true, jar: path.join(extension, "server", "tapls.jar"), from: "bundled" });

    const started = await startServer(jar.ok ? jar.jar : "");
    assert.ok(started);
    const { server, connection } = started;
    let stderr = "";
    server.stderr!.on("data", (d) => (stderr += d.toString()));
    const published = new Publications();
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => published.add(p));
    connection.listen();
    try {
      const init = await within(
        30_000,
        "initialize",
        connection.sendRequest(InitializeRequest.type, {
          processId: process.pid,
          rootUri: null,
          capabilities: VSCODE_CAPABILITIES,
          initializationOptions: { defaultTapsets: false },
        }),
      );
      assert.equal(init.serverInfo?.name, "tapls");
      await connection.sendNotification(InitializedNotification.type, {});
      const uri = `file://${tmp}/trace-events`;
      const mark = published.mark();
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: "trace-events", version: 1, text: 'dis\nfoo(int x) "x=%d"\n' },
      });
      const items = await within(
        30_000,
        "completion",
        connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 3 } }),
      );
      assert.deepEqual((Array.isArray(items) ? items : (items?.items ?? [])).map((i) => i.label), ["disable"]);
      await published.until(mark, uri, "the diagnostics of the unfinished line", (d) => d.length > 0);
      const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
      await within(10_000, "shutdown", connection.sendRequest(ShutdownRequest.type));
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await within(10_000, "the server's exit", exited), 0, stderr);
    } finally {
      connection.dispose();
      if (server.exitCode === null) server.kill();
    }
  });
});
