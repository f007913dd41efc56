#!/usr/bin/env bash
# The main job on one machine, local mode: import the smoke-test people as missing-person cases,
# then search a group photo against them. Uses a fresh local store under .local-data/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
faces="${TORA_FACES_DIR:-$PWD/../shared/faces}"
people="$faces/smoke/people"
probe="$faces/smoke/group/bbt1.jpg"
if [ ! -d "$people" ] || [ ! -f "$probe" ]; then
  echo "[demo] skipped: no demo photos at $people (set TORA_FACES_DIR to a folder with smoke/people/<name>/*.png and smoke/group/bbt1.jpg)"
  exit 0
fi
export TORA_LOCAL_DB="$PWD/.local-data/demo/tora.sqlite"
export TORA_LOCAL_BLOBS="$PWD/.local-data/demo/blobs"
rm -rf "$PWD/.local-data/demo"
mkdir -p "$PWD/.local-data/demo"
cli=(node functions/lib/cli/main.js)
echo "[demo] import $people as missing-person cases (one case per sub-folder)"
"${cli[@]}" import "$people" --kind missing --country BI
echo
echo "[demo] search $probe (every face in the photo; candidates are leads for human review, not identifications)"
"${cli[@]}" search "$probe" --country BI
echo
echo "[demo] the full backend with the portal: npm run emulators  (then open http://127.0.0.1:5050)"
