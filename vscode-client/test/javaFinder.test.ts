import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, test } from "node:test";
import { findJava, javaInHome, javaOnPath, parseJavaVersion } from "../src/javaFinder";

// Fake Java homes: each `bin/java` is a shell script that prints a `-version` banner on stderr,
// as the real one does, so findJava runs real processes.
const root = fs.mkdtempSync(path.join(os.tmpdir(), "tapls-java-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

function fakeHome(name: string, banner: string, exitCode = 0): string {
  const home = path.join(root, name);
  fs.mkdirSync(path.join(home, "bin"), { recursive: true });
  const java = path.join(home, "bin", "java");
  fs.writeFileSync(java, `#!/bin/sh\ncat >&2 <<'BANNER'\n${banner}\nBANNER\nexit ${exitCode}\n`);
  fs.chmodSync(java, 0o755);
  return home;
}

const jdk17 = fakeHome("jdk17", 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6)');
const jdk21 = fakeHome("jdk21", 'openjdk version "21.0.2" 2024-01-16');
const jdk11 = fakeHome("jdk11", 'openjdk version "11.0.22" 2024-01-16');
const jre8 = fakeHome("jre8", 'java version "1.8.0_292"\nJava(TM) SE Runtime Environment');
const broken = fakeHome("broken", "Error: could not find libjava.so", 1);
const empty = path.join(root, "empty");
fs.mkdirSync(empty);

describe("parseJavaVersion", () => {
  test("reads modern, legacy and early-access banners", () => {
    assert.deepEqual(parseJavaVersion('openjdk version "17.0.15" 2025-04-15'), { major: 17, version: "17.0.15" });
    assert.deepEqual(parseJavaVersion('java version "1.8.0_292"'), { major: 8, version: "1.8.0_292" });
    assert.deepEqual(parseJavaVersion('openjdk version "22-ea" 2024-03-19'), { major: 22, version: "22-ea" });
    assert.deepEqual(parseJavaVersion('openjdk version "21" 2023-09-19'), { major: 21, version: "21" });
    assert.equal(parseJavaVersion("Picked up JAVA_TOOL_OPTIONS: -Xmx1g"), undefined);
  });
});

describe("findJava", () => {
  test("tapls.java.home comes first", async () => {
    const r = await findJava({ taplsJavaHome: jdk21, javaHome: jdk17, env: { JAVA_HOME: jdk17 } });
    assert.ok(r.ok);
    assert.equal(r.source, "tapls.java.home");
    assert.equal(r.java, javaInHome(jdk21));
    assert.equal(r.major, 21);
  });

  test("an unusable tapls.java.home is an error that points at the setting", async () => {
    const r = await findJava({ taplsJavaHome: jdk11, javaHome: jdk17, env: {} });
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.setting === "tapls.java.home");
    assert.match(r.ok ? "" : r.message, /tapls\.java\.home.*Java 11 \(11\.0\.22\), older than 17/);
  });

  test("then java.home, JDK_HOME, JAVA_HOME, in that order", async () => {
    let r = await findJava({ javaHome: jdk21, env: { JDK_HOME: jdk17, JAVA_HOME: jdk17 } });
    assert.ok(r.ok && r.source === "java.home");
    r = await findJava({ env: { JDK_HOME: jdk21, JAVA_HOME: jdk17 } });
    assert.ok(r.ok && r.source === "JDK_HOME" && r.major === 21);
    r = await findJava({ env: { JAVA_HOME: jdk17, PATH: path.join(jdk21, "bin") } });
    assert.ok(r.ok && r.source === "JAVA_HOME" && r.major === 17);
  });

  test("skips homes that are too old, broken or empty, and falls through to the PATH", async () => {
    const r = await findJava({
      javaHome: jre8,
      env: { JDK_HOME: broken, JAVA_HOME: empty, PATH: [empty, path.join(jdk17, "bin"), path.join(jdk11, "bin")].join(":") },
    });
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.source, "PATH");
    // The first java on the PATH, as a shell would run it.
    assert.equal(r.ok && r.java, javaInHome(jdk17));
    assert.deepEqual(
      r.rejected.map((x) => x.source),
      ["java.home", "JDK_HOME", "JAVA_HOME"],
    );
    assert.match(r.rejected[0].reason, /Java 8 \(1\.8\.0_292\), older than 17/);
    assert.match(r.rejected[1].reason, /-version failed/);
    assert.match(r.rejected[2].reason, /has no bin\/java/);
  });

  test("no Java at all: one message naming every place tried", async () => {
    const r = await findJava({ env: { PATH: empty } });
    assert.equal(r.ok, false);
    assert.match(r.ok ? "" : r.message, /needs Java 17 or newer.*PATH: no java on the PATH/);
  });

  test("only Java 11 on the PATH is refused", async () => {
    const r = await findJava({ env: { PATH: path.join(jdk11, "bin") } });
    assert.equal(r.ok, false);
    assert.match(r.ok ? "" : r.message, /PATH: .*Java 11/);
  });

  test("the real java of this machine is found and is 17 or newer", async (t) => {
    const r = await findJava({ env: process.env });
    if (!r.ok) {
      t.skip(`no Java here: ${r.message}`);
      return;
    }
    assert.ok(r.major >= 17);
  });
});

describe("javaOnPath", () => {
  test("ignores empty entries and directories without java", () => {
    assert.equal(javaOnPath(`:${empty}::${path.join(jdk17, "bin")}`), javaInHome(jdk17));
    assert.equal(javaOnPath(undefined), undefined);
    assert.equal(javaOnPath(empty), undefined);
  });

  test("uses java.exe and ';' on Windows", () => {
    assert.equal(javaInHome("C:\\jdk", "win32").endsWith("java.exe"), true);
  });
});
