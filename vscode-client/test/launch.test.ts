import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, test } from "node:test";
import {
  bundledJar,
  CrashPolicy,
  DEFAULT_VM_ARGS,
  hasTrimNativeHeap,
  TRIM_NATIVE_HEAP,
  developmentJar,
  documentSelector,
  generatedMessage,
  generateTapsetParams,
  refusedBecauseExists,
  resolveServerJar,
  serverCommand,
  serverSettings,
  tapsetToOpen,
} from "../src/launch";

describe("serverCommand", () => {
  test("java, the fixed VM arguments, the user's (which win), then -jar JAR lsp", () => {
    assert.deepEqual(serverCommand("/jdk/bin/java", "/ext/server/tapls.jar", [" -Xmx512m ", ""]), {
      command: "/jdk/bin/java",
      args: [...DEFAULT_VM_ARGS, "-Xmx512m", "-jar", "/ext/server/tapls.jar", "lsp"],
    });
    assert.deepEqual(serverCommand("java", "a b/tapls.jar").args.slice(-3), ["-jar", "a b/tapls.jar", "lsp"]);
  });

  test("the fixed VM arguments are those the tapls launcher gives `tapls lsp`", () => {
    const launcher = fs.readFileSync(path.join(__dirname, "..", "..", "..", "tapls"), "utf8");
    const lspCase = launcher.slice(launcher.indexOf("  lsp)"));
    const defaults = /defaults="([^"]*)"/.exec(lspCase);
    assert.ok(defaults, "the launcher's lsp defaults");
    assert.deepEqual(DEFAULT_VM_ARGS, defaults[1].split(/\s+/));
    const trim = /^trim=(\S+)$/m.exec(launcher);
    assert.ok(trim, "the launcher's native heap trim");
    assert.equal(TRIM_NATIVE_HEAP, trim[1]);
  });

  test("the native heap trim only for a JVM that has the option (else it would not start)", () => {
    for (const v of ["17.0.9", "17.0.15", "17.0.10.1", "21.0.1", "21.0.5", "22", "22-ea", "25.0.1", "30"]) {
      assert.ok(hasTrimNativeHeap(v), v);
    }
    for (const v of ["17", "17.0.2", "17.0.8", "17.0.8.1", "18.0.2", "19", "20.0.1", "21", "21.0.0", "11.0.20",
      "1.8.0_292", ""]) {
      assert.ok(!hasTrimNativeHeap(v), v);
    }
    assert.deepEqual(serverCommand("java", "t.jar", ["-Xmx1g"], "17.0.15").args,
      [...DEFAULT_VM_ARGS, TRIM_NATIVE_HEAP, "-Xmx1g", "-jar", "t.jar", "lsp"]);
    assert.deepEqual(serverCommand("java", "t.jar", [], "17.0.2").args, [...DEFAULT_VM_ARGS, "-jar", "t.jar", "lsp"]);
  });
});

describe("serverSettings", () => {
  test("unset settings are left out, so the server keeps its defaults", () => {
    const unset = {
      qemuVersion: "",
      disable: [],
      enable: [],
      syntaxOnly: false,
      tapsets: [],
      defaultTapsets: true,
      traceEvents: [],
      probePrefixes: [],
      stapTarget: { arch: "", kernelRelease: "", runtime: "" },
      scriptArguments: [],
      serverJar: "",
      vmargs: [],
    };
    assert.deepEqual(serverSettings(unset), {});
    assert.deepEqual(serverSettings({}), {});
    assert.deepEqual(serverSettings({ stapTarget: {} }), {});
  });

  test("passes the dialect and the rule lists, trimmed", () => {
    assert.deepEqual(
      serverSettings({ qemuVersion: " 7.2 ", disable: ["checkpatch-hex-prefix", " ", ""], enable: [" x "], serverJar: "j" }),
      { qemuVersion: "7.2", disable: ["checkpatch-hex-prefix"], enable: ["x"] },
    );
  });

  test("every setting, under the server's names: booleans only when they differ from the default", () => {
    assert.deepEqual(
      serverSettings({
        qemuVersion: "7.2",
        disable: ["a"],
        enable: ["b"],
        syntaxOnly: true,
        tapsets: [" tapsets ", "/opt/t"],
        defaultTapsets: false,
        traceEvents: ["../qemu", ""],
        probePrefixes: ["qemu.system.arm "],
        stapTarget: { arch: " aarch64", kernelRelease: "6.1.0-13-arm64", runtime: "bpf" },
        scriptArguments: ["x", " two words "],
        providerFiles: [" ../libvirt/src ", ""],
        providerPrefix: " myproj ",
        vmargs: ["-Xmx1g"],
      }),
      {
        qemuVersion: "7.2",
        disable: ["a"],
        enable: ["b"],
        syntaxOnly: true,
        tapsets: ["tapsets", "/opt/t"],
        defaultTapsets: false,
        traceEvents: ["../qemu"],
        probePrefixes: ["qemu.system.arm"],
        stapTarget: { arch: "aarch64", kernelRelease: "6.1.0-13-arm64", runtime: "bpf" },
        scriptArguments: ["x", " two words "],
        providerFiles: ["../libvirt/src"],
        providerPrefix: "myproj",
      },
    );
  });

  test("a target sends only the parts that are set", () => {
    assert.deepEqual(serverSettings({ stapTarget: { arch: "", kernelRelease: " 5.10.0 ", runtime: "" } }), {
      stapTarget: { kernelRelease: "5.10.0" },
    });
  });

  test("ignores values of the wrong type from a hand-edited settings.json", () => {
    const wrong = <T>(v: unknown) => v as T;
    assert.deepEqual(
      serverSettings({
        disable: wrong("nope"),
        enable: [wrong(1)],
        syntaxOnly: wrong("true"),
        defaultTapsets: wrong(0),
        tapsets: wrong({ a: 1 }),
        stapTarget: wrong("x86_64"),
        scriptArguments: [wrong(1), "ok"],
        qemuVersion: wrong(7.2),
      }),
      { scriptArguments: ["ok"] },
    );
  });
});

