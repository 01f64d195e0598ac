# SPDX-License-Identifier: MIT
# json-check.py EXPR - parse standard input as exactly one JSON document and
# exit 0 when the Python expression EXPR, with the document as `d`, is true.
import json
import sys

text = sys.stdin.read()
try:
    d = json.loads(text)
except ValueError as e:
    print("# not one JSON document: %s" % e)
    print("# %r" % text[:200])
    sys.exit(1)
if not eval(sys.argv[1], {"d": d}):
    print("# false: %s" % sys.argv[1])
    print("# %s" % json.dumps(d)[:400])
    sys.exit(1)
