#!/usr/bin/env bash
# Puts everything TORA FACE needs in place on a machine that has only Node 20 and npm:
# dependencies (including Node 22 from the npm registry, used by every npm script through
# node_modules/.bin), the face models (verified by sha256), the build, and Chromium (browser tests)
# and ffmpeg (video clips on the command line) where the machine lets us install them. Safe to run again: it skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."
export ONNXRUNTIME_NODE_INSTALL=skip

node22_ok() {
  [ -x node_modules/.bin/node ] &&
    node_modules/.bin/node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)' 2>/dev/null
}

# On a Node 20 machine npm warns once per package that wants Node 22 — which this very install
# provides (the `node` package). Drop exactly those lines so that real problems stay visible.
without_engine_warnings() { grep -v '^npm warn EBADENGINE' || true; }

if ! node22_ok || [ package-lock.json -nt node_modules/.package-lock.json ] || [ package.json -nt node_modules/.package-lock.json ]; then
  echo "[bootstrap] installing dependencies (Node 22 comes from the npm registry's node package)"
  if [ -f package-lock.json ] && [ "${CI:-}" = "true" ]; then
    npm ci --no-audit --no-fund 2>&1 | without_engine_warnings
  else
    npm install --no-audit --no-fund 2>&1 | without_engine_warnings
  fi
fi
export PATH="$PWD/node_modules/.bin:$PATH"
echo "[bootstrap] node $(node --version)"

npm run --silent models
npm run --silent build

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[bootstrap] installing Debian chromium for the browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ||
      echo "[bootstrap] chromium could not be installed: the browser tests will say so and skip"
  else
    echo "[bootstrap] /usr/bin/chromium is absent and this user cannot apt-get install it: the browser tests will skip"
  fi
fi

# ffmpeg samples video clips for `tora-face search clip.mp4` (Debian's package: the npm packages that
# ship a binary download it from outside the registry at install time, or ship a 2018 build)
if ! command -v "${TORA_FFMPEG:-ffmpeg}" >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "[bootstrap] installing Debian ffmpeg for video clips"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg >/dev/null) ||
      echo "[bootstrap] ffmpeg could not be installed: video clips on the command line and their tests will say so and skip"
  else
    echo "[bootstrap] ffmpeg is absent and this user cannot apt-get install it: video clips on the command line will say so"
  fi
fi
