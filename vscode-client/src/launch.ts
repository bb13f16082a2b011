// How the extension starts the server and what it tells it: pure functions, no `vscode` import,
// shared by the extension and by the tests that start the real server the same way.

import * as fs from "node:fs";
import * as path from "node:path";

/** The settings the extension reads (the `tapls.*` section). */
export interface TaplsConfig {
  qemuVersion?: string;
  disable?: string[];
  enable?: string[];
  syntaxOnly?: boolean;
  tapsets?: string[];
  defaultTapsets?: boolean;
  traceEvents?: string[];
  probePrefixes?: string[];
  stapTarget?: { arch?: string; kernelRelease?: string; runtime?: string };
  scriptArguments?: string[];
  tapsetBinary?: string;
  tapsetOutput?: string;
  providerFiles?: string[];
  providerPrefix?: string;
  serverJar?: string;
  vmargs?: string[];
}

/** stap's runtimes (`stap --runtime=MODE`), the values of `tapls.stapTarget.runtime`. */
export const STAP_RUNTIMES = ["kernel", "dyninst", "bpf"] as const;

/**
 * What the server understands, in initializationOptions and workspace/didChangeConfiguration
 * (server/src/main/java/io/tapls/lsp/ClientSettings.java). Every key is optional: an absent one is
 * the server's default, and `serverSettings` leaves out every value that means the default.
 */
export interface ServerSettings {
  qemuVersion?: string;
  disable?: string[];
  enable?: string[];
  syntaxOnly?: true;
  tapsets?: string[];
  defaultTapsets?: false;
  traceEvents?: string[];
  probePrefixes?: string[];
  stapTarget?: { arch?: string; kernelRelease?: string; runtime?: string };
  scriptArguments?: string[];
  tapsetBinary?: string;
  tapsetOutput?: string;
  providerFiles?: string[];
  providerPrefix?: string;
}

export interface ServerCommand {
  command: string;
  args: string[];
}

/**
 * The server's JVM options, as the `tapls` launcher gives `tapls lsp` (see its comments): the serial
 * collector, a heap that starts at about what the server keeps and shrinks back after its idle trim, the
 * parser's stack depth, and an exit on memory exhaustion (the client restarts the server).
 */
export const DEFAULT_VM_ARGS = [
  "-XX:+UseSerialGC",
  "-Xss4m",
  "-XX:+ExitOnOutOfMemoryError",
  "-Xms48m",
];

/**
 * Hands glibc's free pages back every second (the JIT's scratch memory, freed after a burst of work: some 35 MB
 * of the server's resident memory), as the launcher does on a JVM that has the option.
 */
export const TRIM_NATIVE_HEAP = "-XX:TrimNativeHeapInterval=1000";

/**
 * Whether a JVM of this `java -version` string has -XX:TrimNativeHeapInterval (JDK-8293114: 22 and later, and
 * the backports in 17.0.9 and 21.0.1); an older one would refuse to start with it. The launcher's `case` on the
 * JDK's release file says the same.
 */
export function hasTrimNativeHeap(version: string): boolean {
  const m = /^(\d+)(?:\.(\d+)\.(\d+))?/.exec(version);
  if (!m) {
    return false;
  }
  const major = Number(m[1]);
  const update = m[3] === undefined ? 0 : Number(m[3]);
  if (major === 17) {
    return update >= 9;
  }
  if (major === 21) {
    return update >= 1;
  }
  return major >= 22;
}

/**
 * `java <defaults> <vmargs> -jar <jar> lsp`: the user's `tapls.server.vmargs` come last, so they win. The native
 * heap trim is added when the Java's version (as `java -version` printed it) is known to have it.
 */
export function serverCommand(java: string, jar: string, vmargs: readonly string[] = [],
  javaVersion?: string): ServerCommand {
  const extra = vmargs.map((a) => a.trim()).filter((a) => a.length > 0);
  const trim = javaVersion !== undefined && hasTrimNativeHeap(javaVersion) ? [TRIM_NATIVE_HEAP] : [];
  return { command: java, args: [...DEFAULT_VM_ARGS, ...trim, ...extra, "-jar", jar, "lsp"] };
}

