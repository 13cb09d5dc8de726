#!/usr/bin/env bash
# scripts/test.sh: the one test command (README, CI). Installs what is missing, builds everything
# (Java and native/ through Maven), runs every JUnit test (unit and scenario tests, which drive
# ./rewind as a user would), the editor clients' tests (the VS Code extension against ./rewind dap,
# Emacs dap-mode sessions, Neovim checks), then the C unit tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
# Build first, so that the scenario tests' ./rewind finds an up-to-date jar and agent and never
# starts a build of its own in the middle of the test run.
mvn -B -q -DskipTests package
mvn -B test
vscode-client/test.sh
editors/test.sh
make -C native check
