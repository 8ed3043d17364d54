#!/usr/bin/python3
"""An independent XMPP client (slixmpp, c2s, plaintext) driven by JSON lines, for integration tests.

Run: /usr/bin/python3 xmpp_driver.py JID PASSWORD --port 5222 [--host 127.0.0.1] [--log-level DEBUG]

Stdout carries JSON lines only. First an event:
  {"event": "session_start", "jid": "alice@localhost/abc"}   ready for requests
  {"event": "failed_auth"} / {"event": "connection_failed", "reason": "..."}   then exit 2 / 3
Then one response per request read on stdin, in completion order, correlated by "id":
  {"id": 1, "op": "ping", "jid": "localhost", "timeout": 10}
  {"id": 1, "status": "ok", "xml": "<iq xmlns=\"jabber:client\" type=\"result\" .../>"}
  status is "ok" (xml holds the reply, result or error alike, or null when there is none),
  "timeout" (no reply within "timeout" seconds), or "error" (bad request or driver failure:
  "error" and "traceback" say why; the driver keeps running).
Operations and their fields (besides id, op and an optional timeout in seconds, default 10):
  iq            xml: a raw <iq/> of type get or set (an id is added when missing)
  command       jid, node, action (execute), sessionid, fields: {"var": ["value", ...]} submitted as a form
  disco_info    jid, node
  disco_items   jid, node
  ping          jid
  version       jid
  send_message  xml: a raw <message/>
  next_message  waits for the next <message/> received (all are queued as they arrive)
  presence      priority, show, status
  disconnect    answers, closes the stream, then exits 0
An unexpected loss of the connection emits {"event": "disconnected"} and exits 4; end of stdin
disconnects and exits 0.
"""

import sys

sys.dont_write_bytecode = True  # run by hand too: no __pycache__ left beside the scripts

import asyncio
import json
import traceback
import xml.etree.ElementTree as ET

from driverlib import Lifecycle, emit, parse_args, parse_stanza, run_until

from slixmpp import ClientXMPP
from slixmpp.exceptions import IqError, IqTimeout
from slixmpp.xmlstream import tostring
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import StanzaPath

CLIENT_NS = "jabber:client"
DATA_FORMS_NS = "jabber:x:data"
DEFAULT_TIMEOUT = 10


