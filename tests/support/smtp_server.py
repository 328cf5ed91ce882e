#!/usr/bin/python3
"""Scriptable SMTP server for JobGate's integration tests.

Built on aiosmtpd (Debian's python3-aiosmtpd 1.4.3, installed for the
*system* interpreter only -- hence the absolute shebang). See README.md in
this directory for the command line and the recipient "switches".

Protocol with the test harness:
  * exactly one line ``READY <port>`` on stdout once the socket is listening;
  * everything else goes to stderr;
  * SIGTERM / SIGINT -> close all connections, exit 0.
"""

import argparse
import asyncio
import itertools
import json
import logging
import os
import signal
import socket
import ssl
import struct
import sys
import threading
import warnings
import weakref

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword, TLSSetupException, syntax

log = logging.getLogger("smtp_server")

# How long a "stall" recipient keeps the client waiting. Tests are expected to
# time out long before this.
STALL_SECONDS = 600

# Recipient local-part prefix -> reply to RCPT. Checked case-insensitively.
RCPT_FAILURES = {
    "reject550": "550 The from address does not match a verified Sender Identity",
    "perm554": "554 5.7.1 Rejected",
    "nouser550": "550 5.1.1 The email account that you tried to reach does not exist",
    "temp421": "421 4.7.0 Try again later",
    "temp451": "451 4.3.0 Temporary failure",
}

AUTH_INVALID = "535 5.7.8 Authentication credentials invalid"

# How long a "slow" recipient's message waits before its final 250.
SLOW_SECONDS = 3

# What Postfix says to a client idle past its time-out, before hanging up.
IDLE_REPLY = b"421 4.4.2 localhost Error: timeout exceeded\r\n"


def local_part(address):
    return address.rsplit("@", 1)[0].lower()


class Maildir:
    """Stores each accepted message as <n>.eml plus one JSON line in log.jsonl."""

    def __init__(self, path):
        self.path = path
        os.makedirs(path, exist_ok=True)
        # Continue numbering after whatever a previous run left behind so a
        # reused directory never has a file silently overwritten.
        existing = [
            int(name[:-4])
            for name in os.listdir(path)
            if name.endswith(".eml") and name[:-4].isdigit()
        ]
        self._counter = itertools.count(max(existing, default=0) + 1)

    def next_id(self):
        return next(self._counter)

    def store(self, n, content, record):
        name = f"{n}.eml"
        final = os.path.join(self.path, name)
        # Write-then-rename so a test polling the directory never reads a
        # partially written message.
        tmp = os.path.join(self.path, f".{name}.tmp")
        with open(tmp, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, final)

        # The log line is written only after the .eml exists, so a reader that
        # sees the line can always open the file. One write() on an O_APPEND
        # fd keeps lines whole even if several servers share the directory.
        record = dict(record, file=name)
        line = (json.dumps(record, sort_keys=True) + "\n").encode()
        fd = os.open(os.path.join(self.path, "log.jsonl"),
                     os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
        return name


class TestSMTP(SMTP):
    """aiosmtpd's SMTP protocol with the few behaviours the tests need."""

    def __init__(self, handler, *, implicit_tls, idle_421=False, **kwargs):
        super().__init__(handler, **kwargs)
        self.idle_421 = idle_421
        # aiosmtpd only knows about TLS it negotiated itself (STARTTLS); with
        # implicit TLS the asyncio server did the handshake, so remember it.
        self.implicit_tls = implicit_tls
        handler.connections.add(self)

    @property
    def is_tls(self):
        return self.implicit_tls or self._tls_protocol is not None

    def _timeout_cb(self):
        # --idle-timeout: answer 421 and hang up, as Postfix does, rather than
        # aiosmtpd's silent close. A client that then sends a command reads
        # the 421 as its answer.
        if self.idle_421 and self.transport is not None:
            log.info("%r idle: 421 and closing", self.session.peer)
            self.transport.write(IDLE_REPLY)
        super()._timeout_cb()

    async def push(self, status):
        await super().push(status)
        # A 421 means "service closing transmission channel" (RFC 5321
        # 3.8): actually hang up, so the client sees the same thing it would
        # from a real server that is shutting down.
        text = status.decode("ascii", "replace") if isinstance(status, bytes) else status
        if text.startswith("421") and self.transport is not None:
            self.transport.close()

    def reset_connection(self):
        """Drops the TCP connection with a reset (RST), answering nothing.

        SO_LINGER with a zero timeout makes close() send RST instead of FIN.
        After STARTTLS the TCP transport is the original one, under the TLS
        layer: abort that, so no TLS close_notify goes out either.
        """
        transport = self._original_transport or self.transport
        if transport is None:
            return
        sock = transport.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                struct.pack("ii", 1, 0))
            except OSError as e:  # already gone: abort() is still right
                log.info("%r SO_LINGER: %s", self.session.peer, e)
        transport.abort()

    @syntax("DATA")  # keeps HELP DATA working for the overridden command
    async def smtp_DATA(self, arg):
        if self.envelope.rcpt_tos and getattr(self.envelope, "stall", False):
            log.info("%r stalling DATA for %ss", self.session.peer, STALL_SECONDS)
            # If the client gives up and disconnects, aiosmtpd cancels this
            # coroutine and the sleep ends early; nothing leaks.
            await asyncio.sleep(STALL_SECONDS)
            self.transport.close()
            return
        await super().smtp_DATA(arg)


