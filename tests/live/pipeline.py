# SPDX-License-Identifier: MIT
# pipeline.py - a client that sends its commands ahead without waiting,
# whether or not the server offers PIPELINING (RFC 2920 §3.1 allows it only
# when it does): for the servers' pipelining checks, which swaks cannot
# trip. Writes the session as RFC 5321's "C: " / "S: " transcript.
#   python3 pipeline.py PORT HELO FROM TO TRANSCRIPT
# After the greeting it sends EHLO, MAIL, RCPT and DATA in one write, reads
# a reply for each (10 s at most), then, if DATA got 354, a short message;
# then QUIT.
import socket
import sys

port, helo, sender, rcpt, path = sys.argv[1:6]
log = open(path, "w")
s = socket.create_connection(("127.0.0.1", int(port)), 10)
s.settimeout(10)
f = s.makefile("rb")


def reply():
    code = None
    while True:
        line = f.readline(2000).decode("latin-1").rstrip("\r\n")
        if not line:
            return code or "EOF"
        log.write("S: " + line + "\n")
        if len(line) < 4 or line[3] != "-":
            return line[:3]


def send(lines):
    for line in lines:
        log.write("C: " + line + "\n")
    s.sendall("".join(line + "\r\n" for line in lines).encode())


try:
    reply()
    send(["EHLO " + helo, "MAIL FROM:<%s>" % sender, "RCPT TO:<%s>" % rcpt, "DATA"])
    codes = [reply() for _ in range(4)]
    if codes[-1] == "354":
        send(["Subject: pipelined", "", "sent ahead", "."])
        reply()
    send(["QUIT"])
    reply()
except OSError as e:
    log.write("=== %s\n" % e)
log.close()
