#!/usr/bin/env python3
"""The Python `quoalise` CLI (consometers/quoalise 0.0.6), reproduced for the tests: the package is not on any
index this project can reach. What goes on the wire and how the answer is read follow the library exactly:

- log in with QUOALISE_USER / QUOALISE_PASSWORD, presence priority -1 for get-history and 1 for listen;
- get-history: ONE iq set carrying <command node="get_history" action="execute"> with a submitted form whose
  text-single fields are identifier, start_time and end_time (datetime.isoformat(), omitted when not given);
  no sessionid, no second step;
- the reply: `.//{commands}command`, status must be "completed", then
  `.//{urn:quoalise:0}quoalise/{urn:quoalise:0}data`; <meta> is required (schema-less dict, namespaces
  stripped); SenML resolved as the library does (bn/bt/bu/bv carried forward, name = bn + n, time = bt + t,
  unit = bu + u concatenated, value = bv + v, only v read, as float);
- listen: every incoming <message> matching {jabber:client}message/{urn:quoalise:0}quoalise/{urn:quoalise:0}data;
- output: --format json (the default) prints {"meta": …, "records": [{name, time, value, unit}]} with times in --tz
  (local time by default, here UTC unless TZ is set), indent 2; --format quoalise prints the <data> element;
- errors: not-authorized, service-unavailable and connection failures are printed as the CLI does, on stderr.

One addition for tests only: QUOALISE_ADDRESS=host:port, since the test Prosody is not on the default port.
The exit code is the CLI's (-1, i.e. 255, in every case), so callers read stdout and stderr.
"""

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from xml.dom import minidom
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

try:
    import slixmpp
    from slixmpp.exceptions import IqError, IqTimeout
    from slixmpp.xmlstream.handler import CoroutineCallback
    from slixmpp.xmlstream.matcher import MatchXPath
except ImportError:
    sys.exit("python3-slixmpp is not installed for /usr/bin/python3. "
             "Run scripts/install-deps.sh (as root), which installs it from Debian.")

COMMANDS = "{http://jabber.org/protocol/commands}"
QUOALISE = "{urn:quoalise:0}"
SENML = "{urn:ietf:params:xml:ns:senml}"


class NotAuthorized(Exception):
    pass


class ServiceUnavailable(Exception):
    pass


class BadRequest(Exception):
    pass


class ConnectionFailed(Exception):
    pass


def convert_iq_error(error):
    """The library's IqErrorConverter: three conditions become its exceptions, the rest stays an IqError."""
    if error.condition == "not-authorized":
        return NotAuthorized(error.text)
    if error.condition == "service-unavailable":
        return ServiceUnavailable(error.text)
    if error.condition == "bad-request":
        return BadRequest(error.text)
    return error


def meta_to_dict(element):
    """Metadata.xml_to_dict: nested dicts for children, attributes as keys, namespaces stripped."""
    tag = element.tag.rpartition("}")[2]
    result = {tag: {} if element.attrib else None}
    children = list(element)
    if children:
        grouped = defaultdict(list)
        for child in map(meta_to_dict, children):
            for key, value in child.items():
                grouped[key].append(value)
        result = {tag: {k: v[0] if len(v) == 1 else v for k, v in grouped.items()}}
    if element.attrib:
        result[tag].update(element.attrib.items())
    if element.text:
        text = element.text.strip()
        if children or element.attrib:
            if text:
                result[tag]["#text"] = text
        else:
            result[tag] = text
    return result


def senml_records(sensml):
    """Sensml.__records_with_elements, including its quirks (u appended to bu)."""
    base_name = base_time = base_unit = base_value = None
    for element in sensml.findall(f"./{SENML}senml"):
        a = element.attrib
        if "bn" in a:
            base_name = a["bn"]
        if "bt" in a:
            base_time = float(a["bt"])
        if "bu" in a:
            base_unit = a["bu"]
        if "bv" in a:
            base_value = float(a["bv"])
        name = a.get("n")
        if base_name is not None:
            name = base_name + name if name is not None else base_name
        time = float(a["t"]) if "t" in a else None
        if base_time is not None:
            time = base_time + time if time is not None else base_time
        if time is not None:
            time = dt.datetime.fromtimestamp(time, dt.timezone.utc)
        unit = a.get("u")
        if base_unit is not None:
            unit = base_unit + unit if unit is not None else base_unit
        value = float(a["v"]) if "v" in a else None
        if base_value is not None:
            value = base_value + value if value is not None else base_value
        yield {"name": name, "time": time, "value": value, "unit": unit}


def data_from_xml(element):
    assert element.tag == f"{QUOALISE}data"
    meta = element.find(f"./{QUOALISE}meta")
    meta_dict = meta_to_dict(meta)["meta"]  # no <meta>: the library fails here too
    sensml = element.find(f"./{SENML}sensml")
    return meta_dict, list(senml_records(sensml)), element


def print_data(data, output_format, tz):
    meta, records, element = data
    if output_format == "quoalise":
        print(minidom.parseString(ET.tostring(element)).toprettyxml(indent="  "))
        return

    def serialize(value):
        if isinstance(value, dt.datetime):
            return value.astimezone(tz=tz).isoformat()
        return str(value)

    print(json.dumps({"meta": meta, "records": records}, indent=2, default=serialize), flush=True)


