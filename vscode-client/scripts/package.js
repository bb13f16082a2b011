// `npm run package`: the extension's .vsix, target/tapls-<version>.vsix, with the server jar inside.
// vsce runs `vscode:prepublish` (the esbuild bundle out/extension.js, and bundle-server.js, which copies
// ../server/target/tapls.jar to server/tapls.jar); package.json's `files` says what goes in. The copy is
// removed afterwards: left in server/, it would be the jar a development host and the tests run instead
// of the one the build just made (launch.ts, resolveServerJar).
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const { name, version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const out = path.join(root, "target", `${name}-${version}.vsix`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.rmSync(out, { force: true });
const vsce = path.join(root, "node_modules", "@vscode", "vsce", "vsce");
try {
  // --no-dependencies: the bundle holds vscode-languageclient; node_modules/ stays out.
  execFileSync(process.execPath, [vsce, "package", "--no-dependencies", "--out", out], { cwd: root, stdio: "inherit" });
} finally {
  fs.rmSync(path.join(root, "server"), { recursive: true, force: true });
}
console.log(`package: ${path.relative(root, out)} (${fs.statSync(out).size} bytes)`);
