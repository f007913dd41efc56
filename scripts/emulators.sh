#!/usr/bin/env bash
# The whole backend on one machine, in local mode: the Auth, Functions and Hosting emulators, with
# every function on the local adapter (SQLite + blob folder under .local-data/) because the
# Firestore and Storage emulators need Java 21. Demo accounts come from emulator-data/ (DEMO ONLY).
# Options: --no-bootstrap (skip install/build), --photos (seed the smoke-test people as cases),
#          --exec "COMMAND" (run COMMAND against the running emulators, then stop them: for tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bootstrap=1
photos=()
exec_command=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-bootstrap) bootstrap=0 ;;
    --photos) photos=(--photos) ;;
    --exec) exec_command="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[ "$bootstrap" = 1 ] && bash scripts/bootstrap.sh
export PATH="$PWD/node_modules/.bin:$PATH"
export TORA_LOCAL_DB="${TORA_LOCAL_DB:-$PWD/.local-data/tora.sqlite}"
export TORA_LOCAL_BLOBS="${TORA_LOCAL_BLOBS:-$PWD/.local-data/blobs}"

# demo officer profiles (and cases with --photos) in the local store; creates the dev key ring.
# The Auth emulator is not running yet (its demo accounts come from emulator-data/): a
# FIREBASE_AUTH_EMULATOR_HOST already set in the shell must not send seed-demo looking for it.
env -u FIREBASE_AUTH_EMULATOR_HOST node functions/lib/cli/main.js seed-demo "${photos[@]}"

# the emulator reads secrets from functions/.secret.local: the key rings of the local store, written
# again on every start (a store made afresh has new keys: stale ones would open no contact and match
# no face); the IP hash key is kept
secret_file=functions/.secret.local
keys_dir="$(dirname "$TORA_LOCAL_DB")"
ip_hash_key="$( (grep -s '^IP_HASH_KEY=' "$secret_file" || true) | cut -d= -f2-)"
[ -n "$ip_hash_key" ] || ip_hash_key="$(node -e 'console.log(require("node:crypto").randomBytes(32).toString("base64"))')"
umask 077
{
  echo "FAMILY_CONTACT_KEYS=$(cat "$keys_dir/dev-keyring.secret")"
  echo "TEMPLATE_KEYS=$(cat "$keys_dir/dev-template-keys.secret")"
  echo "IP_HASH_KEY=$ip_hash_key"
} > "$secret_file"
chmod 600 "$secret_file"
echo "[emulators] development secrets of the local store in $secret_file (not for production)"

# the deployed firebase.json never names the emulators; their headers come from a generated copy
node scripts/emulator-config.mjs
config=(--config firebase.emulators.json)
if [ -n "$exec_command" ]; then
  exec firebase emulators:exec "${config[@]}" --only auth,functions,hosting --project demo-tora-face --import emulator-data "$exec_command"
fi
exec firebase emulators:start "${config[@]}" --only auth,functions,hosting --project demo-tora-face --import emulator-data
