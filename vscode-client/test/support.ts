// Shared by the tests: where the extension lives, and a visible skip that fails under CI=true.

import * as path from "node:path";
import type { TestContext } from "node:test";

/** The extension's folder (vscode-client/), from out/test/. */
export const EXTENSION_ROOT = path.resolve(__dirname, "..", "..");

/** Skips with a message, except under CI=true, where a missing prerequisite fails the test. */
export function skipOrFail(t: TestContext, why: string): void {
  if (process.env.CI === "true") {
    throw new Error(`${why} (CI=true: this test must run)`);
  }
  console.error(`SKIPPED: ${why}`);
  t.skip(why);
}
