/* SPDX-License-Identifier: MIT */
/* test-out.c - the tool's output buffer (tools/out.c) against plain
 * reference writers written here, a byte at a time, from RFC 8259 §7 (a
 * JSON string: the quote, the backslash and the controls U+0000..U+001F
 * escaped) and from the tool's rule for text (control bytes and DEL as
 * \xHH; with ascii_only, bytes from 0x80 too). Every byte value, lengths
 * across the 16-byte steps, valid and broken UTF-8, and buffers from 1 byte
 * up, so that every flush and the write past the buffer are taken. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "tap.h"

/* The length of the UTF-8 sequence at s[0..len), or 0 when it is not one
 * (RFC 3629 §4, but for the surrogates and the 4-byte overlongs, which
 * the tool passes through: it checks the lead and continuation bytes). */
static size_t utf8_len(const unsigned char *s, size_t len)
{
	size_t n = s[0] < 0x80 ? 1 : s[0] >= 0xc2 && s[0] <= 0xdf ? 2 :
	           s[0] >= 0xe0 && s[0] <= 0xef ? 3 : s[0] >= 0xf0 && s[0] <= 0xf7 ? 4 : 0;

	if (n == 0 || n > len)
		return 0;
	for (size_t k = 1; k < n; k++)
		if ((s[k] & 0xc0) != 0x80)
			return 0;
	return n;
}

static size_t ref_json(char *out, const unsigned char *s, size_t len)
{
	size_t n = 0;

	out[n++] = '"';
	for (size_t i = 0; i < len;) {
		size_t k = utf8_len(s + i, len - i);
		if (k == 0) {
			n += (size_t)sprintf(out + n, "\\ufffd");
			i++;
		} else if (k > 1) {
			memcpy(out + n, s + i, k);
			n += k;
			i += k;
		} else {
			unsigned char c = s[i++];
			if (c == '"' || c == '\\')
				n += (size_t)sprintf(out + n, "\\%c", c);
			else if (c == '\n')
				n += (size_t)sprintf(out + n, "\\n");
			else if (c == '\t')
				n += (size_t)sprintf(out + n, "\\t");
			else if (c < 0x20 || c == 0x7f)
				n += (size_t)sprintf(out + n, "\\u%04x", c);
			else
				out[n++] = (char)c;
		}
	}
	out[n++] = '"';
	return n;
}

static size_t ref_escaped(char *out, const unsigned char *s, size_t len, int ascii_only)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] == 0x7f || (ascii_only && s[i] >= 0x80))
			n += (size_t)sprintf(out + n, "\\x%02x", s[i]);
		else
			out[n++] = (char)s[i];
	return n;
}

static unsigned long seed = 20261202;

static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(seed >> 33) % n;
}

/* What one writer gives through a buffer of bufsize bytes. */
enum writer { JSON, TEXT, TEXT_ASCII };

static char *written(enum writer w, const unsigned char *s, size_t len, size_t bufsize, size_t *n)
{
	char *p = NULL, *buf = malloc(bufsize);
	FILE *f = open_memstream(&p, n);
	struct out o;

	if (f == NULL || buf == NULL)
		bail("out of memory");
	out_init(&o, f, buf, bufsize);
	out_str(&o, "<"); /* something already in the buffer */
	if (w == JSON)
		out_json(&o, (const char *)s, len);
	else
		out_escaped(&o, (const char *)s, len, w == TEXT_ASCII);
	out_char(&o, '>');
	if (out_flush(&o) != 0 || fclose(f) != 0)
		bail("write failed");
	free(buf);
	return p;
}

/* Whether each writer gives the reference's bytes for s, through buffers
 * of 1, 2, 7, 64 and 4096 bytes. */
