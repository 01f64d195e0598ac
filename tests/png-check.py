#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""png-check.py - what a screenshot shows, for tests/html.test: reads a PNG
(8-bit RGB or RGBA, not interlaced, as Chromium writes its screenshots) with
the standard library only, and prints one line per question:

  png-check.py FILE [COLOUR...]

  size W H
  ink F          the fraction of pixels that are not near white (0..1)
  colour RRGGBB N   for each COLOUR asked: the pixels within a small
                 distance of it, and the rows they span: "rows TOP BOTTOM"

Exit status 2 for a file that is not such a PNG (with a line on stderr)."""
import struct
import sys
import zlib


def fail(msg):
    print(f"png-check.py: {msg}", file=sys.stderr)
    sys.exit(2)


def read_png(path):
    try:
        data = open(path, "rb").read()
    except OSError as e:
        fail(f"{path}: {e.strerror}")
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path}: not a PNG")
    pos, idat, width = 8, [], None
    while pos + 8 <= len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (2, 6) or interlace:
                fail(f"{path}: not an 8-bit RGB(A) PNG without interlace")
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + n
    if width is None:
        fail(f"{path}: no IHDR")
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev, at = [], bytearray(stride), 0
    for _ in range(height):
        f, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
            elif f != 0:
                fail(f"{path}: bad filter {f}")
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main():
    if len(sys.argv) < 2:
        fail("usage: png-check.py FILE [RRGGBB...]")
    w, h, bpp, rows = read_png(sys.argv[1])
    want = []
    for c in sys.argv[2:]:
        try:
            want.append((c, int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)))
        except ValueError:
            fail(f"{c}: not a colour RRGGBB")
    ink = 0
    found = {c: [0, None, None] for c, _, _, _ in want}
    for y, row in enumerate(rows):
        for x in range(0, w * bpp, bpp):
            r, g, b = row[x], row[x + 1], row[x + 2]
            if r < 240 or g < 240 or b < 240:
                ink += 1
            for c, cr, cg, cb in want:
                if abs(r - cr) + abs(g - cg) + abs(b - cb) <= 24:
                    f = found[c]
                    f[0] += 1
                    f[1] = y if f[1] is None else f[1]
                    f[2] = y
    print(f"size {w} {h}")
    print(f"ink {ink / (w * h):.4f}")
    for c, _, _, _ in want:
        n, top, bottom = found[c]
        print(f"colour {c} {n} rows {top if top is not None else -1} {bottom if bottom is not None else -1}")


main()
