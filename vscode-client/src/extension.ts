// The tapls VS Code extension: a thin client that finds Java, starts `java -jar tapls.jar lsp` and
// hands trace-events and SystemTap documents to it. All decisions that can be made without VS Code
// live in javaFinder.ts and launch.ts, which the tests exercise directly.

import * as vscode from "vscode";
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";
import { findJava } from "./javaFinder";
import {
  COMMANDS,
  CrashPolicy,
  documentSelector,
  generatedMessage,
  generateTapsetParams,
  refusedBecauseExists,
  resolveServerJar,
  serverCommand,
  serverSettings,
  TaplsConfig,
  tapsetToOpen,
} from "./launch";

const GET_JAVA_URL = "https://adoptium.net/";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

/**
 * The `tapls.*` settings. The server takes one set of settings for the whole workspace and reads
 * relative paths from the first workspace folder, so the resource-scoped settings are read for that
 * folder too (its `.vscode/settings.json` counts in a multi-root workspace).
 */
function readConfig(): TaplsConfig {
  const c = vscode.workspace.getConfiguration("tapls", vscode.workspace.workspaceFolders?.[0]?.uri);
  return {
    qemuVersion: c.get<string>("qemuVersion", ""),
    disable: c.get<string[]>("disable", []),
    enable: c.get<string[]>("enable", []),
    syntaxOnly: c.get<boolean>("syntaxOnly", false),
    tapsets: c.get<string[]>("tapsets", []),
    defaultTapsets: c.get<boolean>("defaultTapsets", true),
    traceEvents: c.get<string[]>("traceEvents", []),
    probePrefixes: c.get<string[]>("probePrefixes", []),
    stapTarget: {
      arch: c.get<string>("stapTarget.arch", ""),
      kernelRelease: c.get<string>("stapTarget.kernelRelease", ""),
      runtime: c.get<string>("stapTarget.runtime", ""),
    },
    scriptArguments: c.get<string[]>("scriptArguments", []),
    tapsetBinary: c.get<string>("tapsetBinary", ""),
    tapsetOutput: c.get<string>("tapsetOutput", ""),
    providerFiles: c.get<string[]>("providerFiles", []),
    providerPrefix: c.get<string>("providerPrefix", ""),
    serverJar: c.get<string>("server.jar", ""),
    vmargs: c.get<string[]>("server.vmargs", []),
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("tapls");
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.commands.registerCommand("tapls.restartServer", async () => {
      await stopClient();
      await startClient(context);
    }),
    vscode.commands.registerCommand("tapls.showOutput", () => output?.show(true)),
    vscode.commands.registerCommand("tapls.generateTapset", (target?: unknown) => generateTapset(target)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("tapls.java.home") || e.affectsConfiguration("java.home") || e.affectsConfiguration("tapls.server")) {
        const choice = await vscode.window.showInformationMessage(
          "tapls: the Java or server settings changed; restart the language server to use them.",
          "Restart",
        );
        if (choice === "Restart") {
          await vscode.commands.executeCommand(COMMANDS.restartServer);
        }
      } else if (e.affectsConfiguration("tapls") && client?.state === State.Running) {
        // The server takes the whole section again (LSP's didChangeConfiguration, under "tapls").
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { tapls: serverSettings(readConfig()) },
        });
      }
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop();
    } catch (e) {
      output?.appendLine(`tapls: stopping the server failed: ${String(e)}`);
    }
  }
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const config = readConfig();
  const java = await findJava({
    taplsJavaHome: vscode.workspace.getConfiguration("tapls").get<string>("java.home", ""),
    javaHome: vscode.workspace.getConfiguration("java").get<string>("home", ""),
    env: process.env,
  });
  if (!java.ok) {
    output?.appendLine(java.message);
    void offerJavaHelp(java.message);
    return; // activation succeeds; the grammars keep working without the server
  }
  output?.appendLine(`tapls: using Java ${java.version} from ${java.source}: ${java.java}`);

  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const jar = resolveServerJar(config.serverJar, context.extensionPath, folder);
  if (!jar.ok) {
    output?.appendLine(jar.message);
    void vscode.window.showErrorMessage(`tapls: ${jar.message}`, "Open Settings").then((choice) => {
      if (choice === "Open Settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "tapls.server.jar");
      }
    });
    return;
  }

  const cmd = serverCommand(java.java, jar.jar, config.vmargs, java.version);
  output?.appendLine(`tapls: starting ${cmd.command} ${cmd.args.join(" ")}`);
  const serverOptions: ServerOptions = {
    run: { command: cmd.command, args: cmd.args, transport: TransportKind.stdio },
    debug: { command: cmd.command, args: cmd.args, transport: TransportKind.stdio },
  };
  const crashes = new CrashPolicy(5, 10 * 60 * 1000);
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    initializationOptions: serverSettings(config),
    outputChannel: output,
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () =>
        crashes.crashed()
          ? { action: CloseAction.Restart }
          : {
              action: CloseAction.DoNotRestart,
              message: `The tapls server crashed ${crashes.recentCrashes} times in the last 10 minutes and will not be restarted. See the tapls output channel; "tapls: Restart server" starts it again.`,
            },
    },
  };
  client = new LanguageClient("tapls", "tapls", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    output?.appendLine(`tapls: the server did not start: ${String(e)}`);
    void vscode.window.showErrorMessage(`tapls: the language server did not start (${String(e)}).`);
  }
}

