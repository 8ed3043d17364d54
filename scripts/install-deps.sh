#!/usr/bin/env bash
# Installs, from the distribution, every server and client the product and its tests run against.
#
#   scripts/install-deps.sh              everything below (what scripts/test.sh needs)
#   scripts/install-deps.sh PACKAGE...   only these Debian packages (scripts/run-local.sh asks for Prosody's)
#
# Idempotent: packages already present are left as they are. Runs as root (CI) or through sudo.
# Debian is kept from starting the daemons it installs: the tests and run-local.sh start their own, on
# their own ports, and a system-wide Prosody or Mosquitto would only hold 5222 or 1883.
set -euo pipefail

all_packages=(
  prosody              # XMPP server the component connects to (XEP-0114)
  ejabberd             # second XMPP server, proving the component is not Prosody-only
  python3-slixmpp      # independent XMPP client and reference component driving the integration tests
  mosquitto            # external MQTT broker (plain and mutual TLS)
  mosquitto-clients    # mosquitto_pub / mosquitto_sub, independent MQTT clients for the tests
  mariadb-server       # MySQL-family storage engine
  postgresql           # PostgreSQL storage engine
  openssl              # certificates (run-local.sh's STARTTLS certificate)
)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    echo "Installing packages needs root: run this script as root, or install sudo." >&2
    exit 1
  fi
}

if ! command -v dotnet >/dev/null || ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  echo "The .NET 10 SDK is required (dotnet --list-sdks lists no 10.x): https://dotnet.microsoft.com/download/dotnet/10.0" >&2
  exit 1
fi

if [ $# -gt 0 ]; then
  packages=("$@")
else
  packages=("${all_packages[@]}")
  # Only when npm is missing: a NodeSource nodejs brings its own npm, which Debian's npm would conflict with.
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
# The OCPP charge points of the integration tests: ocpp-rpc, exactly as tests/ocpp/package-lock.json pins it.
install_ocpp_charge_points() {
  if [ $# -eq 0 ] && command -v npm >/dev/null; then
    npm ci --prefix "$(dirname "$0")/../tests/ocpp" --no-audit --no-fund --loglevel=error
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  install_ocpp_charge_points "$@"
  exit 0
fi

# policy-rc.d answering 101 ("action forbidden") stops invoke-rc.d and deb-systemd-invoke from starting
# services during the install. Any policy already in place is put back afterwards, whatever happens.
policy=/usr/sbin/policy-rc.d
saved=""
restore_policy() {
  if [ -n "$saved" ]; then
    as_root mv -f "$saved" "$policy"
  else
    as_root rm -f "$policy"
  fi
}
if [ -e "$policy" ]; then
  saved=$(as_root mktemp /tmp/policy-rc.d.XXXXXX)
  as_root cp -p "$policy" "$saved"
fi
trap restore_policy EXIT
as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"

echo "Installing: ${missing[*]}"
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"

install_ocpp_charge_points "$@"

services=()
for package in "${missing[@]}"; do
  case $package in
    prosody | ejabberd | mosquitto | postgresql) services+=("$package") ;;
    mariadb-server) services+=(mariadb) ;;
  esac
done
if [ ${#services[@]} -gt 0 ] && [ -d /run/systemd/system ]; then
  echo "Installed without starting ${services[*]}; systemd would still start them at boot." \
    "To keep them off: sudo systemctl disable ${services[*]}"
fi
