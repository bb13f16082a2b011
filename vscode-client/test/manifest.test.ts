// Static checks: package.json, the grammars, the language configurations and the extension's code
// agree with one another.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import {
  COMMANDS,
  documentSelector,
  LANGUAGE_IDS,
  OTHER_LANGUAGE_IDS,
  SERVER_GENERATE_COMMAND,
  serverSettings,
  STAP_RUNTIMES,
  TaplsConfig,
} from "../src/launch";
import { EXTENSION_ROOT } from "./support";

const read = (p: string) => fs.readFileSync(path.join(EXTENSION_ROOT, p), "utf8");
const manifest = JSON.parse(read("package.json"));
const contributes = manifest.contributes;

describe("package.json", () => {
  test("has what a marketplace package needs", () => {
    assert.equal(typeof manifest.publisher, "string");
    assert.ok(manifest.repository?.url, "repository.url");
    assert.match(manifest.engines?.vscode ?? "", /^\^1\.\d+\.\d+$/);
    assert.equal(manifest.license, "GPL-2.0-or-later");
    assert.match(read("LICENSE"), /GNU GENERAL PUBLIC LICENSE\s+Version 2, June 1991/);
    assert.ok(fs.existsSync(path.join(EXTENSION_ROOT, "README.md")));
  });

  test("the VS Code engine is one vscode-languageclient and @types/vscode accept", () => {
    const ours = manifest.engines.vscode.replace("^", "").split(".").map(Number);
    const lc = JSON.parse(read("node_modules/vscode-languageclient/package.json"));
    const needed = lc.engines.vscode.replace("^", "").split(".").map(Number);
    assert.ok(ours[1] >= needed[1], `engines.vscode ${manifest.engines.vscode} < languageclient's ${lc.engines.vscode}`);
    const types = JSON.parse(read("node_modules/@types/vscode/package.json")).version.split(".").map(Number);
    assert.ok(types[1] <= ours[1], `@types/vscode ${types.join(".")} is newer than engines.vscode`);
  });

  test("the language ids, the activation events and the document selector agree", () => {
    const ids = contributes.languages.map((l: { id: string }) => l.id);
    assert.deepEqual([...ids].sort(), [...LANGUAGE_IDS].sort());
    const served = [...ids, ...OTHER_LANGUAGE_IDS];
    assert.deepEqual([...manifest.activationEvents].sort(), served.map((id: string) => `onLanguage:${id}`).sort());
    assert.deepEqual([...new Set(documentSelector().map((s) => s.language))].sort(), [...served].sort());
  });

  test("file associations match the server's: trace-events, trace-events-all, *.trace-events, *.stp, *.stpm", () => {
    const lang = (id: string) => contributes.languages.find((l: { id: string }) => l.id === id);
    assert.deepEqual(lang("trace-events").filenames, ["trace-events", "trace-events-all"]);
    assert.deepEqual(lang("trace-events").extensions, [".trace-events"]);
    assert.deepEqual(lang("systemtap").extensions, [".stp", ".stpm"]);
    // *.d is D's too: only provider files by name (libvirt_probes.d, probes.d) or by their first line
    assert.equal(lang("dtrace").extensions, undefined);
    assert.deepEqual(lang("dtrace").filenamePatterns, ["*probes.d"]);
    const firstLine = new RegExp(lang("dtrace").firstLine);
    assert.ok(firstLine.test("provider libvirt {"));
    assert.ok(!firstLine.test("module app;"));
  });

  test("every language has a grammar whose file exists and declares the same scope", () => {
    for (const lang of contributes.languages) {
      const grammars = contributes.grammars.filter((g: { language: string }) => g.language === lang.id);
      assert.equal(grammars.length, 1, `one grammar for ${lang.id}`);
      const g = grammars[0];
      const json = JSON.parse(read(g.path));
      assert.equal(json.scopeName, g.scopeName, g.path);
      assert.equal(g.scopeName, `source.${lang.id}`);
    }
  });

  test("every grammar include of the grammar's own repository resolves", () => {
    for (const g of contributes.grammars) {
      const json = JSON.parse(read(g.path));
      const includes = JSON.stringify(json).match(/"include":"#[^"]+"/g) ?? [];
      for (const inc of includes) {
        const name = inc.slice('"include":"#'.length, -1);
        assert.ok(json.repository?.[name], `${g.path}: #${name} is not in the repository`);
      }
    }
  });

  test("every language configuration exists, parses and names its comments", () => {
    for (const lang of contributes.languages) {
      const conf = JSON.parse(read(lang.configuration));
      assert.ok(conf.comments?.lineComment, `${lang.configuration}: lineComment`);
    }
  });

  test("the settings the extension reads are the ones package.json declares, and back", () => {
    const declared = Object.keys(contributes.configuration.properties).sort();
    const source = read("src/extension.ts");
    const readKeys = new Set<string>();
    for (const m of source.matchAll(/getConfiguration\("tapls"\)\.get<[^>]+>\("([^"]+)"/g)) {
      readKeys.add(`tapls.${m[1]}`);
    }
    for (const m of source.matchAll(/\bc\.get<[^>]+>\("([^"]+)"/g)) {
      readKeys.add(`tapls.${m[1]}`);
    }
    for (const key of readKeys) {
      assert.ok(declared.includes(key), `extension.ts reads ${key}, which package.json does not declare`);
    }
    // tapls.trace.server is read by vscode-languageclient itself (client id "tapls").
    const unread = declared.filter((k) => !readKeys.has(k) && k !== "tapls.trace.server");
    assert.deepEqual(unread, []);
    assert.match(source, /new LanguageClient\("tapls"/);
  });

  // The settings that only the extension uses; every other tapls.* setting is one of the server's.
  const CLIENT_ONLY = ["tapls.java.home", "tapls.server.jar", "tapls.server.vmargs", "tapls.trace.server"];

  /** The server's settings and their Java types, from the class that reads them. */
  function serverFields(): Map<string, string> {
    const java = fs.readFileSync(
      path.join(EXTENSION_ROOT, "..", "server", "src", "main", "java", "io", "tapls", "lsp", "ClientSettings.java"),
      "utf8",
    );
    const keys = [...(java.match(/KEYS = Set\.of\(([^)]*)\)/)?.[1] ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    assert.ok(keys.length >= 10, "ClientSettings.KEYS");
    const body = (from: string, to: string) => java.slice(java.indexOf(from), java.indexOf(to, java.indexOf(from)));
    const fields = (text: string) =>
      new Map([...text.matchAll(/^\s+(String|Boolean|List<String>|Target) (\w+);$/gm)].map((m) => [m[2], m[1]]));
    const top = fields(body("final class ClientSettings", "static final class Target"));
    const target = fields(body("static final class Target", "}"));
    assert.deepEqual([...top.keys()].sort(), [...keys].sort(), "ClientSettings' fields are its KEYS");
    const out = new Map<string, string>();
    for (const [k, type] of top) {
      if (type === "Target") {
        for (const [t, tt] of target) out.set(`${k}.${t}`, tt);
      } else {
        out.set(k, type);
      }
    }
    return out;
  }

  test("the server's settings are exactly the tapls.* settings besides Java's and the jar's, with matching types", () => {
    const fields = serverFields();
    const props = contributes.configuration.properties;
    const ours = Object.keys(props).filter((k) => !CLIENT_ONLY.includes(k));
    assert.deepEqual(ours.map((k) => k.slice("tapls.".length)).sort(), [...fields.keys()].sort());
    const jsonType: Record<string, string> = { String: "string", Boolean: "boolean", "List<String>": "array" };
    for (const [key, type] of fields) {
      const p = props[`tapls.${key}`];
      assert.equal(p.type, jsonType[type], `tapls.${key}`);
      if (p.type === "array") {
        assert.deepEqual(p.items, { type: "string" }, `tapls.${key} items`);
      }
      assert.ok(typeof p.markdownDescription === "string" && p.markdownDescription.length > 40, `tapls.${key} description`);
      assert.notEqual(p.scope, "machine", `a workspace may set tapls.${key}`);
    }
    for (const key of CLIENT_ONLY.filter((k) => k !== "tapls.trace.server")) {
      assert.equal(props[key].scope, "machine", `${key} runs a program: machine scope`);
    }
    // Paths are read from the first workspace folder, so a folder's own settings may name them.
    assert.equal(props["tapls.tapsets"].scope, "resource");
    assert.equal(props["tapls.traceEvents"].scope, "resource");
    assert.deepEqual(props["tapls.stapTarget.runtime"].enum, ["", ...STAP_RUNTIMES]);
    assert.equal(props["tapls.stapTarget.runtime"].enumDescriptions.length, STAP_RUNTIMES.length + 1);
  });

  test("the defaults in package.json are what serverSettings leaves out, and a set value of each is sent under the server's key", () => {
    const props = contributes.configuration.properties;
    const config = (value: (key: string) => unknown): TaplsConfig => {
      const c: Record<string, unknown> = { stapTarget: {} };
      for (const key of serverFields().keys()) {
        const [a, b] = key.split(".");
        if (b) (c[a] as Record<string, unknown>)[b] = value(key);
        else c[a] = value(key);
      }
      return c as TaplsConfig;
    };
    assert.deepEqual(serverSettings(config((k) => props[`tapls.${k}`].default)), {});
    const set = serverSettings(
      config((k) => {
        const p = props[`tapls.${k}`];
        return p.type === "boolean" ? !p.default : p.type === "array" ? ["x"] : p.enum ? p.enum[1] : "7.2";
      }),
    );
    const sent = Object.entries(set).flatMap(([k, v]) =>
      k === "stapTarget" ? Object.keys(v as object).map((t) => `${k}.${t}`) : [k],
    );
    assert.deepEqual(sent.sort(), [...serverFields().keys()].sort());
  });

  test("the commands: Generate log-probe tapset, Restart server and Show output, in the tapls category, each registered by the extension", () => {
    assert.deepEqual(
      contributes.commands.map((c: { command: string; title: string; category: string }) => [c.command, c.title, c.category]),
      [
        [COMMANDS.generateTapset, "Generate log-probe tapset", "tapls"],
        [COMMANDS.restartServer, "Restart server", "tapls"],
        [COMMANDS.showOutput, "Show output", "tapls"],
      ],
    );
    const source = read("src/extension.ts");
    for (const c of contributes.commands) {
      assert.ok(source.includes(`registerCommand("${c.command}"`), c.command);
    }
    // Offered where it applies: trace-events editors and files.
    assert.deepEqual(contributes.menus.commandPalette, [{ command: COMMANDS.generateTapset, when: "editorLangId == trace-events" }]);
    assert.equal(contributes.menus["explorer/context"][0].when, "resourceLangId == trace-events");
  });

  test("the server's generate command is the one the server defines, and not one of the extension's (the language client registers it)", () => {
    const java = fs.readFileSync(
      path.join(EXTENSION_ROOT, "..", "server", "src", "main", "java", "io", "tapls", "lsp", "TaplsTextDocumentService.java"),
      "utf8",
    );
    assert.equal(/GENERATE_COMMAND = "([^"]+)"/.exec(java)?.[1], SERVER_GENERATE_COMMAND);
    assert.ok(!contributes.commands.some((c: { command: string }) => c.command === SERVER_GENERATE_COMMAND));
  });

  test("main is the esbuild bundle, and the pure modules do not import vscode", () => {
    assert.equal(manifest.main, "./out/extension.js");
    assert.ok(fs.existsSync(path.join(EXTENSION_ROOT, manifest.main)), "npm test bundles before it runs the tests");
    assert.ok(manifest.files.includes(manifest.main.replace(/^\.\//, "")), "the bundle is packaged");
    assert.ok(manifest.files.includes("server/tapls.jar"), "the server jar is packaged");
    for (const f of ["src/javaFinder.ts", "src/launch.ts"]) {
      assert.doesNotMatch(read(f), /from "vscode"|require\("vscode"\)/, f);
    }
  });

  test("package-lock.json is committed and pins what package.json asks for", () => {
    const lock = JSON.parse(read("package-lock.json"));
    const root = lock.packages[""];
    assert.deepEqual(root.dependencies, manifest.dependencies);
    assert.deepEqual(root.devDependencies, manifest.devDependencies);
    // The packaging tools at exactly the versions package.json names: @vscode/vsce 3.x, the last that
    // runs on Node 20 (4.x needs 22), and esbuild.
    for (const name of ["@vscode/vsce", "esbuild"]) {
      assert.match(manifest.devDependencies[name], /^\d+\.\d+\.\d+$/, `${name} is pinned`);
      assert.equal(lock.packages[`node_modules/${name}`].version, manifest.devDependencies[name], name);
    }
  });
});
