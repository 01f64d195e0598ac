/* SPDX-License-Identifier: MIT */
/* fuzz-logscan.c - the marker scan's paths (bytes, AVX2: those this
 * build and CPU have) against a plain search for each marker, on every
 * line of the input, each line in a buffer of its own length so that a
 * read past it is one past the buffer. */
#include "fuzz.h"
#include "../scanref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum sc_scan_path paths[] = { SC_SCAN_BYTE, SC_SCAN_AVX2 };
	static const char *const names[] = { "byte", "avx2" };
	const char *s = (const char *)data;
	size_t at = 0;

	while (at < size) {
		size_t len = fuzz_line_len(s, size, at);
		char *line = malloc(len ? len : 1);

		FUZZ_ASSERT(line != NULL);
		memcpy(line, s + at, len);
		for (size_t k = 0; k < sizeof paths / sizeof paths[0]; k++) {
			sc_markset got, want;
			if (sc_scan_available(names[k]) != 1)
				continue;
			FUZZ_ASSERT(scanref_agrees(paths[k], line, len, &got, &want));
		}
		free(line);
		at += len + 1;
	}
	return 0;
}
