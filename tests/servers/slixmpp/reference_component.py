#!/usr/bin/python3
"""An independent XEP-0114 component (slixmpp ComponentXMPP): checks a server's component setup
without Quoalise, and serves as a reference to compare Quoalise's behaviour with.

Run: /usr/bin/python3 reference_component.py DOMAIN SECRET --port 5347 [--reconnect] [--log-level DEBUG]

It answers disco#info (identity component/generic), ping, version, and one ad-hoc command,
"echo": execute returns a form with a required text-single field "text"; submitting it completes
with an info note holding the text.

Stdout carries JSON lines, one per event:
  {"event": "session_start", "count": 1}      handshake accepted (count grows on each reconnection)
  {"event": "stream_error", "condition": "not-authorized", "text": "..."}
  {"event": "disconnected"}
  {"event": "connection_failed", "reason": "..."}
With --reconnect it reconnects after losing the server (slixmpp's backoff: 1, 3, 7 s...), except
after not-authorized or host-unknown, which no retry can fix: it exits 5. Without it, a lost
connection exits 4 and a failed first connection exits 3. End of stdin disconnects and exits 0.
"""

import sys

sys.dont_write_bytecode = True  # run by hand too: no __pycache__ left beside the scripts

from driverlib import Lifecycle, emit, parse_args, run_until

from slixmpp import ComponentXMPP

FATAL_STREAM_ERRORS = ("not-authorized", "host-unknown")


class ReferenceComponent(ComponentXMPP, Lifecycle):
    def __init__(self, domain, secret, host, port, reconnect):
        super().__init__(domain, secret, host, port)
        self.register_plugin("xep_0030")
        self.register_plugin("xep_0004")
        self.register_plugin("xep_0050")
        self.register_plugin("xep_0199")
        self.register_plugin("xep_0092", {"software_name": "quoalise-reference-component", "version": "1"})
        self.init_lifecycle(self.loop)
        self.reconnect_after_loss = reconnect
        self.leaving = False
        self.sessions = 0
        self.add_event_handler("session_start", self.on_session_start)
        self.add_event_handler("stream_error", self.on_stream_error)
        self.add_event_handler("disconnected", self.on_disconnected)
        self.add_event_handler("connection_failed", self.on_connection_failed)

    def on_session_start(self, _):
        self.sessions += 1
        if self.sessions == 1:
            self["xep_0030"].add_identity(category="component", itype="generic",
                                          name="Quoalise reference component", jid=self.boundjid)
            self["xep_0050"].add_command(jid=self.boundjid, node="echo", name="Echo", handler=self.echo_start)
            self.spawn(self.wait_for_stdin_end())
        emit({"event": "session_start", "count": self.sessions})

    def on_stream_error(self, error):
        condition = error["condition"]
        emit({"event": "stream_error", "condition": condition, "text": error["text"]})
        if condition in FATAL_STREAM_ERRORS:
            self.finish(5)

    def on_disconnected(self, _):
        emit({"event": "disconnected"})
        if self.leaving or self.finished.done():
            return
        if self.reconnect_after_loss:
            self.connect()
        else:
            self.finish(4)

    def on_connection_failed(self, reason):
        emit({"event": "connection_failed", "reason": str(reason)})
        if not self.reconnect_after_loss:
            self.finish(3)

    async def wait_for_stdin_end(self):
        async for _ in self.stdin_lines():
            pass
        self.leaving = True
        await self.disconnect()
        self.finish(0)

    def echo_start(self, _iq, session):
        form = self["xep_0004"].make_form(ftype="form", title="Echo")
        form.add_field(var="text", ftype="text-single", label="Text", required=True)
        session["payload"] = form
        session["next"] = self.echo_complete
        session["has_next"] = False
        return session

    @staticmethod
    def echo_complete(payload, session):
        session["payload"] = None
        session["next"] = None
        session["notes"] = [("info", payload["values"].get("text", ""))]
        return session


def main():
    def arguments(parser):
        parser.add_argument("domain")
        parser.add_argument("secret")
        parser.add_argument("--port", type=int, default=5347)
        parser.add_argument("--reconnect", action="store_true")

    args = parse_args("XEP-0114 reference component reporting JSON lines on stdout", arguments)
    component = ReferenceComponent(args.domain, args.secret, args.host, args.port, args.reconnect)
    component.connect()
    sys.exit(run_until(component.loop, component.finished))


if __name__ == "__main__":
    main()
