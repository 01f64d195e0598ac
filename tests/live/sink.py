# SPDX-License-Identifier: MIT
# sink.py - the scripted sink of tests/live: an SMTP server on a loopback
# port that refuses deliveries, so that the server under test writes
# delivery failures and bounce messages.
#   python3 sink.py PORT LOGFILE
# It greets with 220 and accepts EHLO, HELO, MAIL, RSET and NOOP (250);
# RCPT is refused with 550 5.1.1, except for a local part that starts with
# "data", which is accepted so that DATA comes and is refused with 554
# 5.7.1. QUIT gets 221; anything else 502. No PIPELINING, no STARTTLS.
# LOGFILE gets "C: " / "S: " lines (RFC 5321's transcript form).
import socketserver
import sys

PORT = int(sys.argv[1])
LOG = open(sys.argv[2], "a", buffering=1)


class Session(socketserver.StreamRequestHandler):
    timeout = 30

    def say(self, text):
        for line in text.split("\r\n"):
            LOG.write("S: " + line + "\n")
        self.wfile.write((text + "\r\n").encode())

    def handle(self):
        LOG.write("=== connection from %s\n" % (self.client_address[0],))
        self.say("220 sink.test ESMTP sink")
        while True:
            try:
                raw = self.rfile.readline(1000)
            except OSError:
                return
            if not raw:
                return
            line = raw.decode("latin-1").rstrip("\r\n")
            LOG.write("C: " + line + "\n")
            verb = line.split(" ", 1)[0].split(":", 1)[0].upper()
            if verb == "EHLO":
                self.say("250-sink.test\r\n250 8BITMIME")
            elif verb in ("HELO", "MAIL", "RSET", "NOOP"):
                self.say("250 2.0.0 Ok")
            elif verb == "RCPT":
                addr = line.split(":", 1)[1].strip() if ":" in line else ""
                if addr.lstrip("<").lower().startswith("data"):
                    self.say("250 2.1.5 Ok")
                else:
                    self.say("550 5.1.1 %s: Recipient address rejected: User unknown" % addr)
            elif verb == "DATA":
                self.say("554 5.7.1 Transaction refused by the sink")
            elif verb == "QUIT":
                self.say("221 2.0.0 Bye")
                return
            else:
                self.say("502 5.5.2 Command not implemented")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


Server(("127.0.0.1", PORT), Session).serve_forever()
