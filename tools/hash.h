/* SPDX-License-Identifier: MIT */
/* hash.h - the one hash of check's tables of names and memos (counts.c,
 * judge.c): FNV-1a's multiplier, eight bytes a step. */
#ifndef SMTPCODE_HASH_H
#define SMTPCODE_HASH_H

#include <stddef.h>
#include <string.h>

#define HASH_BASIS 0xcbf29ce484222325ull /* FNV-1a's offset basis */

/* FNV-1a over s[0..n), from h. */
static inline unsigned long long hash_bytes(unsigned long long h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	return h;
}

/* s[0..n) into h eight bytes a step, with n; the bytes past the last
 * whole word as the last eight bytes (a word that overlaps the one
 * before), or one by one when there are fewer than eight in all (a chain
 * of a multiplication for each byte was most of the time of a reason's
 * memo key, judge.c). */
static inline unsigned long long hash_words(unsigned long long h, const char *s, size_t n)
{
	size_t i = 0;
	unsigned long long w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x100000001b3ull;
		h ^= h >> 29;
	}
	if (i == n || n < 8)
		return hash_bytes(h ^ n, s + i, n - i);
	memcpy(&w, s + n - 8, 8);
	h = (h ^ n ^ w) * 0x100000001b3ull;
	return h ^ h >> 29;
}

#endif
