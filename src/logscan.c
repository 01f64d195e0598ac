/* SPDX-License-Identifier: MIT */
/* logscan.c - find the markers of data/logformats.txt in a log line: the
 * prefilter that turns most bytes of a log away. Every marker has a space
 * (its anchor) with three bytes after it; a space is checked further only
 * when those bytes are a marker's, and then only against the markers whose
 * bytes they are. The byte sets and tables are generated from the markers
 * (gen-ids.h, gen-logformats.c). Two paths, which must find the same:
 * bytes one at a time, and AVX2 (32 at a time). (An SSE2 path, 16 at a
 * time, was taken out: on the 20 MB bench log it was no faster than the
 * bytes, 1-2% slower; AVX2 takes 40% less time than either.)
 *
 * Layer: the log reader's scan, a leaf. Calls only gen-logformats.c (the
 * markers and their byte tables) and libc: test-logscan and the logscan
 * fuzz target are built from this file and the tables alone. */
#include "log.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef SC_AVX2
#include <immintrin.h>
#endif

static uint32_t load32(const char *p)
{
	uint32_t w;

	memcpy(&w, p, sizeof w);
	return w;
}

static uint64_t load64(const char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof w);
	return w;
}

/* Whether a[0..n) and b[0..n) are the same: words of eight bytes (or
 * four), the last overlapping the one before; cheaper than a call to
 * memcmp for a marker's few bytes. Under four (a marker of two bytes after
 * its space), byte by byte. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int same_bytes(const char *a, const char *b, size_t n)
{
	size_t i = 0;

	if (n < 4) {
		for (; i < n; i++)
			if (a[i] != b[i])
				return 0;
		return 1;
	}
	if (n < 8)
		return load32(a + n - 4) == load32(b + n - 4) && load32(a) == load32(b);
	/* the last word first: markers that share their first bytes (" status=sent (",
	 * " status=deferred (") differ there */
	if (load64(a + n - 8) != load64(b + n - 8))
		return 0;
	for (; i + 8 < n; i += 8)
		if (load64(a + i) != load64(b + i))
			return 0;
	return 1;
}

/* Whether marker m stands with its anchor at p (a space), in s[0..end). */
static int marker_at(const char *s, const char *p, const char *end, int m)
{
	const struct sc_marker *mk = &sc_markers[m];

	return (size_t)(end - p) >= mk->tail_len && same_bytes(p, mk->tail, mk->tail_len) &&
	       (mk->anchor == 0 || ((size_t)(p - s) >= mk->anchor &&
	                            same_bytes(p - mk->anchor, mk->text, mk->anchor)));
}

/* The markers not yet found that the three bytes after the space at p
 * allow, and the byte before it; p <= end - SC_MARKER_MIN. */
static sc_markset candidates(const char *s, const char *p, sc_markset found)
{
	return sc_marker_next[(unsigned char)p[1]] & sc_marker_third[(unsigned char)p[2]] &
	       sc_marker_fourth[(unsigned char)p[3]] &
	       (p > s ? sc_marker_before[(unsigned char)p[-1]] : sc_marker_at_start) & ~found;
}

/* Checks the space at p against the candidate markers cand. */
static void try_markers(const char *s, const char *p, const char *end, sc_markset cand,
                        const char *at[SC_NMARKERS], sc_markset *found)
{
	for (; cand; cand &= cand - 1) {
		int m = sc_markset_lowest(cand);
		if (marker_at(s, p, end, m)) {
			at[m] = p - sc_markers[m].anchor;
			*found |= SC_MARK(m);
		}
	}
}

/* One byte at a time: the reference the AVX2 path must agree with, and
 * the path for short lines. */
static sc_markset scan_bytes(const char *s, const char *p, const char *end,
                             const char *at[SC_NMARKERS], sc_markset found)
{
	for (; end - p >= SC_MARKER_MIN; p++) {
		sc_markset cand;
		if (*p == ' ' && (cand = candidates(s, p, found)) != 0)
			try_markers(s, p, end, cand, at, &found);
	}
	return found;
}

#ifdef SC_AVX2
/* Checks the spaces at p + i for each bit i of `bits`. Inlined into the
 * scan: a call for each block with a candidate cost more than the check. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void take_bits(const char *s, const char *p, const char *end, unsigned bits,
                             const char *at[SC_NMARKERS], sc_markset *found)
{
	for (; bits; bits &= bits - 1) {
		const char *sp = p + sc_lowest_bit(bits);
		sc_markset cand = candidates(s, sp, *found);
		if (cand)
			try_markers(s, sp, end, cand, at, found);
	}
}

/* A block tests the spaces at p[0..32) and reads p[0..34). */
#define AVX2_SPAN (31 + SC_MARKER_MIN)

