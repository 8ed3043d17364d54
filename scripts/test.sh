#!/usr/bin/env bash
# Runs every test: installs what the tests need, then the whole solution's test projects.
# The integration tests start their own Prosody, Mosquitto, MariaDB and PostgreSQL on free loopback ports.
#
#   scripts/test.sh                                               everything
#   scripts/test.sh --filter FullyQualifiedName~Infrastructure    any other `dotnet test` option
#
# Exits non-zero if any test fails (or nothing builds). Each test project also writes a TRX report under
# TestResults/<date-time>/, and the last line sums them up: "Tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

results="TestResults/$(date +%Y%m%d-%H%M%S)"
status=0
# A hung test is killed after 10 minutes instead of holding CI until its deadline.
dotnet test Quoalise.sln -c Release \
  --logger "console;verbosity=normal" \
  --logger "trx;LogFilePrefix=tests" \
  --results-directory "$results" \
  --blame-hang-timeout 10m --blame-hang-dump-type none \
  "$@" || status=$?

# Sums the <Counters …/> of every TRX report, since dotnet test prints one summary per test project.
shopt -s nullglob
reports=("$results"/*.trx)
count() {
  grep -ho "<Counters [^>]*" "${reports[@]}" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{ sum += $1 } END { print sum + 0 }'
}
if [ ${#reports[@]} -gt 0 ]; then
  total=$(count total) passed=$(count passed) failed=$(count failed)
  echo "Tests: $passed passed, $failed failed, $((total - passed - failed)) skipped"
fi
exit "$status"
