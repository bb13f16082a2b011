// The TextMate grammars over real files: every QEMU trace-events file of the shared corpus (all
// valid) and Debian's QEMU 7.2 trace-events-all must give one event name a line and no `invalid`
// scope; every SystemTap tapset and example must come back to the top level at its end (no comment,
// string or embedded-C region left open by the grammar).

import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { before, describe, test } from "node:test";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";
import { EXTENSION_ROOT, skipOrFail } from "./support";

const SHARED = path.resolve(EXTENSION_ROOT, "..", "..", "shared");
const QEMU = path.join(SHARED, "corpus", "qemu");
const QEMU72 = process.env.TAPLS_QEMU72_TRACE_EVENTS ?? "/usr/share/qemu/trace-events-all";
const TAPSETS = "/usr/share/systemtap/tapset";
const EXAMPLES = "/usr/share/systemtap/examples";

const GRAMMARS: Record<string, string> = {
  "source.trace-events": "syntaxes/trace-events.tmLanguage.json",
  "source.systemtap": "syntaxes/systemtap.tmLanguage.json",
  "source.c": "test/grammar/c-stub.tmLanguage.json",
};

let registry: vsctm.Registry;

before(async () => {
  const wasm = fs.readFileSync(path.join(path.dirname(require.resolve("vscode-oniguruma")), "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      const file = GRAMMARS[scopeName];
      if (!file) {
        return null;
      }
      const full = path.join(EXTENSION_ROOT, file);
      return vsctm.parseRawGrammar(fs.readFileSync(full, "utf8"), full);
    },
  });
});

function files(dir: string, accept: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...files(p, accept));
    } else if (accept(entry.name)) {
      out.push(p);
    }
  }
  return out.sort();
}

/** Tokenizes a file; calls `onLine` with each line's tokens; answers the rule stack at the end. */
function tokenize(
  grammar: vsctm.IGrammar,
  text: string,
  onLine?: (line: string, tokens: vsctm.IToken[], lineNo: number) => void,
): vsctm.StackElement {
  let stack = vsctm.INITIAL;
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const r = grammar.tokenizeLine(line, stack, 5000);
    assert.ok(!r.stoppedEarly, `tokenizing line ${i + 1} took too long`);
    onLine?.(line, r.tokens, i + 1);
    stack = r.ruleStack;
  });
  return stack;
}

function checkTraceEvents(grammar: vsctm.IGrammar, file: string): { events: number; problems: string[] } {
  const problems: string[] = [];
  let events = 0;
  tokenize(grammar, fs.readFileSync(file, "utf8"), (line, tokens, n) => {
    if (line.trim() === "" || line.trim().startsWith("#")) {
      return;
    }
    events++;
    const names = tokens.filter((t) => t.scopes.includes("entity.name.function.event.trace-events"));
    const invalid = tokens.filter((t) => t.scopes.some((s) => s.startsWith("invalid.")));
    if (names.length !== 1 || invalid.length > 0) {
      const bad = invalid.map((t) => JSON.stringify(line.slice(t.startIndex, t.endIndex))).join(", ");
      problems.push(`${file}:${n}: ${names.length} event names${bad ? `, invalid: ${bad}` : ""}: ${line}`);
    }
  });
  return { events, problems };
}

describe("the grammars over real files", () => {
  test("QEMU 10.2 trace-events corpus: one event name a line, nothing invalid", async (t) => {
    if (!fs.existsSync(QEMU)) {
      skipOrFail(t, `the shared QEMU corpus is not at ${QEMU}`);
      return;
    }
    const grammar = (await registry.loadGrammar("source.trace-events"))!;
    const all = [
      ...files(path.join(QEMU, "trace-events"), (n) => n === "trace-events"),
      ...files(path.join(QEMU, "generated-qapi"), (n) => n.endsWith(".trace-events")),
    ];
    assert.ok(all.length >= 140, `${all.length} files`);
    let events = 0;
    const problems: string[] = [];
    for (const f of all) {
      const r = checkTraceEvents(grammar, f);
      events += r.events;
      problems.push(...r.problems);
    }
    assert.deepEqual(problems.slice(0, 10), []);
    assert.ok(events >= 6000, `${events} events`);
  });

  test("Debian's QEMU 7.2 trace-events-all (vcpu dialect): nothing invalid", async (t) => {
    if (!fs.existsSync(QEMU72)) {
      skipOrFail(t, `Debian's qemu-system-common trace-events-all is not at ${QEMU72}`);
      return;
    }
    const grammar = (await registry.loadGrammar("source.trace-events"))!;
    const r = checkTraceEvents(grammar, QEMU72);
    assert.deepEqual(r.problems.slice(0, 10), []);
    assert.ok(r.events >= 5000, `${r.events} events`);
  });

  test("the SystemTap tapsets and examples end at the top level", async (t) => {
    if (!fs.existsSync(TAPSETS)) {
      skipOrFail(t, `Debian's systemtap-common tapsets are not at ${TAPSETS}`);
      return;
    }
    const grammar = (await registry.loadGrammar("source.systemtap"))!;
    const stp = (n: string) => n.endsWith(".stp") || n.endsWith(".stpm");
    const all = [...files(TAPSETS, stp), ...(fs.existsSync(EXAMPLES) ? files(EXAMPLES, stp) : [])];
    assert.ok(all.length >= 600, `${all.length} files`);
    const top = grammar.tokenizeLine("", vsctm.INITIAL).ruleStack; // the stack at the top level
    const open: string[] = [];
    for (const f of all) {
      const end = tokenize(grammar, fs.readFileSync(f, "utf8"));
      if (!end.equals(top)) {
        open.push(f);
      }
    }
    assert.deepEqual(open.slice(0, 10), []);
  });
});
