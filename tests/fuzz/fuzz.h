/* SPDX-License-Identifier: MIT */
/* fuzz.h - what the fuzz targets share: the libFuzzer entry point, an
 * assertion that survives NDEBUG, and a read of every byte a result points
 * at, so that AddressSanitizer sees a pointer that runs past its buffer. */
#ifndef SMTPCODE_FUZZ_H
#define SMTPCODE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(cond)                                                       \
	do {                                                                    \
		if (!(cond)) {                                                  \
			fprintf(stderr, "%s:%d: assertion failed: %s\n", __FILE__, \
			        __LINE__, #cond);                               \
			abort();                                                \
		}                                                               \
	} while (0)

static inline void fuzz_touch(const char *p, size_t n)
{
	volatile unsigned char sink = 0;

	for (size_t i = 0; i < n; i++)
		sink ^= (unsigned char)p[i];
	(void)sink;
}

/* A string from the library must end within reach. */
static inline void fuzz_touch_str(const char *s)
{
	if (s)
		while (*s)
			fuzz_touch(s++, 1);
}

/* The length of the line at s[at..size), without its newline. */
static inline size_t fuzz_line_len(const char *s, size_t size, size_t at)
{
	const char *nl = memchr(s + at, '\n', size - at);

	return nl ? (size_t)(nl - (s + at)) : size - at;
}

/* Whether p[0..n) lies inside base[0..size). */
static inline int fuzz_inside(const char *p, size_t n, const char *base, size_t size)
{
	uintptr_t a = (uintptr_t)p, b = (uintptr_t)base;

	return base != NULL && a >= b && a - b <= size && n <= size - (a - b);
}

#endif