describe("resolveServerJar", () => {
  const ext = path.join(path.sep, "repo", "vscode-client");
  const only = (...present: string[]) => (p: string) => present.includes(p);

  test("the setting wins, relative to the workspace folder", () => {
    const jar = path.join(path.sep, "ws", "build", "tapls.jar");
    assert.deepEqual(resolveServerJar("build/tapls.jar", ext, path.join(path.sep, "ws"), only(jar, bundledJar(ext))), {
      ok: true,
      jar,
      from: "setting",
    });
  });

  test("a setting naming a missing file is an error, not a silent fallback", () => {
    const r = resolveServerJar("/nowhere/tapls.jar", ext, undefined, only(bundledJar(ext)));
    assert.equal(r.ok, false);
    assert.match(r.ok ? "" : r.message, /tapls\.server\.jar names \/nowhere\/tapls\.jar/);
  });

  test("then the bundled jar, then the repository's build", () => {
    assert.deepEqual(resolveServerJar("", ext, undefined, only(bundledJar(ext), developmentJar(ext))), {
      ok: true,
      jar: path.join(ext, "server", "tapls.jar"),
      from: "bundled",
    });
    assert.deepEqual(resolveServerJar(undefined, ext, undefined, only(developmentJar(ext))), {
      ok: true,
      jar: path.join(ext, "..", "server", "target", "tapls.jar"),
      from: "development",
    });
    const none = resolveServerJar(" ", ext, undefined, only());
    assert.equal(none.ok, false);
  });
});

describe("documentSelector", () => {
  test("every language, saved and unsaved; D's too (the server tells a provider file by its text)", () => {
    assert.deepEqual(documentSelector(), [
      { scheme: "file", language: "trace-events" },
      { scheme: "untitled", language: "trace-events" },
      { scheme: "file", language: "systemtap" },
      { scheme: "untitled", language: "systemtap" },
      { scheme: "file", language: "dtrace" },
      { scheme: "untitled", language: "dtrace" },
      { scheme: "file", language: "d" },
      { scheme: "untitled", language: "d" },
    ]);
  });
});

describe("CrashPolicy", () => {
  const minute = 60_000;

  test("restarts 5 times within 10 minutes, then gives up", () => {
    const p = new CrashPolicy();
    const verdicts = [0, 1, 2, 3, 4, 5].map((i) => p.crashed(i * minute));
    assert.deepEqual(verdicts, [true, true, true, true, true, false]);
  });

  test("crashes older than 10 minutes are forgotten", () => {
    const p = new CrashPolicy();
    for (let i = 0; i < 5; i++) {
      assert.equal(p.crashed(i * minute), true);
    }
    // 10 minutes and a bit after the first crash, only 4 recent crashes remain before this one.
    assert.equal(p.crashed(10 * minute + 1), true);
    assert.equal(p.recentCrashes, 5);
  });
});

describe("Generate log-probe tapset", () => {
  test("the server's command with the document's URI, not overwriting unless asked", () => {
    assert.deepEqual(generateTapsetParams("file:///q/io/trace-events"), {
      command: "tapls.generateLogTapset",
      arguments: ["file:///q/io/trace-events", false],
    });
    assert.deepEqual(generateTapsetParams("file:///q/io/trace-events", true).arguments, ["file:///q/io/trace-events", true]);
  });

  test("a refusal because a file exists is told from the others", () => {
    // GenerateTapset.write's messages (server/src/main/java/io/tapls/features/GenerateTapset.java).
    assert.ok(refusedBecauseExists('/q/qemu-system-x86_64-log.stp exists; use "Regenerate log-probe tapset (overwrite)" to overwrite it'));
    assert.ok(!refusedBecauseExists("/q/qemu-system-x86_64-log.stp was not generated by tracetool: not overwritten"));
    assert.ok(!refusedBecauseExists("the file has errors that stop generation: Unknown type 'foo'"));
  });

  test("the message names the files and their folder; Open shows the log tapset", () => {
    const written = ["/q/qemu-system-arm.stp", "/q/qemu-system-arm-log.stp"];
    assert.equal(generatedMessage(written), "tapls: generated qemu-system-arm.stp and qemu-system-arm-log.stp in /q.");
    assert.equal(generatedMessage(["/q/a.stp"]), "tapls: generated a.stp in /q.");
    assert.equal(generatedMessage(["/q/a.stp", "/r/b.stp", "/q/c.stp"]), "tapls: generated a.stp, /r/b.stp and c.stp in /q.");
    assert.equal(generatedMessage([]), "tapls: nothing was generated.");
    assert.equal(tapsetToOpen(written), "/q/qemu-system-arm-log.stp");
    assert.equal(tapsetToOpen(["/q/a.stp"]), "/q/a.stp");
    assert.equal(tapsetToOpen([]), undefined);
  });
});
