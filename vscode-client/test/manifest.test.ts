// Static checks: package.json, the grammars, the language configurations and the extension's code
// agree with one another.

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import { documentSelector, LANGUAGE_IDS } from "../src/launch";
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
    assert.deepEqual([...manifest.activationEvents].sort(), ids.map((id: string) => `onLanguage:${id}`).sort());
    assert.deepEqual([...new Set(documentSelector().map((s) => s.language))].sort(), [...ids].sort());
  });

  test("file associations match the server's: trace-events, trace-events-all, *.trace-events, *.stp, *.stpm", () => {
    const lang = (id: string) => contributes.languages.find((l: { id: string }) => l.id === id);
    assert.deepEqual(lang("trace-events").filenames, ["trace-events", "trace-events-all"]);
    assert.deepEqual(lang("trace-events").extensions, [".trace-events"]);
    assert.deepEqual(lang("systemtap").extensions, [".stp", ".stpm"]);
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

  test("every command is registered by the extension", () => {
    const source = read("src/extension.ts");
    for (const c of contributes.commands) {
      assert.ok(source.includes(`registerCommand("${c.command}"`), c.command);
    }
  });

  test("main points at the compiled extension, and the pure modules do not import vscode", () => {
    assert.equal(manifest.main, "./out/src/extension.js");
    assert.ok(fs.existsSync(path.join(EXTENSION_ROOT, manifest.main)));
    for (const f of ["src/javaFinder.ts", "src/launch.ts"]) {
      assert.doesNotMatch(read(f), /from "vscode"|require\("vscode"\)/, f);
    }
  });

  test("package-lock.json is committed and pins what package.json asks for", () => {
    const lock = JSON.parse(read("package-lock.json"));
    const root = lock.packages[""];
    assert.deepEqual(root.dependencies, manifest.dependencies);
    assert.deepEqual(root.devDependencies, manifest.devDependencies);
  });
});
