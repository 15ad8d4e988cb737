#!/usr/bin/env bash
# Installs the Debian packages Limn builds against (Lua 5.4, image codecs, SQLite).
# Safe to run again: it installs only what is missing. Runs apt as root, or with sudo.
set -euo pipefail

packages=(liblua5.4-dev lua5.4 pkg-config libpng-dev libturbojpeg0-dev libwebp-dev zlib1g-dev libdeflate-dev libgif-dev libssl-dev libsqlite3-dev lua-cjson lua-lpeg zsh fish time)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
echo "limn setup: installing ${missing[*]}" >&2
$sudo apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