static int agrees(const unsigned char *s, size_t len, const char **which)
{
	static const size_t sizes[] = { 1, 2, 7, 64, 4096 };
	char *want = malloc(6 * len + 8);

	if (want == NULL)
		bail("out of memory");
	for (int w = JSON; w <= TEXT_ASCII; w++) {
		size_t wn = 1;
		want[0] = '<';
		wn += w == JSON ? ref_json(want + 1, s, len) : ref_escaped(want + 1, s, len, w == TEXT_ASCII);
		want[wn++] = '>';
		for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
			size_t n;
			char *got = written((enum writer)w, s, len, sizes[k], &n);
			int same = n == wn && memcmp(got, want, n) == 0;
			free(got);
			if (!same) {
				*which = w == JSON ? "out_json" : w == TEXT ? "out_escaped" : "out_escaped (ASCII)";
				diag("length %zu, buffer %zu", len, sizes[k]);
				free(want);
				return 0;
			}
		}
	}
	free(want);
	return 1;
}

int main(void)
{
	unsigned char s[600];
	const char *which = "";
	int good;

	plan(6);

	/* each byte value alone, and between plain runs that cross 16 */
	good = 1;
	for (int c = 0; c < 256 && good; c++) {
		for (size_t at = 0; at < 40 && good; at += 13) {
			memset(s, 'a', sizeof s);
			s[at] = (unsigned char)c;
			good = agrees(s, at + 20, &which);
		}
	}
	ok(good, "each of the 256 byte values, at offsets across 16-byte steps %s", which);

	/* plain runs of every length from 0 to 70 */
	good = 1;
	for (size_t n = 0; n <= 70 && good; n++) {
		memset(s, 'x', n);
		s[n] = '"';
		good = agrees(s, n + 1, &which);
	}
	ok(good, "plain runs of 0 to 70 bytes before a quote %s", which);

	/* UTF-8: valid sequences of 2, 3 and 4 bytes, cut ones, lone
	 * continuation bytes and the overlong leads 0xc0 0xc1 */
	{
		static const char *const cases[] = {
			"caf\xc3\xa9", "\xe2\x82\xac 5", "\xf0\x9f\x98\x80!", "\xc3", "\xe2\x82",
			"\xf0\x9f\x98", "\x80\x80", "\xc0\xaf", "\xc1\xbf", "\xff\xfe", "a\xc3\xa9\xc3",
			"\xed\xa0\x80", "0123456789abcde\xc3\xa9 after the step",
		};
		good = 1;
		for (size_t i = 0; i < sizeof cases / sizeof cases[0] && good; i++)
			good = agrees((const unsigned char *)cases[i], strlen(cases[i]), &which);
		ok(good, "UTF-8 valid, cut, stray and overlong %s", which);
	}

	/* random bytes, and random mostly plain text */
	good = 1;
	for (int t = 0; t < 3000 && good; t++) {
		size_t n = rnd(sizeof s);
		int mostly = t % 2;
		for (size_t i = 0; i < n; i++)
			s[i] = (unsigned char)(mostly && rnd(10) ? 0x20 + rnd(0x5f) : rnd(256));
		good = agrees(s, n, &which);
	}
	ok(good, "3,000 random strings up to 600 bytes, half of them mostly plain %s", which);

	/* a string longer than the buffer, written past it */
	{
		static unsigned char big[100000];
		for (size_t i = 0; i < sizeof big; i++)
			big[i] = (unsigned char)(i % 97 == 0 ? '\\' : 'a' + i % 26);
		ok(agrees(big, sizeof big, &which), "100,000 bytes through buffers smaller than them %s",
		   which);
	}

	/* numbers */
	{
		char buf[8], *p = NULL;
		size_t n;
		FILE *f = open_memstream(&p, &n);
		struct out o;
		if (f == NULL)
			bail("out of memory");
		out_init(&o, f, buf, sizeof buf);
		out_ulong(&o, 0);
		out_char(&o, ' ');
		out_ulong(&o, 42);
		out_char(&o, ' ');
		out_ulong(&o, 18446744073709551615UL);
		out_flush(&o);
		fclose(f);
		is_string("0 42 18446744073709551615", p, "out_ulong: 0, 42 and the largest");
		free(p);
	}
	return 0;
}
