/* SPDX-License-Identifier: MIT */
/* out.c - the buffer in front of a stdio stream (out.h).
 * Layer: the bottom, a leaf; calls the C library only. */
#include "out.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

struct out *out_stdout;

void out_init(struct out *o, FILE *f, char *buf, size_t size)
{
	o->buf = o->p = buf;
	o->end = buf + size;
	o->f = f;
	o->failed = 0;
}

int out_flush(struct out *o)
{
	size_t n = (size_t)(o->p - o->buf);

	o->p = o->buf; /* the room is the whole buffer again */
	if (n > 0 && fwrite(o->buf, 1, n, o->f) != n)
		o->failed = 1;
	return o->failed ? -1 : 0;
}

void out_sync(void)
{
	if (out_stdout != NULL)
		out_flush(out_stdout);
}

void out_put_slow(struct out *o, const char *s, size_t n)
{
	out_flush(o);
	if (n > (size_t)(o->end - o->p)) { /* more than the buffer holds */
		if (fwrite(s, 1, n, o->f) != n)
			o->failed = 1;
		return;
	}
	memcpy(o->p, s, n);
	o->p += n;
}

size_t put_ulong(char *out, unsigned long v)
{
	char tmp[3 * sizeof v];
	size_t n = 0, k = 0;

	do
		tmp[k++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (k > 0)
		out[n++] = tmp[--k];
	return n;
}

void out_ulong(struct out *o, unsigned long v)
{
	char b[24];

	out_put(o, b, put_ulong(b, v));
}

/* The bytes of a JSON string that stand as they are: printable ASCII but
 * the quote and the backslash. */
static int plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

/* How many bytes of s[0..len) from the first are plain: 16 a step with
 * SSE2 (--all --json on the bench log: a third of the instructions went
 * on a byte at a time). */
static size_t plain_run(const char *s, size_t len)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"');
	const __m128i backslash = _mm_set1_epi8('\\'), del = _mm_set1_epi8(0x7f);

	for (; i + 16 <= len; i += 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* below 0x20 as signed bytes: the controls, and 0x80 and up */
		__m128i odd = _mm_or_si128(_mm_cmpgt_epi8(space, b),
		                           _mm_or_si128(_mm_cmpeq_epi8(b, quote),
		                                        _mm_or_si128(_mm_cmpeq_epi8(b, backslash),
		                                                     _mm_cmpeq_epi8(b, del))));
		unsigned m = (unsigned)_mm_movemask_epi8(odd);
		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	while (i < len && plain((unsigned char)s[i]))
		i++;
	return i;
}

void out_json(struct out *o, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";

	out_char(o, '"');
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		size_t n;
		int good;
		if (plain(c)) { /* a run of them, copied at once */
			size_t run = plain_run(s + i, len - i);
			out_put(o, s + i, run);
			i += run;
			continue;
		}
		n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 :
		    (c & 0xf8) == 0xf0 ? 4 : 0;
		good = n > 0 && i + n <= len && !(n == 2 && c < 0xc2);
		for (size_t k = 1; good && k < n; k++)
			good = ((unsigned char)s[i + k] & 0xc0) == 0x80;
		if (!good) {
			out_put(o, "\\ufffd", 6);
			i++;
			continue;
		}
		if (c == '"' || c == '\\') {
			char e[2] = { '\\', (char)c };
			out_put(o, e, 2);
		} else if (c == '\n') {
			out_put(o, "\\n", 2);
		} else if (c == '\t') {
			out_put(o, "\\t", 2);
		} else if (c < 0x20 || c == 0x7f) {
			char e[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			out_put(o, e, 6);
		} else {
			out_put(o, s + i, n);
		}
		i += n;
	}
	out_char(o, '"');
}

void out_escaped(struct out *o, const char *s, size_t len, int ascii_only)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;

	while (i < len) {
		size_t run = i;
		unsigned char c;
		/* the bytes that print as they are, copied at once */
		while (run < len && (c = (unsigned char)s[run]) >= 0x20 && c != 0x7f &&
		       (!ascii_only || c < 0x80))
			run++;
		if (run > i)
			out_put(o, s + i, run - i);
		if (run < len) {
			c = (unsigned char)s[run++];
			char e[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
			out_put(o, e, 4);
		}
		i = run;
	}
}