/** The strings of a list setting, trimmed, without the empty ones (anything but a list of strings: none). */
function cleanList(values: unknown): string[] {
  return (Array.isArray(values) ? values : [])
    .filter((s): s is string => typeof s === "string")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function cleanString(value: unknown): string {
  return typeof value === "string" ? value.trim() : "";
}

/**
 * The server's settings from the extension's. Only what differs from the server's defaults is sent,
 * so that an unset setting (an empty string or list, a boolean at its default) leaves the server's
 * own default in force: an empty qemuVersion means the newest, no probePrefixes means
 * qemu.system.x86_64 and those of the target/ directories, defaultTapsets is true, syntaxOnly false.
 * Paths are sent as written: the server reads relative ones from the first workspace folder.
 * Script arguments are sent untrimmed (they are values, spaces and all).
 */
export function serverSettings(config: TaplsConfig): ServerSettings {
  const settings: ServerSettings = {};
  const v = cleanString(config.qemuVersion);
  if (v !== "") {
    settings.qemuVersion = v;
  }
  for (const key of ["disable", "enable", "tapsets", "traceEvents", "probePrefixes", "providerFiles"] as const) {
    const clean = cleanList(config[key]);
    if (clean.length > 0) {
      settings[key] = clean;
    }
  }
  if (config.syntaxOnly === true) {
    settings.syntaxOnly = true;
  }
  if (config.defaultTapsets === false) {
    settings.defaultTapsets = false;
  }
  const target: NonNullable<ServerSettings["stapTarget"]> = {};
  const t: NonNullable<TaplsConfig["stapTarget"]> =
    config.stapTarget && typeof config.stapTarget === "object" ? config.stapTarget : {};
  for (const key of ["arch", "kernelRelease", "runtime"] as const) {
    const value = cleanString(t[key]);
    if (value !== "") {
      target[key] = value;
    }
  }
  if (Object.keys(target).length > 0) {
    settings.stapTarget = target;
  }
  const args = Array.isArray(config.scriptArguments)
    ? config.scriptArguments.filter((a): a is string => typeof a === "string")
    : [];
  if (args.length > 0) {
    settings.scriptArguments = args;
  }
  for (const key of ["tapsetBinary", "tapsetOutput", "providerPrefix"] as const) {
    const value = cleanString(config[key]);
    if (value !== "") {
      settings[key] = value;
    }
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

/**
 * The languages the extension contributes: trace-events, SystemTap, and DTrace provider files (`dtrace`:
 * `*probes.d`, or a first line `provider NAME {`; `.d` alone is not claimed, it is the D language's too).
 */
export const LANGUAGE_IDS = ["trace-events", "systemtap", "dtrace"] as const;

/**
 * Other extensions' languages whose documents the server is also given: `d` (what a D extension calls
 * `*.d`). The server tells a provider file from a D program by its text and leaves the latter alone.
 */
export const OTHER_LANGUAGE_IDS = ["d"] as const;

/** The document selector: every language above, in files and unsaved editors. */
export function documentSelector(): { scheme: string; language: string }[] {
  return [...LANGUAGE_IDS, ...OTHER_LANGUAGE_IDS].flatMap((language) => [
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

/**
 * The server's command that writes the log-probe tapsets of an open trace-events document
 * (server/src/main/java/io/tapls/lsp/TaplsTextDocumentService.java, GENERATE_COMMAND). The server
 * advertises it in `executeCommandProvider`, so vscode-languageclient registers a VS Code command of
 * that name itself: the extension's own command must have another.
 */
export const SERVER_GENERATE_COMMAND = "tapls.generateLogTapset";

/** The extension's commands (package.json's `contributes.commands`). */
export const COMMANDS = {
  generateTapset: "tapls.generateTapset",
  restartServer: "tapls.restartServer",
  showOutput: "tapls.showOutput",
} as const;

/**
 * `workspace/executeCommand`'s parameters for the server's generate command: the document's URI and
 * whether to overwrite files that exist (the server overwrites only files tracetool generated).
 */
export function generateTapsetParams(uri: string, overwrite = false): { command: string; arguments: [string, boolean] } {
  return { command: SERVER_GENERATE_COMMAND, arguments: [uri, overwrite] };
}

/** The server's refusal for a file that exists, which the extension answers by offering to overwrite. */
export function refusedBecauseExists(message: string): boolean {
  return / exists; /.test(message);
}

/** The file "Open" shows once they are written: the log tapset, the one to run with `stap`. */
export function tapsetToOpen(written: readonly string[]): string | undefined {
  return written.find((w) => w.endsWith("-log.stp")) ?? written[0];
}

/** What the extension tells the user once the server has written the files. */
export function generatedMessage(written: readonly string[]): string {
  if (written.length === 0) {
    return "tapls: nothing was generated.";
  }
  const dir = path.dirname(written[0]);
  const names = written.map((w) => (path.dirname(w) === dir ? path.basename(w) : w));
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : names[0];
  return `tapls: generated ${list} in ${dir}.`;
}
