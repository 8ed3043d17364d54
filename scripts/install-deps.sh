#!/usr/bin/env bash
# Installs, from the distribution, every server and client the product and its tests run against.
# Idempotent: packages already present are left as they are. Needs root (or sudo).
set -euo pipefail

packages=(
  prosody              # XMPP server the component connects to (XEP-0114)
  lua-dbi-sqlite3      # Prosody storage driver used by the test configuration
  python3-slixmpp      # independent XMPP client driving the integration tests
  mosquitto            # external MQTT broker (plain and mutual TLS)
  mosquitto-clients    # mosquitto_pub / mosquitto_sub
  mariadb-server       # MySQL-family storage engine
  postgresql           # PostgreSQL storage engine
  openssl              # test certificates for MQTT mutual TLS
  chromium             # headless browser for the consent page tests
)

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  # policy-rc.d stops Debian from starting system-wide daemons: tests start their own on free ports.
  sudo_if_needed sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  sudo_if_needed rm -f /usr/sbin/policy-rc.d
fi

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required: https://dotnet.microsoft.com/download" >&2; exit 1; }
