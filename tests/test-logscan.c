/* SPDX-License-Identifier: MIT */
/*
 * test-logscan.c - the marker scan of the log reader, on every path this
 * build and CPU have (bytes, AVX2), against a plain search for each
 * marker's text. Built from src/logscan.c and the generated tables
 * directly (the scan is not exported). Every marker is put at every offset
 * from 0 to 70, followed by 0 to 40 bytes, so that it lies across the
 * 32-byte blocks and their last, overlapping block, and ends the line;
 * then random lines made of pieces of markers, spaces and other bytes.
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
		snprintf(why, size, "found %#llx, want %#llx, in \"%.*s\"", (unsigned long long)got,
		         (unsigned long long)want, (int)len, line);
	free(s);
	return same;
}

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

	plan(npaths * (SC_NMARKERS + 2));
	for (size_t k = 0; k < npaths; k++) {
		const char *name = paths[k].name;
		int have = smtpcode_log_scan_available(name) == 1;

		for (int m = 0; m < SC_NMARKERS; m++) {
			const struct sc_marker *mk = &sc_markers[m];
			int good = 1;
			if (!have) {
				ok(1, "# SKIP %s: not in this build or on this CPU", name);
				continue;
			}
			why[0] = '\0';
			for (size_t off = 0; good && off <= 70; off++)
				for (size_t tail = 0; good && tail <= 40; tail++) {
					size_t len = off + mk->len + tail;
					memset(line, 'x', off);
					memcpy(line + off, mk->text, mk->len);
					memset(line + off + mk->len, 'y', tail);
					good = agrees(paths[k].path, line, len, why, sizeof why);
				}
			ok(good, "%s: \"%s\" at every offset 0-70, then 0-40 bytes to the line's end", name,
			   mk->text);
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
			for (; good && n < 100000; n++) {
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