/* For each of 32 bytes, the groups whose byte set has it: a bit each, from
 * lo[x & 15] & hi[x >> 4]. */
__attribute__((target("avx2"), always_inline)) static inline __m256i groups(__m256i x, __m256i lo,
                                                                            __m256i hi)
{
	const __m256i nibble = _mm256_set1_epi8(0x0f);
	__m256i l = _mm256_shuffle_epi8(lo, _mm256_and_si256(x, nibble));
	__m256i h = _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(x, 4), nibble));
	return _mm256_and_si256(l, h);
}

/* The spaces of p[0..32) that the first two bytes after some marker's
 * anchor follow (for one of the generator's groups of markers), as bits. */
__attribute__((target("avx2"), always_inline)) static inline unsigned block_avx2(const char *p)
{
	const __m256i next_lo = _mm256_setr_epi8(SC_SCAN_NEXT_LO, SC_SCAN_NEXT_LO);
	const __m256i next_hi = _mm256_setr_epi8(SC_SCAN_NEXT_HI, SC_SCAN_NEXT_HI);
	const __m256i third_lo = _mm256_setr_epi8(SC_SCAN_THIRD_LO, SC_SCAN_THIRD_LO);
	const __m256i third_hi = _mm256_setr_epi8(SC_SCAN_THIRD_HI, SC_SCAN_THIRD_HI);
	__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)p);
	__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(p + 1));
	__m256i c = _mm256_loadu_si256((const __m256i *)(const void *)(p + 2));
	__m256i both = _mm256_and_si256(groups(b, next_lo, next_hi), groups(c, third_lo, third_hi));
	__m256i hit = _mm256_andnot_si256(_mm256_cmpeq_epi8(both, _mm256_setzero_si256()),
	                                  _mm256_cmpeq_epi8(a, _mm256_set1_epi8(' ')));
	return (unsigned)_mm256_movemask_epi8(hit);
}

/* 32 spaces at a time; the last block is moved back to end at
 * end - AVX2_SPAN, its first bytes (tested already) masked off. */
__attribute__((target("avx2"))) static sc_markset scan_avx2(const char *s, size_t len,
                                                            const char *at[SC_NMARKERS])
{
	const char *end = s + len, *p = s, *last = end - AVX2_SPAN;
	sc_markset found = 0;
	unsigned bits;

	for (; p <= last; p += 32)
		if ((bits = block_avx2(p)) != 0)
			take_bits(s, p, end, bits, at, &found);
	if (end - p >= SC_MARKER_MIN) {
		/* 1 <= p - last <= 31 */
		bits = block_avx2(last) & (~0u << (unsigned)(p - last));
		if (bits)
			take_bits(s, last, end, bits, at, &found);
	}
	return found;
}
#endif

static int have_avx2(void)
{
#ifdef SC_AVX2
	return __builtin_cpu_supports("avx2") != 0;
#else
	return 0;
#endif
}

/* The path of a name, -1 for an unknown one. */
static int path_of(const char *name)
{
	static const struct {
		const char *name;
		enum sc_scan_path path;
	} names[] = { { "auto", SC_SCAN_AUTO }, { "byte", SC_SCAN_BYTE }, { "avx2", SC_SCAN_AVX2 } };

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i].name) == 0)
			return (int)names[i].path;
	return -1;
}

static int available(enum sc_scan_path p)
{
	switch (p) {
	case SC_SCAN_AUTO:
	case SC_SCAN_BYTE:
		return 1;
	case SC_SCAN_AVX2:
		return have_avx2();
	}
	return 0;
}

int sc_scan_available(const char *name)
{
	int p = name ? path_of(name) : -1;

	return p < 0 ? -1 : available((enum sc_scan_path)p);
}

int sc_scan_choose(enum sc_scan_path *path)
{
	const char *env = getenv("SMTPCODE_SCAN");
	int p = env ? path_of(env) : SC_SCAN_AUTO;

	if (p < 0)
		return EINVAL;
	if (!available((enum sc_scan_path)p))
		return ENOTSUP;
	if (p != SC_SCAN_AUTO) {
		*path = (enum sc_scan_path)p;
		return 0;
	}
#ifdef SC_AVX2
	if (have_avx2()) {
		*path = SC_SCAN_AVX2;
		return 0;
	}
#endif
	*path = SC_SCAN_BYTE;
	return 0;
}

sc_markset sc_scan(enum sc_scan_path path, const char *s, size_t len,
                   const char *at[SC_NMARKERS])
{
	if (len < SC_MARKER_MIN)
		return 0;
#ifdef SC_AVX2
	if (path == SC_SCAN_AVX2 && len >= AVX2_SPAN)
		return scan_avx2(s, len, at);
#else
	(void)path;
#endif
	/* (the bytes also take the lines too short for AVX2's block) */
	return scan_bytes(s, s, s + len, at, 0);
}