/**
 * "Generate log-probe tapset": asks the server to write the tapsets of a trace-events document (the
 * one the explorer's menu names, else the active editor's) with `workspace/executeCommand`, so that it
 * works whatever the document's state; the same files the server's source action creates through a
 * workspace edit. A file that exists is overwritten only when the user says so, and the server
 * refuses even then unless tracetool wrote it.
 */
async function generateTapset(target: unknown): Promise<void> {
  const c = client;
  if (!c || c.state !== State.Running) {
    void showError("the language server is not running; see the tapls output channel.");
    return;
  }
  const document =
    target instanceof vscode.Uri ? await vscode.workspace.openTextDocument(target) : vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== "trace-events") {
    void showError("Generate log-probe tapset works on a trace-events file: open one first.");
    return;
  }
  const uri = c.code2ProtocolConverter.asUri(document.uri);
  let written: string[];
  try {
    written = await sendGenerate(c, uri, false);
  } catch (e) {
    const message = errorMessage(e);
    if (!refusedBecauseExists(message)) {
      void showError(message);
      return;
    }
    const choice = await vscode.window.showWarningMessage(`tapls: ${message}`, "Overwrite");
    if (choice !== "Overwrite") {
      return;
    }
    try {
      written = await sendGenerate(c, uri, true);
    } catch (e2) {
      void showError(errorMessage(e2));
      return;
    }
  }
  output?.appendLine(generatedMessage(written));
  const file = tapsetToOpen(written);
  const open = await vscode.window.showInformationMessage(generatedMessage(written), ...(file ? ["Open"] : []));
  if (open === "Open" && file) {
    await vscode.window.showTextDocument(vscode.Uri.file(file));
  }
}

async function sendGenerate(c: LanguageClient, uri: string, overwrite: boolean): Promise<string[]> {
  const result: unknown = await c.sendRequest(ExecuteCommandRequest.type, generateTapsetParams(uri, overwrite));
  return Array.isArray(result) ? result.filter((r): r is string => typeof r === "string") : [];
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function showError(message: string): Promise<void> {
  output?.appendLine(`tapls: ${message}`);
  const choice = await vscode.window.showErrorMessage(`tapls: ${message}`, "Show Output");
  if (choice === "Show Output") {
    output?.show(true);
  }
}

async function offerJavaHelp(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(`tapls: ${message}`, "Get Java", "Open Settings");
  if (choice === "Get Java") {
    await vscode.env.openExternal(vscode.Uri.parse(GET_JAVA_URL));
  } else if (choice === "Open Settings") {
    await vscode.commands.executeCommand("workbench.action.openSettings", "tapls.java.home");
  }
}
