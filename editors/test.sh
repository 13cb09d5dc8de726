#!/usr/bin/env bash
# editors/test.sh: the tests of the editor clients. Installs Emacs, Debian's dap-mode and Neovim
# when missing, then runs the Emacs ERT tests (the package, and real dap-mode sessions against
# ./rewind dap) and the Neovim checks (nvim-dap is not packaged for Debian 12, so those cover what
# runs without it). Expects the repository to be built already (scripts/test.sh builds first).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v emacs >/dev/null || missing+=(emacs-nox)
ls -d /usr/share/emacs/site-lisp/elpa/dap-mode-* >/dev/null 2>&1 || missing+=(elpa-dap-mode)
command -v nvim >/dev/null || missing+=(neovim)
command -v gcc >/dev/null || missing+=(gcc)
if [ ${#missing[@]} -gt 0 ]; then
    echo "editors/test.sh: installing ${missing[*]}"
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# A home of their own, so that neither editor reads or writes the user's configuration.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data"
export XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache" TMPDIR="$scratch"
export REWIND_NO_BUILD=1

status=0

echo "== Emacs (dap-mode): editors/emacs/test/rewind-test.el"
timeout 300 emacs -batch -Q -l editors/emacs/test/rewind-test.el -f ert-run-tests-batch-and-exit \
    || status=1

echo "== Neovim: editors/nvim/test/check.lua"
# check.lua quits by itself; the cquit after it only runs if check.lua could not even load.
timeout 60 nvim --headless --clean -u NONE -c 'luafile editors/nvim/test/check.lua' -c 'cquit 2' \
    || status=1

if [ "$status" -ne 0 ]; then
    echo "editors/test.sh: FAILED"
fi
exit "$status"
