#!/usr/bin/env bash
# Installs what the build and the tests need, and nothing when it is already there.
#   scripts/ensure-tools.sh            wasm target, wasm-bindgen-cli, root npm packages
#   scripts/ensure-tools.sh browser    + Debian's Chromium and ChromeDriver
#   scripts/ensure-tools.sh runtimes   + Node 22/24, Deno and Bun (tests/runtimes)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
WASM_BINDGEN_VERSION=0.2.130

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes, once)"
  # No --locked: this registry mirror lacks one of the locked crates.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

npm_ci() { # dir [install]
  local dir=$1 how=${2:-ci}
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing npm packages in $dir"
    (cd "$dir" && npm "$how" --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci .

apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 || {
    $sudo apt-get update >/dev/null && $sudo apt-get install -y --no-install-recommends "$@" >/dev/null
  }
}

for what in "$@"; do
  case "$what" in
    browser)
      if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
        say "installing Debian's chromium and chromium-driver"
        apt_install chromium chromium-driver
      fi
      ;;
    runtimes)
      # `npm install` (with the lock file), not `npm ci`: deno and bun list binaries for every
      # platform as optional dependencies, the registry mirror here lacks some of them, and
      # `npm ci` refuses a lock file without them. The versions still come from the lock.
      npm_ci tests/runtimes install
      ;;
    *) echo "unknown tool set: $what" >&2; exit 2 ;;
  esac
done
