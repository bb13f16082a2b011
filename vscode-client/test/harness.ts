// The JSON-RPC harness the server tests share: the real server jar started exactly as the extension
// starts it (findJava, resolveServerJar, serverCommand), spoken to through vscode-languageserver-protocol,
// the library under vscode-languageclient. jsonrpc comes only through vscode-languageserver-protocol/node.

import { strict as assert } from "node:assert";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  ClientCapabilities,
  createProtocolConnection,
  Diagnostic,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import { findJava } from "../src/javaFinder";
import { developmentJar, resolveServerJar, serverCommand } from "../src/launch";
import { EXTENSION_ROOT } from "./support";

/** `p`, or a rejection naming `what` after `ms` milliseconds. */
export function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export const missingJar = () =>
  `the server jar ${developmentJar(EXTENSION_ROOT)} is missing (build it: mvn -B -q -o install -DskipTests)`;

/**
 * The server jar (by default the development one, ../server/target/tapls.jar) started exactly as the
 * extension starts it, with a connection not yet listening; undefined when the jar is not there.
 */
export async function startServer(
  jarPath: string = developmentJar(EXTENSION_ROOT),
): Promise<{ server: ChildProcess; connection: ProtocolConnection } | undefined> {
  if (!fs.existsSync(jarPath)) {
    return undefined;
  }
  const java = await findJava({ env: process.env });
  if (!java.ok) {
    throw new Error(java.message);
  }
  const jar = resolveServerJar(jarPath, EXTENSION_ROOT);
  assert.ok(jar.ok);
  const cmd = serverCommand(java.java, jar.jar, []);
  const server = spawn(cmd.command, cmd.args, { stdio: ["pipe", "pipe", "pipe"] });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
  return { server, connection };
}

/**
 * The client capabilities vscode-languageclient 9 announces for what these tests use: markdown in
 * hovers and completion documentation, snippets, code action literals, workspace edits that create
 * files, dynamic file watching, workspace folders and progress.
 */
export const VSCODE_CAPABILITIES: ClientCapabilities = {
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ["create", "rename", "delete"], failureHandling: "textOnlyTransactional" },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    executeCommand: { dynamicRegistration: true },
    workspaceFolders: true,
    configuration: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    completion: {
      completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"], insertReplaceSupport: true },
      contextSupport: true,
    },
    hover: { contentFormat: ["markdown", "plaintext"] },
    publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      codeActionLiteralSupport: {
        codeActionKind: { valueSet: ["", "quickfix", "refactor", "refactor.extract", "refactor.inline", "refactor.rewrite", "source", "source.organizeImports"] },
      },
      resolveSupport: { properties: ["edit"] },
    },
  },
  window: { workDoneProgress: true },
};

/** Every diagnostics publication, in order, and a way to wait for one that says what a test expects. */
export class Publications {
  private readonly all: PublishDiagnosticsParams[] = [];
  private readonly waiters: (() => void)[] = [];

  add(p: PublishDiagnosticsParams): void {
    this.all.push(p);
    this.waiters.splice(0).forEach((w) => w());
  }

  /** A mark: `until` looks only at what is published after it. */
  mark(): number {
    return this.all.length;
  }

  /** The diagnostics of the first publication for `uri` after `mark` that satisfies `expected`. */
  async until(mark: number, uri: string, what: string, expected: (d: Diagnostic[]) => boolean, ms = 30_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + ms;
    for (let i = mark; ; ) {
      for (; i < this.all.length; i++) {
        if (this.all[i].uri === uri && expected(this.all[i].diagnostics)) {
          return this.all[i].diagnostics;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        const last = this.all.filter((p) => p.uri === uri).pop();
        throw new Error(`timed out waiting for ${what} in ${uri}; last published: ${JSON.stringify(last?.diagnostics)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/**
 * A fixture with a cursor: `$0` marks it and is taken out of the text. The position is in UTF-16 code
 * units, LSP's default and JavaScript's own.
 */
export function marked(text: string): { text: string; position: { line: number; character: number } } {
  const at = text.indexOf("$0");
  assert.ok(at >= 0 && text.indexOf("$0", at + 2) < 0, `one $0 in ${JSON.stringify(text)}`);
  const before = text.slice(0, at);
  const line = before.split("\n").length - 1;
  return { text: before + text.slice(at + 2), position: { line, character: at - (before.lastIndexOf("\n") + 1) } };
}

/**
 * What the real `tapls generate` (the repository's ./tapls, on the jar the build made) writes for
 * `input` as meson's install set for `binary` into `dir`: file name → content. The generate action's
 * expectation: its files are these, byte for byte.
 */
export function taplsGenerate(input: string, binary: string, dir: string): Map<string, string> {
  const tapls = path.join(EXTENSION_ROOT, "..", "tapls");
  execFileSync(tapls, ["generate", `--install-set=${dir}`, `--binary=${binary}`, input], { stdio: ["ignore", "pipe", "pipe"] });
  return new Map(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}
