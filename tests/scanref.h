/* SPDX-License-Identifier: MIT */
/* scanref.h - what the marker scan (src/logscan.c) must find, by a plain
 * search, and whether a scan path found it: shared by test-logscan and
 * fuzz-logscan. */
#ifndef SMTPCODE_SCANREF_H
#define SMTPCODE_SCANREF_H

#include <string.h>

#include "log.h"

/* Each marker's first occurrence in s[0..len), by memcmp, where the scan
 * can see it: with SC_MARKER_MIN bytes from its anchor to the line's end
 * (a marker shorter than that needs bytes after it). */
static inline sc_markset scanref_find(const char *s, size_t len, const char *at[SC_NMARKERS])
{
	sc_markset found = 0;

	for (int m = 0; m < SC_NMARKERS; m++) {
		size_t n = sc_markers[m].len;
		at[m] = NULL;
		for (size_t i = 0; n <= len && i <= len - n; i++)
			if (memcmp(s + i, sc_markers[m].text, n) == 0 &&
			    len - i - sc_markers[m].anchor >= SC_MARKER_MIN) {
				at[m] = s + i;
				found |= SC_MARK(m);
				break;
			}
	}
	return found;
}

/* Whether scan path `path` finds in s[0..len) what scanref_find() does;
 * *got and *want are the markers each found. */
static inline int scanref_agrees(enum sc_scan_path path, const char *s, size_t len,
                                 sc_markset *got, sc_markset *want)
{
	const char *at_want[SC_NMARKERS], *at_got[SC_NMARKERS];

	*want = scanref_find(s, len, at_want);
	*got = sc_scan(path, s, len, at_got);
	if (*got != *want)
		return 0;
	for (int m = 0; m < SC_NMARKERS; m++)
		if ((*want & SC_MARK(m)) && at_want[m] != at_got[m])
			return 0;
	return 1;
}

#endif