class Handler:
    def __init__(self, args, maildir):
        self.args = args
        self.maildir = maildir
        self.connections = weakref.WeakSet()
        self._queue_ids = itertools.count(1)

    def authenticator(self, server, session, envelope, mechanism, auth_data):
        ok = (
            not self.args.auth_fail_always
            and isinstance(auth_data, LoginPassword)
            and auth_data.login == self.args.user.encode()
            and auth_data.password == self.args.password.encode()
        )
        if ok:
            log.info("%r AUTH %s ok as %r", session.peer, mechanism, self.args.user)
            return AuthResult(success=True, auth_data=auth_data)
        log.info("%r AUTH %s rejected", session.peer, mechanism)
        # handled=False is essential: aiosmtpd then sends the 535 itself. The
        # default (handled=True) means "I already replied", so nothing is sent
        # and the client waits forever.
        return AuthResult(success=False, handled=False, message=AUTH_INVALID)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        lp = local_part(address)
        for prefix, reply in RCPT_FAILURES.items():
            if lp.startswith(prefix):
                log.info("%r RCPT %s -> %s", session.peer, address, reply)
                return reply  # TestSMTP.push closes the connection after a 421
        if lp.startswith("stall"):
            envelope.stall = True
        if lp.startswith("reset"):
            envelope.reset = True
        if lp.startswith("slow"):
            envelope.slow = True
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if getattr(envelope, "reset", False):
            # The whole body has been read (aiosmtpd calls this after the
            # final "."); now hang up with a reset instead of answering, like
            # a server or middlebox dying mid-transaction. Nothing is stored.
            log.info("%r resetting the connection after DATA (%d bytes, not stored)",
                     session.peer, len(envelope.original_content or b""))
            server.reset_connection()
            # connection_lost() cancels this coroutine; until then, answer nothing.
            await asyncio.sleep(STALL_SECONDS)
            return "421 4.3.0 Connection reset"  # never sent: the socket is gone
        if getattr(envelope, "slow", False):
            await asyncio.sleep(SLOW_SECONDS)
        n = self.maildir.next_id() if self.maildir else next(self._queue_ids)
        auth_user = None
        # auth_data is what our authenticator put in AuthResult; the older
        # session.login_data holds the same but logs a deprecation warning.
        if session.authenticated and isinstance(session.auth_data, LoginPassword):
            auth_user = session.auth_data.login.decode("utf-8", "replace")
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "auth_user": auth_user,
            "tls": server.is_tls,
        }
        if self.maildir:
            # original_content = the DATA payload exactly as received, minus
            # dot-stuffing and the terminating "." line.
            name = self.maildir.store(n, envelope.original_content, record)
            log.info("%r stored %s (%d bytes)", session.peer, name,
                     len(envelope.original_content))
        else:
            log.info("%r accepted message %d (not stored)", session.peer, n)
        return f"250 OK queued as {n}"

    async def handle_exception(self, error):
        if isinstance(error, TLSSetupException):
            # Expected in wrong-CA tests (the client aborts the handshake); a
            # one-liner is more useful than aiosmtpd's default traceback.
            # aiosmtpd closes the connection itself and never sends this reply.
            log.info("STARTTLS handshake failed: %s", error.__cause__)
            return "421 4.7.0 TLS handshake failed"
        log.error("SMTP session exception", exc_info=error)
        return f"500 Error: ({error.__class__.__name__}) {error}"


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--port", type=int, default=0,
                   help="TCP port on 127.0.0.1; 0 picks a free one (default)")
    p.add_argument("--cert", help="PEM certificate chain (enables STARTTLS)")
    p.add_argument("--key", help="PEM private key for --cert")
    p.add_argument("--require-starttls", action="store_true",
                   help="refuse everything but EHLO/NOOP/QUIT/STARTTLS before STARTTLS")
    p.add_argument("--implicit-tls", action="store_true",
                   help="TLS from the first byte (SMTPS, like port 465) instead of STARTTLS")
    p.add_argument("--user", help="require AUTH PLAIN/LOGIN with this user name")
    p.add_argument("--password", help="password for --user")
    p.add_argument("--auth-fail-always", action="store_true",
                   help="require AUTH and answer every attempt with 535")
    p.add_argument("--maildir", help="store accepted messages and log.jsonl here")
    p.add_argument("--exit-on-stdin-eof", action="store_true",
                   help="also shut down when stdin is closed (parent died)")
    p.add_argument("--idle-timeout", type=float, default=None,
                   help="answer 421 and hang up on a client idle this many seconds")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="log the full SMTP dialogue to stderr")
    args = p.parse_args(argv)

    if bool(args.cert) != bool(args.key):
        p.error("--cert and --key must be given together")
    if (args.implicit_tls or args.require_starttls) and not args.cert:
        p.error("--implicit-tls / --require-starttls need --cert and --key")
    if args.implicit_tls and args.require_starttls:
        p.error("--require-starttls makes no sense with --implicit-tls")
    if (args.user is None) != (args.password is None):
        p.error("--user and --password must be given together")
    if args.auth_fail_always and args.user is None:
        # Credentials are irrelevant, but aiosmtpd needs *something* to check.
        args.user, args.password = "", ""
    return args


