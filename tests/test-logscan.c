/* SPDX-License-Identifier: MIT */
/*
 * test-logscan.c - the marker scan of the log reader, on every path this
 * build and CPU have (bytes, AVX2), against a plain search for each
 * marker's text. Built from src/logscan.c and the generated tables
 * directly (the scan is not exported). Every marker is put at every offset
 * from 0 to 70, followed by 0 to 40 bytes, so that it lies across the
 * 32-byte blocks and their last, overlapping block, and ends the line;
 * then random lines made of pieces of markers, spaces and other bytes.
 * Built twice: as the library is, and as test-logscan-wide, with the set
 * of markers an unsigned __int128 (-DSC_MARKSET_WIDE), as it is past 64
 * markers (src/log.h), fewer lines, and each of the 128 bits of a
 * set found by sc_markset_lowest().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "scanref.h"
#include "tap.h"

static const struct {
	enum sc_scan_path path;
	const char *name;
} paths[] = {
	{ SC_SCAN_BYTE, "byte" }, { SC_SCAN_AVX2, "avx2" },
};

/* The markers of v past the first 64. */
static unsigned long long high(sc_markset v)
{
#if SC_MARKSET_BITS > 64
	return (unsigned long long)(v >> 64);
#else
	(void)v;
	return 0;
#endif
}

/* Whether the path finds what a plain search does in s[0..len); the line
 * is copied to a buffer of its own length, so that a read past its end is
 * a read past the buffer (ASan, valgrind). */
static int agrees(enum sc_scan_path path, const char *line, size_t len, char *why, size_t size)
{
	char *s = malloc(len ? len : 1);
	sc_markset got, want;
	int same;

	if (s == NULL)
		bail("out of memory");
	memcpy(s, line, len);
	same = scanref_agrees(path, s, len, &got, &want);
	if (!same)
		snprintf(why, size, "found %#llx:%#llx, want %#llx:%#llx, in \"%.*s\"",
		         high(got), (unsigned long long)got, high(want), (unsigned long long)want,
		         (int)len, line);
	free(s);
	return same;
}

/* (test-logscan-wide takes fewer) */
#ifndef RANDOM_LINES
#define RANDOM_LINES 100000
#endif
#ifndef MAX_OFFSET
#define MAX_OFFSET 70
#endif
#ifndef MAX_TAIL
#define MAX_TAIL 40
#endif

/* A small PRNG, fixed seed: the same lines every run. */
static unsigned long long rng = 0x9e3779b97f4a7c15ULL;
static unsigned next_rand(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

int main(void)
{
	char line[256], why[512];
	size_t npaths = sizeof paths / sizeof paths[0];

	plan(npaths * (SC_NMARKERS + 2) + (SC_MARKSET_BITS > 64));
#if SC_MARKSET_BITS > 64
	{
		/* the wide set's words: its lowest marker, in either word, and
		 * the set less it */
		int good = 1;
		for (int m = 0; good && m < SC_MARKSET_BITS; m++) {
			sc_markset v = SC_MARK(m) | (m + 1 < SC_MARKSET_BITS ? SC_MARK(m + 1) : 0);
			good = sc_markset_lowest(v) == m && (v & (v - 1)) == (v & ~SC_MARK(m));
			if (!good)
				diag("sc_markset_lowest(SC_MARK(%d) | SC_MARK(%d)) = %d", m, m + 1,
				     sc_markset_lowest(v));
		}
		ok(good, "a wide set: sc_markset_lowest() of each of its %d bits", SC_MARKSET_BITS);
	}
#endif
	for (size_t k = 0; k < npaths; k++) {
		const char *name = paths[k].name;
		int have = sc_scan_available(name) == 1;

		for (int m = 0; m < SC_NMARKERS; m++) {
			const struct sc_marker *mk = &sc_markers[m];
			int good = 1;
			if (!have) {
				ok(1, "# SKIP %s: not in this build or on this CPU", name);
				continue;
			}
			why[0] = '\0';
			for (size_t off = 0; good && off <= MAX_OFFSET; off++)
				for (size_t tail = 0; good && tail <= MAX_TAIL; tail++) {
					size_t len = off + mk->len + tail;
					memset(line, 'x', off);
					memcpy(line + off, mk->text, mk->len);
					memset(line + off + mk->len, 'y', tail);
					good = agrees(paths[k].path, line, len, why, sizeof why);
				}
			ok(good, "%s: \"%s\" at every offset 0-%d, then 0-%d bytes to the line's end", name,
			   mk->text, MAX_OFFSET, MAX_TAIL);
			if (!good)
				diag("%s", why);
		}
		if (!have) {
			ok(1, "# SKIP %s: not in this build or on this CPU", name);
			ok(1, "# SKIP %s: not in this build or on this CPU", name);
			continue;
		}
		{
			/* Lines too short for any marker, and exactly long enough. */
			int good = 1;
			for (size_t len = 0; good && len < SC_MARKER_MIN + 40; len++) {
				memset(line, ' ', len);
				good = agrees(paths[k].path, line, len, why, sizeof why);
			}
			ok(good, "%s: lines of spaces of 0 to %d bytes", name, SC_MARKER_MIN + 39);
			if (!good)
				diag("%s", why);
		}
		{
			/* Random lines of marker pieces: prefixes of markers (near
			 * misses), whole markers, spaces and other bytes. */
			int good = 1;
			unsigned long n = 0;
			rng = 0x9e3779b97f4a7c15ULL;
			for (; good && n < RANDOM_LINES; n++) {
				size_t len = 0, want = next_rand(200);
				while (len < want) {
					const struct sc_marker *mk = &sc_markers[next_rand(SC_NMARKERS)];
					size_t piece;
					switch (next_rand(4)) {
					case 0:
						piece = 1 + next_rand(mk->len);
						if (piece > sizeof line - len)
							piece = sizeof line - len;
						memcpy(line + len, mk->text, piece);
						break;
					case 1:
						line[len] = ' ';
						piece = 1;
						break;
					default:
						line[len] = "abcdefghijklmnopqrstuvwxyz:=,(;LMT"[next_rand(34)];
						piece = 1;
						break;
					}
					len += piece;
					if (len >= sizeof line)
						break;
				}
				good = agrees(paths[k].path, line, len, why, sizeof why);
			}
			ok(good, "%s: %lu random lines of marker pieces agree with a plain search", name, n);
			if (!good)
				diag("%s", why);
		}
	}
	return 0;
}
