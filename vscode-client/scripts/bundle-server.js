// Copies the server jar into the extension (server/tapls.jar) before `vsce package`.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const from = path.join(root, "..", "server", "target", "tapls.jar");
const to = path.join(root, "server", "tapls.jar");
if (!fs.existsSync(from)) {
  console.error(`bundle-server: ${from} is missing; build it first: mvn -B -q -o install -DskipTests`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(to), { recursive: true });
fs.copyFileSync(from, to);
console.log(`bundle-server: ${path.relative(root, to)} (${fs.statSync(to).size} bytes)`);
