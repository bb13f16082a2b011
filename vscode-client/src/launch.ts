// How the extension starts the server and what it tells it: pure functions, no `vscode` import,
// shared by the extension and by the tests that start the real server the same way.

import * as fs from "node:fs";
import * as path from "node:path";

/** The settings the extension reads (the `tapls.*` section). */
export interface TaplsConfig {
  qemuVersion?: string;
  disable?: string[];
  enable?: string[];
  serverJar?: string;
  vmargs?: string[];
}

/** What the server understands, in initializationOptions and workspace/didChangeConfiguration. */
export interface ServerSettings {
  qemuVersion?: string;
  disable: string[];
  enable: string[];
}

export interface ServerCommand {
  command: string;
  args: string[];
}

/** JVM options always passed: fail fast on memory exhaustion (the client restarts the server). */
export const DEFAULT_VM_ARGS = ["-XX:+ExitOnOutOfMemoryError", "-Xss4m"];

/** `java <vmargs> -XX:+ExitOnOutOfMemoryError -Xss4m -jar <jar> lsp`. */
export function serverCommand(java: string, jar: string, vmargs: readonly string[] = []): ServerCommand {
  const extra = vmargs.map((a) => a.trim()).filter((a) => a.length > 0);
  return { command: java, args: [...extra, ...DEFAULT_VM_ARGS, "-jar", jar, "lsp"] };
}

/** The server's settings from the extension's: an empty qemuVersion means the newest, so it is left out. */
export function serverSettings(config: TaplsConfig): ServerSettings {
  const clean = (ids: string[] | undefined) =>
    (Array.isArray(ids) ? ids : []).filter((s) => typeof s === "string" && s.trim() !== "").map((s) => s.trim());
  const settings: ServerSettings = { disable: clean(config.disable), enable: clean(config.enable) };
  const v = typeof config.qemuVersion === "string" ? config.qemuVersion.trim() : "";
  if (v !== "") {
    settings.qemuVersion = v;
  }
  return settings;
}

export type JarResult = { ok: true; jar: string; from: "setting" | "bundled" | "development" } | { ok: false; message: string };

/**
 * The server jar: the `tapls.server.jar` setting when set (relative paths against the first
 * workspace folder), else `server/tapls.jar` inside the extension, else — in a development
 * checkout where the extension is `vscode-client/` — the repository's `server/target/tapls.jar`.
 */
export function resolveServerJar(
  setting: string | undefined,
  extensionPath: string,
  workspaceFolder?: string,
  exists: (p: string) => boolean = (p) => fs.existsSync(p),
): JarResult {
  const s = setting?.trim();
  if (s) {
    const jar = path.isAbsolute(s) || !workspaceFolder ? path.resolve(s) : path.resolve(workspaceFolder, s);
    return exists(jar)
      ? { ok: true, jar, from: "setting" }
      : { ok: false, message: `The setting tapls.server.jar names ${jar}, which does not exist.` };
  }
  const bundled = bundledJar(extensionPath);
  if (exists(bundled)) {
    return { ok: true, jar: bundled, from: "bundled" };
  }
  const dev = developmentJar(extensionPath);
  if (exists(dev)) {
    return { ok: true, jar: dev, from: "development" };
  }
  return {
    ok: false,
    message: `The tapls server jar is missing: neither ${bundled} nor ${dev} exists. Build it with 'mvn -B -q install -DskipTests' or set tapls.server.jar.`,
  };
}

export function bundledJar(extensionPath: string): string {
  return path.join(extensionPath, "server", "tapls.jar");
}

export function developmentJar(extensionPath: string): string {
  return path.join(extensionPath, "..", "server", "target", "tapls.jar");
}

/** The document selector: both languages, in files and unsaved editors. */
export const LANGUAGE_IDS = ["trace-events", "systemtap"] as const;

export function documentSelector(): { scheme: string; language: string }[] {
  return LANGUAGE_IDS.flatMap((language) => [
    { scheme: "file", language },
    { scheme: "untitled", language },
  ]);
}

/**
 * Restart policy for a crashed server: restart it up to `maxRestarts` times within `windowMs`
 * (5 in 10 minutes by default); the crash after that leaves it stopped.
 */
export class CrashPolicy {
  private readonly crashes: number[] = [];

  constructor(
    readonly maxRestarts = 5,
    readonly windowMs = 10 * 60 * 1000,
  ) {}

  /** Records a crash at `now`; true when the server should be restarted. */
  crashed(now: number = Date.now()): boolean {
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > this.windowMs) {
      this.crashes.shift();
    }
    return this.crashes.length <= this.maxRestarts;
  }

  get recentCrashes(): number {
    return this.crashes.length;
  }
}
