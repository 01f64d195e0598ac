#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A reference reading of data/reasonrules.txt and data/providers.txt, run
over tests/reasons.txt: the order and matching that the files' headers
state, in a few lines, so that the C implementation has something to agree
with. Not part of the build.

  python3 tests/reasons-ref.py [-v] [--each] [srcdir]

--each prints instead one line per reply: its line in tests/reasons.txt,
the reason expected and the reason given (tests/reasons.test holds the C
library to it, reply by reply).

Prints, per reason, how many replies get their expected reason, and the
totals: right, wrong (another reason), undefined (expected a reason, got
undefined). Exit status 0 always: it measures, it does not judge.
"""
import re
import sys


def fields(line):
    return [f.strip() for f in line.rstrip("\n").split("|")]


def quoted(s):
    return [q.lower() for q in re.findall(r'"((?:[^"\\]|\\.)*)"', s)]


def load(srcdir):
    rules = {"phrase": [], "status": [], "reply": []}
    for line in open(f"{srcdir}/data/reasonrules.txt", encoding="utf-8"):
        if line.startswith("#") or "|" not in line:
            continue
        f = fields(line)
        rules[f[0]].append(f)
    provs = []
    for line in open(f"{srcdir}/data/providers.txt", encoding="utf-8"):
        if line.startswith("provider |"):
            provs.append(fields(line))
    return rules, provs


LINE = re.compile(r"^(\d{3})(?:[ -](.*))?$")
ENH = re.compile(r"^([245])\.(\d{1,3})\.(\d{1,3})\b\s*")
# An address: '<' to the next '>', over lines too; read as "<>" (a '<' with
# no '>' after it is no address).
ADDRESS = re.compile(r"<[^>]*>")


def parse_reply(reply):
    """reply as the test file writes it: lines joined by the two characters
    \\n. Returns code, enhanced code (or None), text."""
    code, enh, texts = None, None, []
    reply = ADDRESS.sub("<>", reply)
    for ln in reply.split("\\n"):
        m = LINE.match(ln.strip())
        if not m:
            texts.append(ln.strip())
            continue
        code = code or m.group(1)
        rest = m.group(2) or ""
        e = ENH.match(rest)
        if e:
            enh = enh or f"{e.group(1)}.{e.group(2)}.{e.group(3)}"
            rest = rest[e.end():]
        texts.append(rest.strip())
    text = " ".join(t for t in texts if t)
    text = re.sub(r"\s+", " ", text)
    return code, enh, text


def cmd_ok(spec, cmd):
    if spec == "*":
        return True
    return cmd in spec.split(",")


def status_ok(pat, enh):
    if enh is None or pat == "-":
        return pat == "-"
    if pat[0] == "X":
        return pat[1:] == enh[1:]
    return pat == enh


def host_ok(patterns, host):
    for p in patterns.split():
        if p.startswith("*."):
            if host.endswith(p[1:]):
                return True
        elif host == p:
            return True
    return False


def code_ok(spec, code):
    if spec == "-":
        return True
    if spec.endswith("XX"):
        return code[0] == spec[0]
    return spec == code


def reason(rules, provs, reply, cmd, host):
    code, enh, text = parse_reply(reply)
    low = text.lower()
    # 1. providers
    for p in provs:
        _, name, hosts, pcode, pstat, phr, meaning, rsn = p[:8]
        phrases = quoted(phr)
        only = hosts.startswith("only ")
        if only:
            hosts = hosts[5:]
        if hosts != "-":
            if host != "-":
                if not host_ok(hosts, host):
                    continue
            elif not phrases or only:
                continue
        if not code_ok(pcode, code):
            continue
        if pstat != "-" and not status_ok(pstat, enh):
            continue
        if not all(q in low for q in phrases):
            continue
        return rsn, "provider " + name
    def phrases(tier):
        for f in rules["phrase"]:
            _, t, cmds, cls, tr, rsn = f[:6]
            if tr != tier or not cmd_ok(cmds, cmd):
                continue
            if cls != "*" and code[0] != cls:
                continue
            if quoted(t)[0] in low:
                return rsn, "phrase " + t
        return None
    def statuses(tier):
        if enh is None:
            return None
        rows = [f for f in rules["status"] if f[3] == tier]
        # a class-specific row comes first
        for want_x in (False, True):
            for f in rows:
                pat = f[1]
                if (pat[0] == "X") != want_x:
                    continue
                if status_ok(pat, enh) and cmd_ok(f[2], cmd):
                    return f[4], "status " + pat
        return None
    for step in (lambda: phrases("strong"), lambda: statuses("strong"),
                 lambda: phrases("weak"), lambda: statuses("weak")):
        r = step()
        if r:
            return r
    for f in rules["reply"]:
        if f[1] == code and cmd_ok(f[2], cmd):
            return f[3], "reply " + code
    return "undefined", "none"


def main():
    verbose = "-v" in sys.argv
    each = "--each" in sys.argv
    args = [a for a in sys.argv[1:] if a not in ("-v", "--each")]
    srcdir = args[0] if args else "."
    rules, provs = load(srcdir)
    tally = {}
    right = wrong = undef = total = 0
    for lineno, line in enumerate(open(f"{srcdir}/tests/reasons.txt", encoding="utf-8"), 1):
        if line.startswith("#") or "|" not in line:
            continue
        f = fields(line)
        reply, cmd, host, expect = f[0], f[1], f[2], f[3]
        got, why = reason(rules, provs, reply, cmd, host)
        if each:
            print(lineno, expect, got)
        total += 1
        t = tally.setdefault(expect, [0, 0])
        t[1] += 1
        if got == expect:
            right += 1
            t[0] += 1
        elif got == "undefined":
            undef += 1
        else:
            wrong += 1
        if verbose and got != expect:
            print(f"MISS expect={expect} got={got} ({why}): {reply[:100]} [{cmd}]")
    if each:
        return
    for k in sorted(tally):
        print(f"{k:16} {tally[k][0]:3}/{tally[k][1]:3}")
    print(f"total {total}: right {right} ({100.0 * right / total:.1f}%), "
          f"wrong {wrong} ({100.0 * wrong / total:.1f}%), "
          f"undefined instead {undef} ({100.0 * undef / total:.1f}%)")


if __name__ == "__main__":
    main()
