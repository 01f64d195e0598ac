# SPDX-License-Identifier: MIT
# registry.py CSV - compare the JSON of `smtpcode -j -l` on standard input
# with the IANA SMTP Enhanced Status Codes registry in CSV, and print TAP.
# tests/iana-smtp-enhanced-status-codes.csv is a byte copy of the registry
# as mlandauer/cuttlefish keeps it (lib/smtp-enhanced-status-codes-3.csv,
# commit 884d690f), via shared/rfc/. Its basic-code column is normalised here
# on its own, so a wrong row in data/enhanced.txt fails.
import csv
import json
import re
import sys

rows = list(csv.reader(open(sys.argv[1], newline="")))[1:]
got = {x["code"]: x for x in json.load(sys.stdin) if x.get("kind") == "enhanced"}
n = 0


def ok(cond, desc):
    global n
    n += 1
    print("%sok %d - %s" % ("" if cond else "not ", n, desc))


def basic(column):
    column = column.strip()
    if column in ("Any",):
        return ["any"]
    if column in ("Not given", "", "."):
        return []
    out = []
    for tok in re.findall(r"[2-5][0-9][0-9]|[2-5]XX", column):
        if tok not in out:
            out.append(tok)
    return out


ok(len(got) == len(rows), "as many entries as the registry (%d)" % len(rows))
for code, sample, assoc, desc, ref, _sub, _cc in rows:
    x = got.get(code)
    if x is None:
        ok(False, "%s is in smtpcode" % code)
        continue
    want_text = " ".join(sample.split()) or "Deprecated: a duplicate of X.6.8"
    ok(x["text"] == want_text, "%s: sample text %r" % (code, want_text))
    ok(x["basic"] == basic(assoc), "%s: basic codes %s" % (code, basic(assoc)))
    ok(" ".join(x["description"].split()) == " ".join(desc.split()), "%s: description" % code)
    rfcs = re.findall(r"RFC ?(\d+)", ref)
    ok(all(any(("RFC " + r) in s for s in x["sources"]) for r in rfcs) and x["sources"],
       "%s: sources name %s" % (code, ", ".join("RFC " + r for r in rfcs) or "the registry"))
print("1..%d" % n)