class Driver(ClientXMPP, Lifecycle):
    def __init__(self, jid, password):
        super().__init__(jid, password)
        for plugin in ("xep_0030", "xep_0004", "xep_0050", "xep_0199", "xep_0092"):
            self.register_plugin(plugin)
        self.init_lifecycle(self.loop)
        self.messages = asyncio.Queue()
        self.leaving = False
        self.register_handler(Callback("Driver messages", StanzaPath("message"), self.messages.put_nowait))
        self.add_event_handler("session_start", self.on_session_start)
        self.add_event_handler("failed_auth", lambda _: self.finish(2, {"event": "failed_auth"}))
        self.add_event_handler("connection_failed",
                               lambda reason: self.finish(3, {"event": "connection_failed", "reason": str(reason)}))
        self.add_event_handler("disconnected", self.on_disconnected)

    async def on_session_start(self, _):
        # Available presence, so stanzas sent to the bare JID reach this resource.
        self.send_presence()
        emit({"event": "session_start", "jid": str(self.boundjid)})
        self.spawn(self.read_requests())

    def on_disconnected(self, _):
        if not self.leaving:
            self.finish(4, {"event": "disconnected"})

    async def read_requests(self):
        async for line in self.stdin_lines():
            self.spawn(self.answer(line))
        await self.leave()

    async def leave(self):
        self.leaving = True
        await self.disconnect()
        self.finish(0)

    async def answer(self, line):
        request_id = None
        try:
            request = json.loads(line)
            request_id = request.get("id")
            handler = getattr(self, "op_" + str(request.get("op")), None)
            if handler is None:
                raise ValueError("unknown op %r" % request.get("op"))
            response = await handler(request, float(request.get("timeout") or DEFAULT_TIMEOUT))
        except Exception as e:  # a bad request must never kill the driver
            response = {"status": "error", "error": "%s: %s" % (type(e).__name__, e),
                        "traceback": traceback.format_exc()}
        leave = response.pop("leave", False)
        response["id"] = request_id
        emit(response)
        if leave:
            await self.leave()

    @staticmethod
    async def reply(pending):
        try:
            stanza = await pending
        except IqError as e:
            stanza = e.iq
        except IqTimeout:
            return {"status": "timeout"}
        return {"status": "ok", "xml": tostring(stanza.xml, top_level=True)}

    async def op_iq(self, request, timeout):
        iq = self.Iq(xml=parse_stanza(request["xml"], CLIENT_NS))
        if not iq["id"]:
            iq["id"] = self.new_id()
        if iq["type"] not in ("get", "set"):
            # slixmpp answers the iqs sent to this client itself, so a test never needs to send a reply.
            raise ValueError("iq type must be get or set, not %r" % iq["type"])
        return await self.reply(iq.send(timeout=timeout))

    async def op_command(self, request, timeout):
        payload = None
        if request.get("fields") is not None:
            # Built by hand so values go out exactly as given (slixmpp rewrites "true" to "1").
            payload = ET.Element("{%s}x" % DATA_FORMS_NS, type="submit")
            for var, values in request["fields"].items():
                field = ET.SubElement(payload, "{%s}field" % DATA_FORMS_NS, var=var)
                for value in [values] if isinstance(values, str) else values:
                    ET.SubElement(field, "{%s}value" % DATA_FORMS_NS).text = value
            payload = self["xep_0004"].build_form(payload)
        return await self.reply(self["xep_0050"].send_command(
            request["jid"], request["node"], action=request.get("action") or "execute",
            sessionid=request.get("sessionid"), payload=payload, timeout=timeout))

    async def op_disco_info(self, request, timeout):
        return await self.reply(self["xep_0030"].get_info(
            jid=request["jid"], node=request.get("node"), local=False, cached=False, timeout=timeout))

    async def op_disco_items(self, request, timeout):
        return await self.reply(self["xep_0030"].get_items(
            jid=request["jid"], node=request.get("node"), local=False, timeout=timeout))

    async def op_ping(self, request, timeout):
        return await self.reply(self["xep_0199"].send_ping(request["jid"], timeout=timeout))

    async def op_version(self, request, timeout):
        return await self.reply(self["xep_0092"].get_version(request["jid"], timeout=timeout))

    async def op_send_message(self, request, _timeout):
        self.Message(xml=parse_stanza(request["xml"], CLIENT_NS)).send()
        return {"status": "ok", "xml": None}

    async def op_next_message(self, _request, timeout):
        try:
            message = await asyncio.wait_for(self.messages.get(), timeout)
        except asyncio.TimeoutError:
            return {"status": "timeout"}
        return {"status": "ok", "xml": tostring(message.xml, top_level=True)}

    async def op_presence(self, request, _timeout):
        self.send_presence(ppriority=request.get("priority"), pshow=request.get("show"),
                           pstatus=request.get("status"))
        return {"status": "ok", "xml": None}

    async def op_disconnect(self, _request, _timeout):
        # Answered first, then the stream is closed: the process exits right after.
        return {"status": "ok", "xml": None, "leave": True}


def main():
    def arguments(parser):
        parser.add_argument("jid")
        parser.add_argument("password")
        parser.add_argument("--port", type=int, default=5222)

    args = parse_args("XMPP client driven by JSON lines on stdin/stdout", arguments)
    driver = Driver(args.jid, args.password)
    # Plaintext on purpose: the test Prosody allows it, and tests then need no certificate.
    driver.connect((args.host, args.port), use_ssl=False, force_starttls=False, disable_starttls=True)
    sys.exit(run_until(driver.loop, driver.finished))


if __name__ == "__main__":
    main()
