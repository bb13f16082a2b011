#!/usr/bin/env bash
# Run by `mvn verify` (vscode-client/pom.xml): the extension's tests, after the package phase has made
# the .vsix that vsix.test.ts opens.
source "$(dirname "$0")/maven-common.sh"
require_node "the VS Code client's tests"
install_dependencies
# The servers the tests start keep their tapset index cache here, not in the user's ~/.cache/tapls.
export TAPLS_CACHE_DIR="${TAPLS_CACHE_DIR:-$PWD/target/test-cache}"
npm test
