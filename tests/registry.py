# SPDX-License-Identifier: MIT
# registry.py XML - compare the JSON of `smtpcode -j -l` on standard input
# with the IANA SMTP Enhanced Status Codes registry in its XML form, and
# print TAP. tests/iana-smtp-enhanced-status-codes-2024-12-06.xml is the
# registry as IANA published it, last updated 2024-12-06 (a byte copy via
# the larseggert/iana-assignments mirror, commit 51d87d79). Its columns are
# normalised here on their own, so a wrong row in data/enhanced.txt fails.
import json
import re
import sys
import xml.etree.ElementTree as ET

NS = {"r": "http://www.iana.org/assignments"}
X = "{http://www.iana.org/assignments}"


def render(el):
    """An element's text, an <xref type="rfc" data="rfc6376"/> as [RFC6376]."""
    out = el.text or ""
    for child in el:
        if child.tag == X + "xref" and child.get("type") == "rfc":
            out += "[" + child.get("data", "").upper() + "]"
        else:
            out += render(child)
        out += child.tail or ""
    return out


root = ET.parse(sys.argv[1]).getroot()
enumerated = [r for r in root.iter(X + "registry")
              if r.get("id") == "smtp-enhanced-status-codes-3"][0]
rows = []
for rec in enumerated.iter(X + "record"):
    def text(tag):
        el = rec.find("r:" + tag, NS)
        return "" if el is None else render(el)
    refs = rec.find("r:reference", NS)
    ref = ""
    if refs is not None:
        ref = " ".join([x.get("data", "") for x in refs.iter("{http://www.iana.org/assignments}xref")] +
                       ["".join(refs.itertext())])
    rows.append((text("code"), text("sample"), text("basic_code"), text("description"), ref))
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


ok(len(rows) == 81, "the registry file holds 81 codes")
ok(len(got) == len(rows), "as many entries as the registry (%d)" % len(rows))
for code, sample, assoc, desc, ref in rows:
    x = got.get(code)
    if x is None:
        ok(False, "%s is in smtpcode" % code)
        continue
    want_text = " ".join(sample.split())
    ok(x["text"] == want_text, "%s: sample text %r" % (code, want_text))
    ok(x["basic"] == basic(assoc), "%s: basic codes %s" % (code, basic(assoc)))
    ok(" ".join(x["description"].split()) == " ".join(desc.split()), "%s: description" % code)
    rfcs = sorted(set(re.findall(r"rfc ?(\d+)", ref, re.I)))
    drafts = sorted(set(re.findall(r"draft-[a-z0-9-]+", ref)))
    ok(x["sources"] and all(any(("RFC " + r) in s for s in x["sources"]) for r in rfcs)
       and all(any(d in s for s in x["sources"]) for d in drafts),
       "%s: sources name %s" % (code, ", ".join(["RFC " + r for r in rfcs] + drafts) or "the registry"))
print("1..%d" % n)
