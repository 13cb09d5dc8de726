#!/usr/bin/env bash
# vscode-client/test.sh: builds and tests the VS Code extension: installs the locked dependencies
# (npm ci), compiles the TypeScript, runs the mocha tests (unit tests, then adapter tests that drive
# the repository's real `rewind dap`), and packages rewind.vsix to prove that the extension packs.
# Rewind itself must already be built (scripts/test.sh builds it first): REWIND_NO_BUILD keeps the
# tests from starting a build. Installs Debian's nodejs and npm when node or npm is missing.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        sudo=(sudo)
    fi
    echo "vscode-client/test.sh: installing nodejs and npm (Debian packages)" >&2
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq nodejs npm >/dev/null
fi

export REWIND_NO_BUILD=1
npm ci --no-audit --no-fund
npm run compile
npm test
npm run package </dev/null
