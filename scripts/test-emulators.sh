#!/usr/bin/env bash
# The suites that need the Firestore and Storage emulators (Java 21 and a one-time jar download):
# the port contract on the Firestore/Storage adapters and the security rules. Where Java 21 is
# missing they cannot run: this says so and stops without failing (npm test runs it everywhere).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! java -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then
  echo "SKIPPED Firestore/Storage emulator suites (port contract on Firestore, security rules): they need Java 21 or newer (found: $(java -version 2>&1 | head -1 || echo 'no java'))"
  exit 0
fi
bash scripts/bootstrap.sh
export PATH="$PWD/node_modules/.bin:$PATH"
exec firebase emulators:exec --only auth,firestore,storage --project demo-tora-face \
  "npx --workspace functions vitest run test/contract test/rules"
