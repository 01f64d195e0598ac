# SPDX-License-Identifier: MIT
# compare.py - tests/live's judge: the records "smtpcode check --all --json"
# wrote for one file against the replies the test's session gave.
#   python3 compare.py RECORDS.json EXPECTED
# EXPECTED holds one line per reply, in order:  CODE COMMAND VERDICT  # why
# (COMMAND "-" for none). Every reply must be read once, in that order,
# with that command and verdict: no reply missing, none read twice.
# Exit 0 when they agree; else exit 1 and print, on one line each, what
# differs and every record seen ("LINE: CODE [ENH] COMMAND VERDICT").
import json
import sys

recs = []
for raw in open(sys.argv[1], encoding="utf-8"):
    raw = raw.strip()
    if not raw:
        continue
    r = json.loads(raw)
    if r.get("kind") == "record":
        recs.append(r)
want = []
for raw in open(sys.argv[2], encoding="utf-8"):
    raw = raw.split("#", 1)[0].split()
    if raw:
        want.append((int(raw[0]), raw[1], raw[2]))


def got_of(r):
    return (r["code"], r["command"] or "-", r["verdict"])


def show(r):
    enh = " " + r["enhanced"] if r.get("enhanced") else ""
    return "%s: %s%s %s %s" % (r["line"], r["code"], enh, r["command"] or "-", r["verdict"])


got = [got_of(r) for r in recs]
if got == want:
    sys.exit(0)
for i in range(max(len(got), len(want))):
    g = got[i] if i < len(got) else None
    w = want[i] if i < len(want) else None
    if g != w:
        print("reply %d: expected %s, read %s" % (
            i + 1, " ".join(map(str, w)) if w else "nothing",
            show(recs[i]) if g else "nothing"))
        break
print("records seen: " + ("; ".join(show(r) for r in recs) or "none"))
sys.exit(1)
