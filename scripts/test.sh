#!/usr/bin/env bash
# npm test: every test. The storage tests need PostgreSQL as well as the embedded database;
# start the local cluster when it is installed but stopped. Without it the PostgreSQL half is
# skipped with a loud notice, which CI (CI=true) turns into a failure; the same goes for
# Chromium and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "PostgreSQL is not running; starting the local cluster…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && break; sleep 1; done
  fi
fi

# The agent desktop (web/): build web/dist when its sources changed; the browser tests and the
# server's static files use it.
npx tsx scripts/build-web.ts --if-stale

# The browser tests drive Debian's Chromium (apt-get install chromium; .ci/run installs it).
chromium="${PACER_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ -n "${CI:-}" ]; then
    echo "Chromium is not installed at $chromium; CI needs it for the browser tests (apt-get install chromium)." >&2
    exit 1
  fi
  echo
  echo "************************************************************************************"
  echo "*** WARNING: Chromium is not installed at $chromium."
  echo "*** The browser (end-to-end) tests in tests/e2e are SKIPPED."
  echo "*** Install it with: apt-get install chromium"
  echo "************************************************************************************"
  echo
fi

mkdir -p test-results
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@" || status=$?
# One plain closing line, whatever the runner printed above.
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
' || true
exit $status
