// Runs vscode-tmgrammar-test on the fixtures in test/grammar/, so its verdict counts here.

import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { test } from "node:test";
import { EXTENSION_ROOT } from "./support";

test("the TextMate grammars scope the fixtures as their assertions say", async () => {
  const cli = path.join(EXTENSION_ROOT, "node_modules", "vscode-tmgrammar-test", "dist", "unit.js");
  const args = [
    cli,
    "-g", "syntaxes/trace-events.tmLanguage.json",
    "-g", "syntaxes/systemtap.tmLanguage.json",
    "-g", "test/grammar/c-stub.tmLanguage.json",
    "test/grammar/*.test.*",
  ];
  const { code, out } = await new Promise<{ code: number; out: string }>((resolve) => {
    execFile(process.execPath, args, { cwd: EXTENSION_ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, out: `${stdout}${stderr}` });
    });
  });
  assert.equal(code, 0, out);
  // Both fixtures ran (a glob that matches nothing would also exit 0).
  assert.match(out, /events\.test\.trace-events run successfuly/);
  assert.match(out, /script\.test\.stp run successfuly/);
});
