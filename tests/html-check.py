#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""html-check.py - that a page check --html wrote stands alone and is well
formed, for tests/html.test. Reads FILE and prints one line per finding:

  html-check.py FILE

  ok                      nothing wrong
  error: WHAT             a tag not closed or closed out of order, a
                          reference to anything outside the page (a
                          script, a style sheet, an image, a font, a URL
                          in a src, href, srcset or CSS url()), bytes that
                          are not UTF-8
and then, for the test to compare:
  title TEXT
  sections ID...          the <section> ids in order
  svg N rects M           the inline charts and their bars
  figure NAME N           the header's figures (lines read ...)
  row SECTION NAME N      each row of a count table
  records N               the problem records' rows
  seg HOUR REASON N H     a segment of an hour's problems: its reason,
                          its count (data-n) and its height
Exit status 1 when there was an error."""
import html.parser
import re
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
FETCHING = {"script", "link", "img", "iframe", "object", "embed", "audio", "video",
            "source", "image", "use", "frame", "base"}
SVG_SELF = {"rect", "path", "circle", "line", "polyline", "polygon", "ellipse"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors = [], []
        self.title, self.sections, self.svgs, self.rects = "", [], 0, 0
        self.figures, self.rows, self.records = [], [], 0
        self.segs = []
        self.text_of = None
        self.cells, self.section = None, None

    def handle_starttag(self, tag, attrs):
        self.check_attrs(tag, attrs)
        if tag in FETCHING:
            self.errors.append(f"<{tag}> fetches or runs something")
        if tag in VOID:
            return
        self.stack.append(tag)
        a = dict(attrs)
        if tag == "section":
            self.section = a.get("id")
            self.sections.append(self.section or "?")
        elif tag == "svg":
            self.svgs += 1
        elif tag == "title":
            self.text_of = "title"
        elif tag == "tr":
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append("")

    def handle_startendtag(self, tag, attrs):
        self.check_attrs(tag, attrs)
        if tag in FETCHING:
            self.errors.append(f"<{tag}> fetches or runs something")
        if tag == "rect":
            self.rects += 1
            a = dict(attrs)
            if a.get("class") == "seg":
                self.segs.append((a.get("data-hour"), a.get("data-reason"), a.get("data-n"),
                                  a.get("height")))
        elif tag not in VOID and tag not in SVG_SELF:
            self.errors.append(f"<{tag}/> is not a void element")

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append(f"</{tag}> closes a void element")
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "title":
            self.text_of = None
        elif tag == "tr" and self.cells is not None:
            cells = [c.strip() for c in self.cells]
            if self.section == "records" and cells and cells[0] != "where":
                self.records += 1
            elif len(cells) >= 2 and re.fullmatch(r"\d+", cells[1]):
                self.rows.append((self.section, cells[0], cells[1]))
            self.cells = None
        elif tag == "section":
            self.section = None

    def handle_data(self, data):
        if self.text_of == "title":
            self.title += data
        if self.cells is not None and self.cells:
            self.cells[-1] += data

    def check_attrs(self, tag, attrs):
        for name, value in attrs:
            v = (value or "").strip().lower()
            if name in ("src", "srcset", "href", "xlink:href", "action", "poster", "data"):
                if not v.startswith("#"):
                    self.errors.append(f"<{tag} {name}=\"{value}\"> refers outside the page")
            if name.startswith("on"):
                self.errors.append(f"<{tag} {name}> is a script")
            if "url(" in v:
                self.errors.append(f"<{tag} {name}> has a CSS url()")


def main():
    raw = open(sys.argv[1], "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print(f"error: not UTF-8 at byte {e.start}")
        sys.exit(1)
    p = Page()
    p.feed(text)
    p.close()
    if p.stack:
        p.errors.append("not closed: " + " ".join(f"<{t}>" for t in p.stack))
    for m in re.finditer(r"<style>(.*?)</style>", text, re.S):
        if "url(" in m.group(1) or "@import" in m.group(1) or "@font-face" in m.group(1):
            p.errors.append("the style sheet refers outside the page")
    if not text.startswith("<!DOCTYPE html>"):
        p.errors.append("no <!DOCTYPE html> first")
    for e in p.errors:
        print(f"error: {e}")
    if not p.errors:
        print("ok")
    print(f"title {p.title}")
    print("sections " + " ".join(p.sections))
    print(f"svg {p.svgs} rects {p.rects}")
    for m in re.finditer(r"<div(?: class=\"bad\")?>([a-z ]+)<b>(\d+)</b></div>", text):
        print(f"figure {m.group(1)} {m.group(2)}")
    for section, name, n in p.rows:
        print(f"row {section} {name} {n}")
    print(f"records {p.records}")
    for hour, reason, n, height in p.segs:
        print(f"seg {hour} {reason} {n} {height}")
    sys.exit(1 if p.errors else 0)


main()
