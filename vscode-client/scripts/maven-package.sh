#!/usr/bin/env bash
# Run by `mvn package` (vscode-client/pom.xml), after the server module has made server/target/tapls.jar:
# the extension's .vsix, target/tapls-<version>.vsix (esbuild's bundle and the jar inside; see
# scripts/package.js). -Dvsix.skip=true skips it.
source "$(dirname "$0")/maven-common.sh"
require_node "packaging the VS Code extension (.vsix)"
install_dependencies
npm run package
