// Finds a Java runtime (17 or newer) for the tapls server.
//
// No `vscode` import here: the extension passes in the settings, and the tests call this module
// directly with fake `java` executables.

import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const MINIMUM_JAVA_MAJOR = 17;

/** Where a candidate Java came from, in the order they are tried. */
export type JavaSource = "tapls.java.home" | "java.home" | "JDK_HOME" | "JAVA_HOME" | "PATH";

export interface JavaSearch {
  /** The `tapls.java.home` setting: when set, it must work; nothing else is tried. */
  taplsJavaHome?: string;
  /** The `java.home` setting (shared with other Java extensions). */
  javaHome?: string;
  /** The environment (JDK_HOME, JAVA_HOME, PATH). */
  env: NodeJS.ProcessEnv;
  /** process.platform by default; decides `java` or `java.exe` and the PATH separator. */
  platform?: NodeJS.Platform;
  /** Runs `<java> -version` and resolves with what it printed; the default runs the real program. */
  runVersion?: (java: string) => Promise<string>;
}

export interface Rejected {
  source: JavaSource;
  java: string;
  reason: string;
}

export type JavaResult =
  | { ok: true; java: string; major: number; version: string; source: JavaSource; rejected: Rejected[] }
  | { ok: false; message: string; setting?: "tapls.java.home"; rejected: Rejected[] };

/** The executable inside a Java home: `<home>/bin/java` (`java.exe` on Windows). */
export function javaInHome(home: string, platform: NodeJS.Platform = process.platform): string {
  return path.join(home, "bin", platform === "win32" ? "java.exe" : "java");
}

/** The first `java` on a PATH, or undefined. */
export function javaOnPath(pathVar: string | undefined, platform: NodeJS.Platform = process.platform): string | undefined {
  if (!pathVar) {
    return undefined;
  }
  const sep = platform === "win32" ? ";" : ":";
  const exe = platform === "win32" ? "java.exe" : "java";
  for (const dir of pathVar.split(sep)) {
    if (!dir) {
      continue;
    }
    const candidate = path.join(dir, exe);
    if (isExecutableFile(candidate, platform)) {
      return candidate;
    }
  }
  return undefined;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (platform !== "win32") {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The version a `java -version` banner names, e.g. `openjdk version "17.0.15" 2025-04-15` → 17,
 * `java version "1.8.0_292"` → 8, `openjdk version "21-ea"` → 21. Undefined when there is none.
 */
export function parseJavaVersion(banner: string): { major: number; version: string } | undefined {
  const m = /\bversion\s+"([^"]+)"/.exec(banner);
  if (!m) {
    return undefined;
  }
  const version = m[1];
  const parts = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!parts) {
    return undefined;
  }
  let major = Number(parts[1]);
  if (major === 1 && parts[2] !== undefined) {
    major = Number(parts[2]); // 1.8.0_292 is Java 8
  }
  return { major, version };
}

/** Runs `java -version` (it prints to stderr) with a time limit. */
export function runJavaVersion(java: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(java, ["-version"], { timeout: 15000, windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        reject(error);
      } else {
        resolve(`${stderr}${stdout}`);
      }
    });
  });
}

interface Candidate {
  source: JavaSource;
  java: string | undefined;
  missing: string;
}

/**
 * Tries, in order: the `tapls.java.home` setting, the `java.home` setting, JDK_HOME, JAVA_HOME and
 * `java` on the PATH, and answers with the first whose `java -version` says 17 or newer. An explicit
 * `tapls.java.home` that does not work is an error by itself (the user asked for that one), so the
 * extension can offer to open that setting.
 */
export async function findJava(search: JavaSearch): Promise<JavaResult> {
  const platform = search.platform ?? process.platform;
  const run = search.runVersion ?? runJavaVersion;
  const rejected: Rejected[] = [];

  const fromHome = (source: JavaSource, home: string | undefined): Candidate | undefined => {
    const h = home?.trim();
    return h ? { source, java: javaInHome(h, platform), missing: `${h} has no ${path.join("bin", "java")}` } : undefined;
  };

  const explicit = fromHome("tapls.java.home", search.taplsJavaHome);
  if (explicit) {
    const outcome = await probe(explicit, run, platform);
    if (outcome.ok) {
      return { ...outcome, rejected };
    }
    rejected.push(outcome.rejected);
    return {
      ok: false,
      setting: "tapls.java.home",
      message: `The setting tapls.java.home does not name a usable Java ${MINIMUM_JAVA_MAJOR} or newer: ${outcome.rejected.reason}.`,
      rejected,
    };
  }

  const candidates: Candidate[] = [];
  for (const c of [
    fromHome("java.home", search.javaHome),
    fromHome("JDK_HOME", search.env.JDK_HOME),
    fromHome("JAVA_HOME", search.env.JAVA_HOME),
  ]) {
    if (c) {
      candidates.push(c);
    }
  }
  const pathVar = search.env.PATH ?? search.env.Path;
  candidates.push({ source: "PATH", java: javaOnPath(pathVar, platform), missing: "no java on the PATH" });

  for (const c of candidates) {
    const outcome = await probe(c, run, platform);
    if (outcome.ok) {
      return { ...outcome, rejected };
    }
    rejected.push(outcome.rejected);
  }
  const tried = rejected.map((r) => `${r.source}: ${r.reason}`).join("; ");
  return {
    ok: false,
    message: `tapls needs Java ${MINIMUM_JAVA_MAJOR} or newer to run its language server, and none was found (${tried}).`,
    rejected,
  };
}

type Probe =
  | { ok: true; java: string; major: number; version: string; source: JavaSource }
  | { ok: false; rejected: Rejected };

async function probe(c: Candidate, run: (java: string) => Promise<string>, platform: NodeJS.Platform): Promise<Probe> {
  const java = c.java ?? "";
  if (!c.java || !isExecutableFile(c.java, platform)) {
    return { ok: false, rejected: { source: c.source, java, reason: c.missing } };
  }
  let banner: string;
  try {
    banner = await run(c.java);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, rejected: { source: c.source, java, reason: `${c.java} -version failed (${why.split("\n")[0]})` } };
  }
  const v = parseJavaVersion(banner);
  if (!v) {
    return { ok: false, rejected: { source: c.source, java, reason: `${c.java} -version printed no version` } };
  }
  if (v.major < MINIMUM_JAVA_MAJOR) {
    return {
      ok: false,
      rejected: { source: c.source, java, reason: `${c.java} is Java ${v.major} (${v.version}), older than ${MINIMUM_JAVA_MAJOR}` },
    };
  }
  return { ok: true, java: c.java, major: v.major, version: v.version, source: c.source };
}
