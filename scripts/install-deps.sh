#!/usr/bin/env bash
# scripts/install-deps.sh: installs what building and testing Rewind needs on Debian/Ubuntu:
# a C toolchain with the agent's libraries (libdw, libzstd, libcrypto, capstone), a JDK 17+ with Maven,
# and rustc (the Rust values tests build their program with it).
# Idempotent and quiet when everything is present; runs apt-get only for what is missing.
set -euo pipefail

missing=()

have_pkg() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

java_ok() {
    command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1 || return 1
    local v
    v=$(javac -version 2>&1 | sed -n 's/^javac \([0-9][0-9]*\).*/\1/p')
    [ -n "$v" ] && [ "$v" -ge 17 ]
}

command -v gcc >/dev/null 2>&1 || missing+=(gcc)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v rustc >/dev/null 2>&1 || missing+=(rustc)
for pkg in libdw-dev libzstd-dev libssl-dev libcapstone-dev libc6-dbg; do
    have_pkg "$pkg" || missing+=("$pkg")
done
java_ok || missing+=(default-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: missing ${missing[*]}, and this system has no apt-get: please install them" >&2
    exit 1
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "install-deps: missing ${missing[*]}; run this script as root (or install sudo)" >&2
        exit 1
    fi
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
