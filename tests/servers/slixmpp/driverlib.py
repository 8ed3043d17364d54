"""Shared by xmpp_driver.py and reference_component.py: JSON lines on stdout, logging on stderr,
raw stanza parsing, and a clear message when slixmpp is missing."""

import argparse
import asyncio
import json
import logging
import sys
import xml.etree.ElementTree as ET

try:
    import slixmpp  # noqa: F401  (imported here so both scripts fail the same way)
except ImportError:
    sys.exit("python3-slixmpp is not installed for /usr/bin/python3. "
             "Run scripts/install-deps.sh (as root), which installs it from Debian.")


def emit(message):
    """One JSON object per line on stdout: the only thing the C# side reads there."""
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def parse_args(description, add_arguments):
    parser = argparse.ArgumentParser(description=description)
    add_arguments(parser)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--log-level", default="WARNING",
                        help="DEBUG shows every stanza sent and received (on stderr)")
    args = parser.parse_args()
    logging.basicConfig(level=args.log_level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return args


def parse_stanza(raw, namespace):
    """Parses a stanza written without a namespace (as in the XEPs) into the stream's namespace.

    The wrapper supplies the default namespace, so '<iq type="get" .../>' and
    '<iq xmlns="jabber:client" .../>' give the same element."""
    # XMPP forbids DTDs (RFC 6120 §11.1); refuse them rather than let expat expand entities.
    if "<!DOCTYPE" in raw.upper():
        raise ValueError("DOCTYPE is not allowed in a stanza")
    wrapper = ET.fromstring('<wrapper xmlns="%s">%s</wrapper>' % (namespace, raw))
    if len(wrapper) != 1:
        raise ValueError("expected exactly one stanza element, got %d" % len(wrapper))
    return wrapper[0]


class Lifecycle:
    """Mixed into the slixmpp client or component: the exit code as a future, tasks kept alive,
    and stdin read line by line (its end means "stop")."""

    def init_lifecycle(self, loop):
        self.finished = loop.create_future()
        self._tasks = set()

    def finish(self, code, event=None):
        """Ends the process with `code`; only the first call counts (and emits its event)."""
        if self.finished.done():
            return
        if event is not None:
            emit(event)
        self.finished.set_result(code)

    def spawn(self, coroutine):
        # asyncio keeps only weak references to tasks: an unreferenced one may vanish mid-await.
        task = asyncio.get_event_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def stdin_lines():
        loop = asyncio.get_event_loop()
        reader = asyncio.StreamReader(limit=64 * 1024 * 1024)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        while line := await reader.readline():
            if line.strip():
                yield line


def run_until(loop, finished):
    """Runs the loop until `finished` (a future holding the exit code), then cancels what is left,
    so the process exits without asyncio's "Task was destroyed but it is pending" noise."""
    code = loop.run_until_complete(finished)
    pending = asyncio.all_tasks(loop)
    for task in pending:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    return code