async def connect(jid, password, priority):
    client = slixmpp.ClientXMPP(jid, password)
    client.register_plugin("xep_0199", {"keepalive": True, "frequency": 15})
    started = asyncio.get_event_loop().create_future()

    def fail(reason):
        if not started.done():
            started.set_exception(ConnectionFailed(reason))

    client.add_event_handler("session_start", lambda _: started.done() or started.set_result(True))
    client.add_event_handler("failed_auth", lambda _: fail("authentication failed"))
    client.add_event_handler("connection_failed", lambda e: fail(f"XMPP server is not reachable, {e}"))
    client.add_event_handler("session_end", lambda _: fail("XMPP server ended the session"))
    address = os.environ.get("QUOALISE_ADDRESS")
    if address:
        host, _, port = address.rpartition(":")
        client.connect(address=(host, int(port)))
    else:
        client.connect()
    await asyncio.wait_for(started, 10)
    client.send_presence(ppriority=priority)
    return client


async def get_history(client, server_jid, identifier, start_time, end_time):
    fields = f'<field var="identifier" type="text-single"><value>{escape(identifier)}</value></field>'
    for var, value in (("start_time", start_time), ("end_time", end_time)):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("Naive datetimes are not handled to prevent errors")
            fields += f'<field var="{var}" type="text-single"><value>{escape(value.isoformat())}</value></field>'
    iq = client.Iq()
    iq["type"] = "set"
    iq["to"] = server_jid
    iq.append(ET.fromstring(
        f'<command xmlns="http://jabber.org/protocol/commands" node="get_history" action="execute">'
        f'<x xmlns="jabber:x:data" type="submit">{fields}</x></command>'))
    try:
        response = await iq.send()
    except IqError as error:
        raise convert_iq_error(error) from None
    command = response.xml.find(f".//{COMMANDS}command")
    if command.attrib["status"] != "completed":
        raise RuntimeError("Unexpected iq response: " + ET.tostring(response.xml).decode())
    return data_from_xml(command.find(f".//{QUOALISE}quoalise/{QUOALISE}data"))


async def run(args):
    user = os.environ.get("QUOALISE_USER")
    password = os.environ.get("QUOALISE_PASSWORD")
    if user is None or password is None:
        sys.exit("Client credentials not found in environment variables:\n"
                 "QUOALISE_USER should be set to your xmpp bare jid\n"
                 "QUOALISE_PASSWORD should be set to your xmpp password")
    tz = ZoneInfo(args.tz) if args.tz else None
    try:
        client = await connect(user, password, -1 if args.command == "get-history" else 1)
    except (ConnectionFailed, asyncio.TimeoutError) as e:
        print(f"XMPP user {user} is not able to connect: {e}", file=sys.stderr)
        return -1
    try:
        if args.command == "get-history":
            start = dt.datetime.fromisoformat(args.start_time).astimezone(tz=tz) if args.start_time else None
            end = dt.datetime.fromisoformat(args.end_time).astimezone(tz=tz) if args.end_time else None
            print_data(await get_history(client, args.server_jid, args.data_id, start, end), args.format, tz)
        else:
            incoming = asyncio.Queue()

            async def on_data(message):
                incoming.put_nowait(data_from_xml(message.xml.find(f"{QUOALISE}quoalise/{QUOALISE}data")))

            client.register_handler(CoroutineCallback(
                "Quoalise Data", MatchXPath("{jabber:client}message/" + f"{QUOALISE}quoalise/{QUOALISE}data"), on_data))
            # Tells the caller the presence is out and pushes can come (not printed by the real CLI).
            print("listening", file=sys.stderr, flush=True)
            while True:
                print_data(await incoming.get(), args.format, tz)
    except NotAuthorized as e:
        print(f"You are not authorized to access the resource: {e}", file=sys.stderr)
    except ServiceUnavailable as e:
        print(f"{args.server_jid} is not available: {e}", file=sys.stderr)
    except Exception as e:  # the CLI prints any other failure as "Type: message"
        if args.debug:
            raise
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
    finally:
        client.disconnect()
    return -1


def main():
    parser = argparse.ArgumentParser(description="Access a Quoalise API.")
    parser.add_argument("--debug", action="store_true", help="Show xmpp debug logs")
    parser.add_argument("--format", choices={"quoalise", "json"}, default="json")
    parser.add_argument("--tz", help="timezone descriptor, ie. Europe/Paris")
    commands = parser.add_subparsers(dest="command", required=True)
    history = commands.add_parser("get-history", help="Get history")
    history.add_argument("server_jid")
    history.add_argument("data_id")
    history.add_argument("--start-time", metavar="YYYY-MM-DDTHH:MM:SSZ")
    history.add_argument("--end-time", metavar="YYYY-MM-DDTHH:MM:SSZ")
    commands.add_parser("listen", help="Listen for incoming messages")
    args = parser.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.ERROR, stream=sys.stderr)
    try:
        sys.exit(asyncio.run(run(args)))
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(-1)


if __name__ == "__main__":
    main()
