#!/usr/bin/env bash
# Runs every test: installs what the tests need, then the whole solution's test projects.
# The integration tests start their own Prosody, Mosquitto, MariaDB and PostgreSQL on free loopback ports.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
dotnet test Quoalise.sln -c Release --logger "console;verbosity=normal" "$@"
