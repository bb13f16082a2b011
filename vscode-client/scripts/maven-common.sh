# Sourced by maven-package.sh and maven-test.sh (run by `mvn package` and `mvn verify`, vscode-client/pom.xml).
# Without Node/npm the step is skipped with a visible message, except under CI=true, where that is a
# failure (.ci/run installs Node).
set -euo pipefail
cd "$(dirname "$0")/.."

# require_node WHAT: exits the calling script (successfully) when Node or npm is missing, outside CI.
require_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    local msg="SKIPPED: $1 needs Node.js and npm (apt-get install nodejs npm)"
    if [ "${CI:-}" = true ]; then
      echo "$msg; CI=true: this must run" >&2
      exit 1
    fi
    echo "$msg" >&2
    exit 0
  fi
}

# The locked dependencies, installed once a build: npm ci when node_modules is older than the lock
# file (npm ci replaces node_modules whole, which costs tens of seconds with vsce's dependencies).
install_dependencies() {
  if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
    && [ node_modules/.package-lock.json -nt package.json ]; then
    return
  fi
  npm ci --no-audit --no-fund --prefer-offline
}