def make_tls_context(cert, key):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    return ctx


def watch_stdin(loop, stop):
    # A thread rather than loop.add_reader(): epoll refuses regular files and
    # /dev/null, which stdin may well be.
    def run():
        while os.read(sys.stdin.fileno(), 4096):
            pass
        log.info("stdin closed, shutting down")
        loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=run, daemon=True).start()


async def serve(args):
    loop = asyncio.get_running_loop()
    tls = make_tls_context(args.cert, args.key) if args.cert else None
    auth = args.user is not None
    handler = Handler(args, Maildir(args.maildir) if args.maildir else None)

    def factory():
        return TestSMTP(
            handler,
            implicit_tls=args.implicit_tls,
            # With implicit TLS the socket is already encrypted; handing
            # aiosmtpd the context as well would advertise STARTTLS on top.
            tls_context=None if args.implicit_tls else tls,
            require_starttls=args.require_starttls,
            auth_required=auth,
            # aiosmtpd's check is "did *I* do STARTTLS", which is false under
            # implicit TLS and would hide AUTH entirely. So: demand TLS for
            # AUTH only when STARTTLS is the way to get it.
            auth_require_tls=tls is not None and not args.implicit_tls,
            authenticator=handler.authenticator if auth else None,
            # aiosmtpd drops connections idle for `timeout` (default 300 s),
            # which would cut a stall short; outlive the stall instead, unless
            # a test asks for an idle time-out (then answered 421).
            timeout=args.idle_timeout or STALL_SECONDS + 60,
            idle_421=args.idle_timeout is not None,
            # Avoid socket.getfqdn(), which can block on DNS in a sandbox.
            hostname="localhost",
            enable_SMTPUTF8=True,
            loop=loop,
        )

    server = await loop.create_server(
        factory, host="127.0.0.1", port=args.port,
        ssl=tls if args.implicit_tls else None,
    )
    port = server.sockets[0].getsockname()[1]
    log.info("listening on 127.0.0.1:%d (tls=%s, auth=%s, maildir=%s)",
             port, "implicit" if args.implicit_tls else ("starttls" if tls else "none"),
             "fail-always" if args.auth_fail_always else auth, args.maildir)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    if args.exit_on_stdin_eof:
        watch_stdin(loop, stop)

    print(f"READY {port}", flush=True)
    await stop.wait()

    log.info("shutting down")
    server.close()
    # Python 3.11's wait_closed() does not wait for (or close) open client
    # connections, so close them explicitly; this also ends any stall.
    for conn in list(handler.connections):
        if conn.transport is not None:
            conn.transport.close()
    await server.wait_closed()
    await asyncio.sleep(0.1)  # let connection_lost callbacks run


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.INFO,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    # aiosmtpd logs every command at INFO. That is noise by default and, worse,
    # can fill an undrained stderr pipe and freeze the server mid-test.
    logging.getLogger("mail.log").setLevel(
        logging.DEBUG if args.verbose else logging.WARNING)
    # aiosmtpd warns, once per connection, when AUTH is allowed without its
    # own STARTTLS. Here that is deliberate: either there is no TLS at all or
    # the connection is implicit TLS, which aiosmtpd cannot see.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    # aiosmtpd itself sets the deprecated Session.login_data on every AUTH,
    # which logs a deprecation warning we can do nothing about.
    noise = ("auth_require_tls == False", "Session.login_data is deprecated")
    logging.getLogger("mail.log").addFilter(
        lambda record: not any(n in record.getMessage() for n in noise))
    asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
