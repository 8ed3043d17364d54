#!/usr/bin/env bash
# Runs Quoalise on this machine behind a private Prosody, ready for an XMPP client such as Gajim, with the
# embedded MQTT broker on 127.0.0.1:1883 and the OCPP endpoint on ws://127.0.0.1:8080/ocpp/{chargePointId}.
#
#   scripts/run-local.sh                 Prosody, then the component (dotnet run); Ctrl-C stops both
#   scripts/run-local.sh --prosody-only  Prosody and the demo account only (to try a client, or run the
#                                        component from an IDE with the variables printed below)
#
# Prosody runs tests/servers/prosody/prosody.cfg.lua, the file the tests use, with the variables written to
# .local/prosody.env. Everything generated lives in .local/ (git-ignored) and is kept between runs: the component
# secret, the demo password, a self-signed certificate for localhost (STARTTLS), Prosody's data and logs, and the
# component's data. Delete .local/ to start afresh.
#
# Environment overrides: QUOALISE_LOCAL_DIR (instead of .local), QUOALISE_LOCAL_C2S_PORT (5222),
# QUOALISE_LOCAL_COMPONENT_PORT (5347), QUOALISE_LOCAL_HTTP_PORT (8080), QUOALISE_LOCAL_MQTT_PORT (1883).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# Overridable, for a machine where a port is taken, and for the test that runs this script on free ports.
state=${QUOALISE_LOCAL_DIR:-$root/.local}
c2s_port=${QUOALISE_LOCAL_C2S_PORT:-5222}
component_port=${QUOALISE_LOCAL_COMPONENT_PORT:-5347}
http_port=${QUOALISE_LOCAL_HTTP_PORT:-8080}
mqtt_port=${QUOALISE_LOCAL_MQTT_PORT:-1883}

domain=localhost
component=quoalise.localhost
prosody_config=$root/tests/servers/prosody/prosody.cfg.lua

prosody_only=false
case "${1:-}" in
  "") ;;
  --prosody-only) prosody_only=true ;;
  *) echo "Usage: scripts/run-local.sh [--prosody-only]" >&2; exit 2 ;;
esac

# 1. Prosody from the distribution, and the tools this script uses, if missing.
if ! command -v prosody >/dev/null || ! command -v openssl >/dev/null || ! command -v ss >/dev/null; then
  scripts/install-deps.sh prosody openssl iproute2
fi

# 2. The ports must be free: say who holds one, rather than let Prosody fail with "address in use".
ports=("$c2s_port" "$component_port")
$prosody_only || ports+=("$http_port" "$mqtt_port")
for port in "${ports[@]}"; do
  if [ -n "$(ss -Hltn "sport = :$port")" ]; then
    owner=$(ss -Hltnp "sport = :$port" | grep -o 'users:(.*)' | head -n 1 || true)
    echo "Port $port is already in use by ${owner:-another process (run as root to see which)}." >&2
    echo "Stop it and run again. A Prosody installed from Debian runs as a service: sudo systemctl disable --now prosody" >&2
    exit 1
  fi
done

# 3. Generated once, then kept: secrets, certificate, folders.
mkdir -p "$state/prosody" "$state/certs" "$state/data"
if [ ! -f "$state/secrets.env" ]; then
  (umask 077 && printf 'COMPONENT_SECRET=%s\nDEMO_PASSWORD=%s\n' "$(openssl rand -hex 24)" "$(openssl rand -hex 6)" >"$state/secrets.env")
