-- Prosody 0.12 for Quoalise: one file for the test fixtures (ProsodyServer), scripts/run-local.sh and
-- docker-compose.xmpp.yml. Everything that differs between runs comes from environment variables
-- (Prosody's config reads ENV_<NAME> as os.getenv("<NAME>")), so the file is used as it is, never rendered.
-- Variables: see tests/servers/README.md.

local function setting(name, default)
  local value = os.getenv(name)
  if value == nil or value == "" then
    if default == nil then
      error(name .. " is not set: see tests/servers/README.md", 0)
    end
    return default
  end
  return value
end

local data = setting("QUOALISE_PROSODY_DATA")
local interface = setting("QUOALISE_PROSODY_INTERFACE", "127.0.0.1")
local certificate = setting("QUOALISE_PROSODY_CERTIFICATE", false)

-- Root only inside CI and containers; prosody refuses root unless told, and prosodyctl would switch users.
run_as_root = setting("QUOALISE_PROSODY_RUN_AS_ROOT", "false") == "true"
daemonize = false
pidfile = data .. "/prosody.pid"
data_path = data
storage = "internal"
authentication = "internal_hashed"

interfaces = { interface }
c2s_ports = { tonumber(setting("QUOALISE_PROSODY_C2S_PORT", "5222")) }
component_interfaces = { interface }
component_ports = { tonumber(setting("QUOALISE_PROSODY_COMPONENT_PORT", "5347")) }
-- kick_new (Prosody's default) refuses a second connection for a domain; kick_old lets a reconnecting
-- component replace a half-open one at once.
component_conflict_resolve = setting("QUOALISE_PROSODY_COMPONENT_CONFLICT_RESOLVE", "kick_new")

-- Plain c2s so test clients need no certificate; STARTTLS is offered when a certificate is given.
c2s_require_encryption = false
allow_unencrypted_plain_auth = true

-- Options set here cannot be read back (they go to Prosody, not to Lua variables): build lists in locals.
local modules = { "roster", "saslauth", "disco", "ping", "version", "time", "uptime" }
if certificate then
  table.insert(modules, "tls")
  ssl = { certificate = certificate, key = setting("QUOALISE_PROSODY_CERTIFICATE_KEY") }
end
modules_enabled = modules
-- posix would fork and switch users; s2s would listen on 5269 and reach out to the network.
modules_disabled = { "posix", "s2s", "s2s_auth_certs" }
-- Nothing to index unless a certificate is given above; the default "certs" folder does not exist here.
certificates = data

log = {
  { levels = { min = setting("QUOALISE_PROSODY_CONSOLE_LOG_LEVEL", "info") }, to = "console" },
  { levels = { min = "debug" }, to = "file", filename = data .. "/prosody.log" },
}

VirtualHost(setting("QUOALISE_PROSODY_DOMAIN", "localhost"))

-- Space-separated "domain=secret" pairs: one external component (XEP-0114) each.
for domain, secret in setting("QUOALISE_PROSODY_COMPONENTS", ""):gmatch("([^%s=]+)=(%S+)") do
  Component(domain)
    component_secret = secret
end
