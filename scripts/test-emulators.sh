#!/usr/bin/env bash
# The suites that need the Firestore and Storage emulators (Java 21 and a one-time jar download):
# the port contract on the Firestore/Storage adapters and the security rules.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export PATH="$PWD/node_modules/.bin:$PATH"
if ! java -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then
  echo "test:emulators needs Java 21 or newer for the Firestore and Storage emulators (found: $(java -version 2>&1 | head -1))" >&2
  exit 1
fi
exec firebase emulators:exec --only auth,firestore,storage --project demo-tora-face \
  "npx --workspace functions vitest run test/contract test/rules"