fi
# shellcheck source=/dev/null
. "$state/secrets.env"
certificate=$state/certs/localhost.crt
certificate_key=$state/certs/localhost.key
if [ ! -f "$certificate" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$domain" -addext "subjectAltName=DNS:$domain" \
    -keyout "$certificate_key" -out "$certificate" 2>/dev/null
fi

# 4. Prosody's settings, in a file a developer can also source to run prosodyctl by hand:
#    set -a; . .local/prosody.env; set +a; prosodyctl --config tests/servers/prosody/prosody.cfg.lua about
run_as_root=false
[ "$(id -u)" -eq 0 ] && run_as_root=true
cat >"$state/prosody.env" <<EOF
QUOALISE_PROSODY_DATA=$state/prosody
QUOALISE_PROSODY_DOMAIN=$domain
QUOALISE_PROSODY_INTERFACE=127.0.0.1
QUOALISE_PROSODY_C2S_PORT=$c2s_port
QUOALISE_PROSODY_COMPONENT_PORT=$component_port
QUOALISE_PROSODY_COMPONENTS=$component=$COMPONENT_SECRET
QUOALISE_PROSODY_CERTIFICATE=$certificate
QUOALISE_PROSODY_CERTIFICATE_KEY=$certificate_key
QUOALISE_PROSODY_RUN_AS_ROOT=$run_as_root
EOF
chmod 600 "$state/prosody.env"
set -a
# shellcheck source=/dev/null
. "$state/prosody.env"
set +a

# Creates the account, or resets its password to the kept one.
if ! output=$(prosodyctl --config "$prosody_config" register demo "$domain" "$DEMO_PASSWORD" 2>&1); then
  echo "$output" >&2
  exit 1
fi

# The component's settings (Storage__DataDirectory is .local/data, absolute so any working directory works).
component_environment=(
  "Xmpp__Host=127.0.0.1"
  "Xmpp__Port=$component_port"
  "Xmpp__Domain=$component"
  "Xmpp__Secret=$COMPONENT_SECRET"
  "Xmpp__ServerDomain=$domain"
  "Access__Admins__0=demo@$domain"
  "Storage__DataDirectory=$state/data"
  "Urls=http://127.0.0.1:$http_port"
  "Mqtt__Embedded__Port=$mqtt_port"
  # Demo only, on loopback: any charge point may connect and is Accepted (its first Basic key, if any, becomes its
  # key), and any id tag may charge. In production, register charge points and tags (docs/ocpp.md).
  "Ocpp__AutoRegister=true"
  "Ocpp__AutoRegisterStatus=Accepted"
  "Ocpp__OpenAccess=true"
  "Serilog__WriteTo__1__Args__path=$state/logs/quoalise-.log"
)
if ! $prosody_only; then
  echo "Building the component…"
  # No build servers left running after Ctrl-C.
  dotnet build Quoalise.Component -nologo -v quiet -nodeReuse:false -p:UseSharedCompilation=false
fi

# 5. Start. Each background job gets its own process group (set -m), so stopping a group also stops
#    what it started (dotnet run's child), and Ctrl-C reaches this script only, which stops both.
set -m
groups=()
stop_all() {
  trap - EXIT INT TERM
  # Newest first: the component closes its stream while Prosody is still there to receive it.
  for ((i = ${#groups[@]} - 1; i >= 0; i--)); do
    kill -TERM -- "-${groups[i]}" 2>/dev/null || true
    while kill -0 -- "-${groups[i]}" 2>/dev/null; do sleep 0.2; done
  done
  wait 2>/dev/null || true
  echo "Stopped."
}
trap stop_all EXIT
trap 'exit 130' INT TERM

prosody -F --config "$prosody_config" >"$state/prosody/console.log" 2>&1 &
prosody_pid=$!
groups+=("$prosody_pid")

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 200); do
  port_open "$c2s_port" && port_open "$component_port" && break
  if ! kill -0 "$prosody_pid" 2>/dev/null; then
    echo "Prosody stopped while starting:" >&2
    cat "$state/prosody/console.log" >&2
    exit 1
  fi
  sleep 0.1
done
if ! port_open "$c2s_port" || ! port_open "$component_port"; then
  echo "Prosody did not listen on $c2s_port and $component_port within 20 s:" >&2
  cat "$state/prosody/console.log" >&2
  exit 1
fi

fingerprint=$(openssl x509 -in "$certificate" -noout -fingerprint -sha256 | cut -d= -f2)
cat <<EOF

Prosody is ready: clients on 127.0.0.1:$c2s_port, components on 127.0.0.1:$component_port (logs: .local/prosody/).

Connect with Gajim:
  1. Accounts → Add Account → log in as  demo@$domain  with the password  $DEMO_PASSWORD
  2. Before logging in, switch on "Advanced" and set the connection: host 127.0.0.1, port $c2s_port, type STARTTLS.
     Gajim warns that the certificate for $domain is self-signed: accept it after checking its SHA-256 fingerprint
     $fingerprint
     (or choose the plain, unencrypted connection type: this Prosody allows it on loopback).
  3. Accounts → Discover Services → $component → Commands,
     or Start Chat → $component → Execute Command.
EOF
$prosody_only || cat <<EOF

Devices, once the component is up (docs/mqtt.md, docs/ocpp.md):
  MQTT  mosquitto_pub -h 127.0.0.1 -p $mqtt_port -q 1 -t serre/1/bac/1 -m '{"temperatureAmbiante": 22.1}'
        (run the register_bed command first, or the reading is refused as BAC_NOT_FOUND: see get_ingest_errors)
  OCPP  a charge point connects to  ws://127.0.0.1:$http_port/ocpp/<its id>  with subprotocol ocpp1.6 or ocpp2.0.1;
        this demo accepts any charge point and any id tag.
EOF

if $prosody_only; then
  echo
  echo "Component settings, for running it yourself:"
  printf '  %s\n' "${component_environment[@]}"
  echo "Ctrl-C stops Prosody."
  wait "$prosody_pid"
  exit
fi

echo "Starting the component (Ctrl-C stops it and Prosody)…"
env "${component_environment[@]}" dotnet run --no-build --no-launch-profile --project Quoalise.Component &
groups+=("$!")
# Whichever stops first, the other is stopped too (by the EXIT trap).
status=0
wait -n || status=$?
echo "Prosody or the component exited (status $status); stopping the other."
exit "$status"
