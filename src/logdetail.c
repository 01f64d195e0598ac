/* SPDX-License-Identifier: MIT */
/* logdetail.c - an event's details, read from its line only when a caller
 * asks (smtpcode_log_details()): the time, the session or queue id, the
 * sender, the recipient where the reader found none, the remote host's
 * name and address. Where a line of each format gives them is the
 * "detail" rows of data/logformats.txt (sc_details); this file knows only
 * the kinds' shapes (what an id, an address, a host name is made of), no
 * format's text.
 *
 * Why not read them with the reply: most lines a log checker reads are
 * never printed (check prints the problems alone), and a search of the
 * line for each kind cost check more than the reply itself (the time
 * alone, read on every reply, cost 9.5% of check's instructions).
 *
 * An SES notification's events take theirs from the notification that
 * logses.c read (sc_log.ses), under the same rules of an address and an
 * id (sc_ip_of, sc_id_is, which logses.c calls).
 *
 * Layer: under logline.c and logses.c; calls logtime.c, sc_find
 * (logtext.c), the generated tables and libc. */
#include "internal.h"
#include "log.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#ifdef SC_AVX2
#include <immintrin.h>
#endif

/* For line_details' helpers: inlined in it (left to gcc, it called
 * host_at and addr_at, which cost check --all --json 0.7M instructions). */
#if defined(__GNUC__)
#define ROW_INLINE __attribute__((always_inline)) inline
#else
#define ROW_INLINE inline
#endif

/* The longest id given: past it, none (a word that long is no id). */
#define ID_MAX 64

/* The bytes' classes (ASCII): an id's (letters, digits, '-', '.'), a hex
 * digit, an IP address's separators ('.', ':'), and those that end a
 * host name ('[', ' ', ',', ';', ':', ')', '"'): one load a byte. */
enum { C_ID = 1, C_HEX = 2, C_IPSEP = 4, C_NAME_END = 8 };
static const unsigned char byte_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	8, 0, 8, 0, 0, 0, 0, 0, 0, 8, 0, 0, 8, 1, 5, 0,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 12, 8, 0, 0, 0, 0,
	0, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 8, 0, 0, 0, 0,
	0, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

static inline int id_byte(unsigned char c)
{
	return byte_class[c] & C_ID;
}

#ifdef __SSE2__
/* The bytes of b that id_byte() takes (letters, digits, '-', '.'), as
 * 0xff. Bytes from 0x80 are negative here: none of them. */
static inline __m128i id_bytes(__m128i b)
{
	const __m128i lower = _mm_or_si128(b, _mm_set1_epi8(0x20));
	__m128i digit = _mm_and_si128(_mm_cmpgt_epi8(b, _mm_set1_epi8('0' - 1)),
	                              _mm_cmpgt_epi8(_mm_set1_epi8('9' + 1), b));
	__m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
	                               _mm_cmpgt_epi8(_mm_set1_epi8('z' + 1), lower));
	__m128i sign = _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('-')),
	                            _mm_cmpeq_epi8(b, _mm_set1_epi8('.')));
	return _mm_or_si128(_mm_or_si128(digit, letter), sign);
}
#endif

/* Whether an id may end at c (the line's end aside). */
static int id_end(unsigned char c)
{
	return c == ' ' || c == '\t' || c == ':' || c == ',' || c == ';' || c == ']' || c == '"';
}

/* An id at v, up to an id_end byte or e: its length, 0 for none. */
static size_t id_after(const char *v, const char *e)
{
	const char *p = v;

	while (p < e && id_byte((unsigned char)*p))
		p++;
	if (p == v || (p < e && !id_end((unsigned char)*p)) || p - v > ID_MAX)
		return 0;
	return (size_t)(p - v);
}

/* The id that ends at e, begun at the line's start s or after a blank:
 * where it begins, NULL for none. */
static ROW_INLINE const char *id_before(const char *s, const char *e)
{
	const char *p = e;

#ifdef __SSE2__
	/* the 16 bytes before e at once: the run of id bytes that ends there
	 * (a byte loop's end, at an id's unforeseeable length, was a
	 * mispredicted branch a line) */
	if (e - s >= 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(e - 16));
		unsigned other = ~(unsigned)_mm_movemask_epi8(id_bytes(b)) & 0xffffu;
		if (other != 0)
			p = e - 16 + (32 - __builtin_clz(other));
		else
			p = e - 16;
	}
#endif
	while (p > s && id_byte((unsigned char)p[-1]))
		p--;
	if (p == e || e - p > ID_MAX || (p > s && p[-1] != ' ' && p[-1] != '\t'))
		return NULL;
	return p;
}

/* The syslog tag's process before `before` in s: "smtpd[27117]" of
 * "postfix/smtpd[27117]: " (after the tag's last '/'), into *v: its
 * length, 0 for none. */
static ROW_INLINE size_t syslog_process(const char *s, const char *before, const char **v)
{
	const char *c, *b, *k;

	/* "smtpd[302]: NOQUEUE": the tag just before, most often */
	if (before - s >= 3 && before[-1] == ' ' && before[-2] == ':' && before[-3] == ']')
		c = before - 3;
	else if ((c = sc_find(s, (size_t)(before - s), "]: ", 3)) == NULL)
		return 0;
	/* NAME[DIGITS] after a blank, a '/' or the line's start, its name an
	 * id's bytes: none else (the id is then letters, digits, '-', '.',
	 * '[' and ']' only, as smtpcode.h says); read back from the ']' in one
	 * pass (a pass back to the blank, then one forward over the name and
	 * the digits, cost NOQUEUE's lines 160 instructions) */
	for (k = c; k > s && k[-1] >= '0' && k[-1] <= '9'; k--)
		;
	if (k == c || k - 1 <= s || k[-1] != '[')
		return 0;
	for (b = --k; b > s && id_byte((unsigned char)b[-1]); b--)
		;
	if (b == k || c + 1 - b > ID_MAX || (b > s && b[-1] != ' ' && b[-1] != '/' && b[-1] != '\t'))
		return 0;
	*v = b;
	return (size_t)(c + 1 - b);
}

/* An address after TEXT at v (the row's text ending in '<' when
 * `bracketed`): its length into *n and where it begins, NULL for none.
 * Unbracketed: a word up to a blank, ',', ';' or ':', "<x>" read as x. */
static ROW_INLINE const char *address_at(const char *v, const char *e, int bracketed, size_t *n)
{
	const char *p;

	if (!bracketed && v < e && *v == '<') {
		v++;
		bracketed = 1;
	}
	if (bracketed) {
		if ((p = memchr(v, '>', (size_t)(e - v))) == NULL)
			return NULL; /* "from=<" unterminated: none */
	} else {
		for (p = v; p < e && *p != ' ' && *p != '\t' && *p != ',' && *p != ';' && *p != ':';
		     p++)
			;
	}
	*n = (size_t)(p - v);
	return v;
}

/* Whether v[0..n) is an IP address's text: hex digits, '.' and ':' only,
 * with a '.' or a ':'. */
static int ip_text(const char *v, size_t n)
{
	int sep = 0;

	if (n < 2 || n > 45)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned k = byte_class[(unsigned char)v[i]] & (C_HEX | C_IPSEP);
		if (k == 0)
			return 0;
		sep |= (int)(k & C_IPSEP);
	}
	return sep != 0;
}

/* Whether v[0..n), an address's text (hex digits, '.' and ':'), is an
 * IPv4 address of four numbers of one to three digits, each up to 255
 * ("192.0.2.64222" is none), or has a ':' (an IPv6 address's text, taken
 * as its bytes say). One pass, no call: it is asked of every address. */
static inline int ipv4_or_v6(const char *v, size_t n)
{
	unsigned parts = 0, value = 0, digits = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)(unsigned char)v[i] - '0';
		if (d <= 9) {
			value = value * 10 + d;
			if (++digits > 3)
				return memchr(v + i, ':', n - i) != NULL;
		} else if (v[i] == '.') {
			if (digits == 0 || value > 255)
				return memchr(v + i, ':', n - i) != NULL;
			parts++;
			value = digits = 0;
		} else {
			return v[i] == ':' || memchr(v + i, ':', n - i) != NULL;
		}
	}
	return parts == 3 && digits > 0 && value <= 255;
}

#ifdef __SSE2__
/* ipv4_or_v6 for the `run` bytes at p, no ':' among them, whose dots and
 * digits are the bits of `dots` and `digits`, from bit 0, found by SIMD:
 * digits and three dots, none at either end or two together, no four
 * digits in a row, and a number of three digits up to 255 (the same
 * answer as ipv4_or_v6's walk, which cost --all --json 1.7% more). */
static inline int ipv4_by_dots(const char *p, unsigned run, unsigned dots, unsigned digits)
{
	unsigned all = (1u << run) - 1, two = dots & (dots - 1), three = two & (two - 1);
	unsigned long_ones = digits & (digits >> 1) & (digits >> 2); /* three digits from */

	if ((dots | digits) != all || two == 0 || three == 0 || (three & (three - 1)) != 0 ||
	    (dots & 1u) || (dots >> (run - 1)) || (dots & (dots >> 1)) || (long_ones & (digits >> 3)))
		return 0;
	for (; long_ones; long_ones &= long_ones - 1) {
		const char *q = p + __builtin_ctz(long_ones);
		if ((q[0] - '0') * 100 + (q[1] - '0') * 10 + (q[2] - '0') > 255)
			return 0;
	}
	return 1;
}
#endif

/* The address in v[0..n): "[x]" (RFC 5321's "IPv6:" tag left out), or
 * a bare one, an IPv4 address's ":port" left out; NULL for none. */
static const char *ip_of(const char *v, size_t n, size_t *len)
{
	if (n > 0 && *v == '[') {
		/* most often the address's bytes, then the ']': read and
		 * checked in one loop (ip_text's test), no search */
		const char *p = v + 1, *end = v + n, *e;
		unsigned k, sep = 0;
		int valid = -1; /* the SIMD's verdict on an IPv4 address; -1: none */
#ifdef __SSE2__
		/* 16 bytes at once: the hex digits, '.' and ':' up to the first
		 * other byte (a byte at a time, the loop below cost each
		 * address "[192.0.2.1]" some 100 instructions) */
		if (end - p >= 16) {
			__m128i b = _mm_loadu_si128((const __m128i *)(const void *)p);
			__m128i d = _mm_sub_epi8(b, _mm_set1_epi8('0'));
			__m128i x = _mm_sub_epi8(_mm_or_si128(b, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
			__m128i is_sep = _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('.')),
			                              _mm_cmpeq_epi8(b, _mm_set1_epi8(':')));
			__m128i ok = _mm_or_si128(
			        _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d),
			                     _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(5)), x)),
			        is_sep);
			unsigned run = (unsigned)__builtin_ctz(~(unsigned)_mm_movemask_epi8(ok) | 0x10000u);
			unsigned lim = (1u << run) - 1;
			unsigned dots = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, _mm_set1_epi8('.'))) & lim;
			if ((unsigned)_mm_movemask_epi8(is_sep) & lim)
				sep = C_IPSEP;
			if (run > 0 && run < 16 &&
			    ((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, _mm_set1_epi8(':'))) & lim) == 0)
				valid = ipv4_by_dots(p, run, dots,
				                     (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
				                             _mm_min_epu8(d, _mm_set1_epi8(9)), d)) & lim);
			p += run;
		}
#endif
		while (p < end && (k = byte_class[(unsigned char)*p] & (C_HEX | C_IPSEP)) != 0)
			sep |= k, p++;
		if (p < end && *p == ']') {
			n = (size_t)(p - v - 1);
			if (!(sep & C_IPSEP) || n < 2 || n > 45 ||
			    !(valid >= 0 ? valid : ipv4_or_v6(v + 1, n)))
				return NULL;
			*len = n;
			return v + 1;
		}
		if ((e = memchr(p, ']', (size_t)(end - p))) == NULL)
			return NULL;
		n = (size_t)(e - v - 1);
		v++;
		if (n > 5 && (v[0] | 0x20) == 'i' && (v[1] | 0x20) == 'p' && (v[2] | 0x20) == 'v' &&
		    v[3] == '6' && v[4] == ':')
			v += 5, n -= 5;
	} else {
		const char *c = memchr(v, ':', n);
		if (c != NULL && memchr(c + 1, ':', n - (size_t)(c + 1 - v)) == NULL &&
		    memchr(v, '.', (size_t)(c - v)) != NULL)
			n = (size_t)(c - v); /* "192.0.2.1:25" */
	}
	if (!ip_text(v, n) || !ipv4_or_v6(v, n))
		return NULL;
	*len = n;
	return v;
}

/* Whether a host name ends at c. */
static inline int name_end(char c)
{
	return byte_class[(unsigned char)c] & C_NAME_END;
}

/* The first byte of v[0..end) where a host name ends (name_end(), and
 * '(' too with `paren`), or end: 16 bytes a step with SSE2, where the
 * byte loop's end was a mispredicted branch for each name. */
static inline const char *name_stop(const char *v, const char *end, int paren)
{
#ifdef __SSE2__
	for (; end - v >= 16; v += 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)v);
		__m128i m = _mm_or_si128(
		        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8(' ')),
		                                  _mm_cmpeq_epi8(b, _mm_set1_epi8('"'))),
		                     _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8(')')),
		                                  _mm_cmpeq_epi8(b, _mm_set1_epi8(',')))),
		        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8(':')),
		                                  _mm_cmpeq_epi8(b, _mm_set1_epi8(';'))),
		                     _mm_cmpeq_epi8(b, _mm_set1_epi8('['))));
		unsigned bits;
		if (paren)
			m = _mm_or_si128(m, _mm_cmpeq_epi8(b, _mm_set1_epi8('(')));
		if ((bits = (unsigned)_mm_movemask_epi8(m)) != 0)
			return v + __builtin_ctz(bits);
	}
#endif
	while (v < end && !name_end(*v) && !(paren && *v == '('))
		v++;
	return v;
}

/* The remote host after a host row's text at v: the name, or the address
 * in brackets for "unknown", "none", a HELO name in parentheses or no name
 * (a name ends as a host row says: data/logformats.txt). */
static ROW_INLINE const char *host_at(const char *v, const char *end, size_t *len)
{
	const char *n;

	n = name_stop(v, end, 0);
	if (v < end && *v == '(') /* Exim's "H=(helo) [192.0.2.1]" */
		n = v;
	if (n > v && n[-1] == '.') /* Sendmail's "relay=mx.example.org." */
		n--;
	if (n == v || (n - v == 7 && memcmp(v, "unknown", 7) == 0) ||
	    (n - v == 4 && memcmp(v, "none", 4) == 0)) {
		/* no name: the address, "[192.0.2.1]" here or after a word
		 * (Exim's HELO name); else another row's */
		const char *b = n < end && *n == '[' && n - v < 80
		                        ? n /* "unknown[192.0.2.1]": the first '[' */
		                        : memchr(v, '[', (size_t)(end - v) < 80 ? (size_t)(end - v) : 80);
		const char *e = b ? memchr(b, ']', (size_t)(end - b)) : NULL;
		if (n > v && n < end && *n != '[' && *n != ' ')
			b = NULL; /* "relay=none," */
		if (b == NULL || e == NULL || e == b + 1)
			return NULL;
		*len = (size_t)(e - b - 1);
		return b + 1;
	}
	*len = (size_t)(n - v);
	return v;
}

/* Whether the bytes at p (a host's name ended there) are its address in
 * brackets, after a space or none: "mx.example.org [192.0.2.25]". */
static inline int bracketed_after(const char *p, const char *end)
{
	if (p < end && *p == ' ')
		p++;
	return p < end && *p == '[';
}

/* The remote address after an address row's text at v: the brackets
 * after the name ("h[a]", "h [a]", "h. [a]", "h (helo) [a]"), or the word
 * itself when it is an address. */
static ROW_INLINE const char *addr_at(const char *v, const char *end, size_t *len)
{
	const char *n = name_stop(v, end, 1);

	if (n < end && *n == ' ' && n + 1 < end && n[1] == '(') { /* Exim's " (helo)" */
		const char *c = memchr(n, ')', (size_t)(end - n));
		n = c ? c + 1 : end;
	} else if (n == v && n < end && *n == '(') {
		const char *c = memchr(n, ')', (size_t)(end - n));
		n = c ? c + 1 : end;
	}
	if (n < end && *n == ' ' && n + 1 < end && n[1] == '[')
		n++;
	if (n < end && *n == '[')
		return ip_of(n, (size_t)(end - n), len);
	/* no brackets: the word, an address or none */
	for (n = v; n < end && *n != ' ' && *n != ',' && *n != ';' && *n != '"' && *n != ')'; n++)
		;
	return ip_of(v, (size_t)(n - v), len);
}

/* The value of the CSV field `col` (from 1) of s[0..len), into *v (its
 * quotes left out; a quoted field's doubled quotes stay as written):
 * its length, or (size_t)-1 when there is none. */
static size_t csv_field(const char *s, size_t len, unsigned col, const char **v)
{
	const char *p = s, *e = s + len;

	for (unsigned i = 1;; i++) {
		const char *f = p, *fe;
		if (p < e && *p == '"') {
			for (p++; p < e; p++) {
				if (*p == '"' && (p + 1 >= e || p[1] != '"'))
					break;
				if (*p == '"')
					p++;
			}
			f++;
			fe = p < e ? p : e;
			p = p < e ? p + 1 : e;
		} else {
			while (p < e && *p != ',')
				p++;
			fe = p;
		}
		if (i == col) {
			*v = f;
			return (size_t)(fe - f);
		}
		if (p >= e)
			return (size_t)-1;
		p++; /* the ',' */
	}
}

void sc_details_header(struct sc_log *lg, int format, const char *h, size_t len)
{
	unsigned first = sc_format_details[format], last = sc_format_details[format + 1];

	const char *c = memchr(h, ':', len);

	memset(lg->csv_col, 0, sizeof lg->csv_col);
	if (c == NULL)
		return;
	/* the columns after the directive's ':' (W3C's "#Fields: a,b,c") */
	len -= (size_t)(c + 1 - h);
	h = c + 1;
	while (len > 0 && (*h == ' ' || *h == '\t'))
		h++, len--;
	for (unsigned r = first; r < last && r - first < sizeof lg->csv_col; r++) {
		const struct sc_detail *d = &sc_details[r];
		const char *v;
		size_t n;
		for (unsigned col = 1; col < 256 && (n = csv_field(h, len, col, &v)) != (size_t)-1;
		     col++) {
			while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\r'))
				n--;
			if (n == d->len && memcmp(v, d->text, n) == 0) {
				lg->csv_col[r - first] = (unsigned char)col;
				break;
			}
		}
	}
}

/* A report-transcript record's SESSION field: the fifth after its prefix
 * (VERSION|TIME|SUBSYSTEM|EVENT|SESSION|DATA). */
static size_t report_session(const char *s, size_t len, const char **v)
{
	const char *p = memchr(s, '|', len), *e = s + len, *b;

	for (int i = 0; p != NULL && i < 4; i++) /* past VERSION, TIME, SUBSYSTEM, EVENT */
		p = memchr(p + 1, '|', (size_t)(e - p - 1));
	if (p == NULL)
		return 0;
	b = p + 1;
	p = memchr(b, '|', (size_t)(e - b));
	*v = b;
	return (size_t)((p ? p : e) - b);
}

/* The kind (smtpcode_log_detail_kinds()) each row kind gives. */
static const unsigned char row_kind[] = {
	[SC_DETAIL_ID] = SMTPCODE_DETAIL_QUEUE_ID,
	[SC_DETAIL_ID_BEFORE] = SMTPCODE_DETAIL_QUEUE_ID,
	[SC_DETAIL_NO_ID] = SMTPCODE_DETAIL_QUEUE_ID,
	[SC_DETAIL_SENDER] = SMTPCODE_DETAIL_SENDER,
	[SC_DETAIL_RECIPIENT] = SMTPCODE_DETAIL_RECIPIENT,
	/* (a host row also ends the name before an address row's brackets) */
	[SC_DETAIL_HOST] = SMTPCODE_DETAIL_HOST | SMTPCODE_DETAIL_ADDRESS,
	[SC_DETAIL_ADDRESS] = SMTPCODE_DETAIL_ADDRESS,
	[SC_DETAIL_HOST_BRACKETED] = SMTPCODE_DETAIL_HOST | SMTPCODE_DETAIL_ADDRESS,
};

/* A record format's details: its columns (CSV) or its SESSION field. */
static void record_details(struct sc_log *lg, const char *s, size_t len, unsigned kinds,
                           struct smtpcode_log_event *ev)
{
	unsigned first = sc_format_details[ev->format], last = sc_format_details[ev->format + 1];

	for (unsigned r = first; r < last; r++) {
		const struct sc_detail *d = &sc_details[r];
		const char *v = NULL;
		size_t n = 0;
		if (!(row_kind[d->kind] & kinds))
			continue;
		if (sc_format_transcript[ev->format] == SC_READER_REPORT_TRANSCRIPT) {
			n = report_session(s, len, &v);
		} else if (r - first < sizeof lg->csv_col && lg->csv_col[r - first] != 0) {
			n = csv_field(s, len, lg->csv_col[r - first], &v);
			if (n == (size_t)-1)
				n = 0;
		}
		if (n == 0)
			continue;
		if (d->kind == SC_DETAIL_ID && ev->queue_id == NULL && id_after(v, v + n) == n) {
			ev->queue_id = v;
			ev->queue_id_len = n;
		} else if (d->kind == SC_DETAIL_ADDRESS && ev->remote_addr == NULL) {
			ev->remote_addr = ip_of(v, n, &ev->remote_addr_len);
		} else if (d->kind == SC_DETAIL_HOST && ev->remote_host == NULL &&
		           (kinds & SMTPCODE_DETAIL_HOST)) {
			ev->remote_host = v;
			ev->remote_host_len = n;
		}
	}
}

static inline uint32_t load32(const char *p)
{
	uint32_t w;

	memcpy(&w, p, sizeof w);
	return w;
}

/* Whether a[0..n) and b[0..n) are the same (n >= 4): words of four bytes,
 * the last overlapping the one before; a row's text is short, and a call
 * of memcmp for each candidate cost more than the compare. */
static inline int same_text(const char *a, const char *b, size_t n)
{
	size_t i = 0;

	if (load32(a + n - 4) != load32(b + n - 4))
		return 0;
	for (; i + 4 < n; i += 4)
		if (load32(a + i) != load32(b + i))
			return 0;
	return 1;
}

/* A row's text in the blocks of a line: W places at a time (16 with
 * SSE2, 32 with AVX2). A place is a candidate where its first byte and its
 * rarest byte (the generator's anchor: '<' of " to=<"; the last byte when
 * the anchor is the first) both match, and only a candidate is compared
 * whole. MASK(q) is the candidates' bits of the W places from q. The last
 * block is the W places that end at the last start, those done masked off.
 * The caller leaves a line shorter than a block to memchr. */
#define FIND_BLOCKS(W, MASK)                                                      \
	size_t last = len - n;                                                        \
	unsigned m;                                                                   \
                                                                                      \
	if (last < (W)-1)                                                             \
		return NULL;                                                              \
	for (size_t i = 0;; i += (W)) {                                               \
		if (i + (W)-1 > last) {                                               \
			m = (unsigned)(MASK(s + last - ((W)-1))) & (~0u << (i - (last - ((W)-1)))); \
			i = last - ((W)-1);                                               \
		} else {                                                              \
			m = (unsigned)(MASK(s + i));                                  \
		}                                                                     \
		for (; m != 0; m &= m - 1) {                                          \
			const char *p = s + i + (unsigned)__builtin_ctz(m);           \
			if (same_text(p, t, n))                                       \
				return p;                                             \
		}                                                                     \
		if (i + (W) > last)                                                   \
			return NULL;                                                  \
	}

#ifdef __SSE2__
#define MASK_SSE2(q)                                                                        \
	_mm_movemask_epi8(_mm_and_si128(                                                    \
	        _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(q)), first), \
	        _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)((q) + b)), other)))
/* (n >= 4, len >= n + 15; b the other byte's place) */
static inline const char *find_sse2(const char *s, size_t len, const char *t, size_t n, size_t b)
{
	const __m128i first = _mm_set1_epi8(t[0]), other = _mm_set1_epi8(t[b]);

	FIND_BLOCKS(16, MASK_SSE2)
}
#endif

#ifdef SC_AVX2
#define MASK_AVX2(q)                                                                        \
	_mm256_movemask_epi8(_mm256_and_si256(                                              \
	        _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(const void *)(q)), first), \
	        _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(const void *)((q) + b)), other)))
__attribute__((target("avx2"))) static const char *find_avx2(const char *s, size_t len,
                                                             const char *t, size_t n, size_t b)
{
	const __m256i first = _mm256_set1_epi8(t[0]), other = _mm256_set1_epi8(t[b]);

	FIND_BLOCKS(32, MASK_AVX2)
}
#endif

/* Where row d's text first occurs in s[0..len), or NULL. A search by
 * blocks takes a branch a block, where memchr for the anchor took one for
 * each byte it stopped at, each a branch the processor could not foresee
 * (those were a third of check --all --json's time). Without SSE2, or on
 * a line shorter than a block: memchr for the anchor, the first and last
 * bytes, then the rest. */
static inline const char *detail_find(const char *s, size_t len, const struct sc_detail *d,
                                      int avx2)
{
	size_t a = d->anchor, n = d->len;
	const char *p, *end;

	if (len < n)
		return NULL;
	(void)avx2;
#ifdef SC_AVX2
	if (avx2 && n >= 4 && len >= n + 31)
		return find_avx2(s, len, d->text, n, a > 0 ? a : n - 1);
#endif
#ifdef __SSE2__
	if (n >= 4 && len >= n + 15)
		return find_sse2(s, len, d->text, n, a > 0 ? a : n - 1);
#endif
	end = s + (len - n) + a; /* the last place the anchor byte may stand */
	for (p = s + a; p <= end; p++) {
		if ((p = memchr(p, d->text[a], (size_t)(end - p) + 1)) == NULL)
			return NULL;
		if (p[-(ptrdiff_t)a] == d->text[0] && p[n - 1 - a] == d->text[n - 1] &&
		    (n < 4 ? memcmp(p - a, d->text, n) == 0 : same_text(p - a, d->text, n)))
			return p - a;
	}
	return NULL;
}

/* The rows of a format searched so far, for one line: a host row and an
 * address row of the same text ("(host ") are one search. */
struct searches {
	uint32_t done;                              /* bit k: found[k] holds */
	int avx2;                                   /* the AVX2 search (the scan's path) */
	const char *found[SC_FORMAT_DETAILS_MAX + 1];
};

#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline const char *row_find(struct searches *q, const char *s, size_t len,
                                   const struct sc_detail *d)
{
	uint32_t bit = (uint32_t)1 << d->same;

	if (!(q->done & bit)) {
		q->found[d->same] = detail_find(s, len, d, q->avx2);
		q->done |= bit;
	}
	return q->found[d->same];
}

/* The address after the first of rows [r, last) that gives one in
 * s[0..len): its length into *n; an empty one ("<>") only when `empty`;
 * NULL for none. OpenSMTPD's "rcpt=<->" is none (the address before it
 * again, no address of its own). */
static ROW_INLINE const char *rows_address(struct searches *q, const char *s, size_t len,
                                           unsigned r, unsigned last, int empty, size_t *n)
{
	for (; r < last; r++) {
		const struct sc_detail *d = &sc_details[r];
		const char *at = row_find(q, s, len, d), *v;
		if (at != NULL &&
		    (v = address_at(at + d->len, s + len, d->text[d->len - 1] == '<', n)) != NULL &&
		    (*n > 0 || empty) && !(*n == 1 && *v == '-'))
			return v;
	}
	return NULL;
}

/* A line format's details: the first row of each kind that gives one,
 * of the kinds asked for, a group of rows at a time (the generator's
 * order: sc_detail_groups). A loop over the rows that switched on each
 * row's kind took an indirect branch a row, which the processor foresaw
 * badly where the log's lines mix formats: a fifth of the reader's time
 * in check --all --json (perf) stood at that branch. */
static void line_details(const char *s, size_t len, unsigned kinds, int avx2,
                         struct smtpcode_log_event *ev)
{
	const unsigned short *g = &sc_detail_groups[(size_t)ev->format * SC_DETAIL_GROUPS];
	const char *e = s + len;
	struct searches q;
	const char *host_end = NULL; /* where the host's name ended */
	int host_row = -1;           /* the host row's search (same) */
	const struct sc_detail *d;
	const char *at, *v;
	size_t n;

	q.done = 0;
	q.avx2 = avx2;
	if (kinds & SMTPCODE_DETAIL_QUEUE_ID) {
		for (unsigned r = g[SC_GROUP_ID]; r < g[SC_GROUP_ID + 1] && ev->queue_id == NULL; r++) {
			d = &sc_details[r];
			if ((at = row_find(&q, s, len, d)) == NULL)
				continue;
			if (d->kind == SC_DETAIL_ID) {
				v = at + d->len;
				n = id_after(v, e);
			} else {
				v = id_before(s, at);
				n = v ? (size_t)(at - v) : 0;
			}
			if (n == 0)
				continue;
			ev->queue_id = v;
			ev->queue_id_len = n;
		}
		/* an id that says there is none: the syslog tag's process
		 * names the session, or nothing */
		for (unsigned r = g[SC_GROUP_NO_ID]; r < g[SC_GROUP_NO_ID + 1]; r++) {
			d = &sc_details[r];
			if (ev->queue_id != NULL && ev->queue_id_len == d->len &&
			    memcmp(ev->queue_id, d->text, d->len) == 0) {
				n = syslog_process(s, ev->queue_id, &v);
				ev->queue_id = n ? v : NULL;
				ev->queue_id_len = n;
			}
		}
	}
	if ((kinds & SMTPCODE_DETAIL_SENDER) && ev->sender == NULL &&
	    (v = rows_address(&q, s, len, g[SC_GROUP_SENDER], g[SC_GROUP_SENDER + 1], 1, &n))) {
		ev->sender = v; /* "<>": the null sender, "" */
		ev->sender_len = n;
	}
	if ((kinds & SMTPCODE_DETAIL_RECIPIENT) && ev->recipient == NULL &&
	    (v = rows_address(&q, s, len, g[SC_GROUP_RECIPIENT], g[SC_GROUP_RECIPIENT + 1], 0, &n))) {
		ev->recipient = v;
		ev->recipient_len = n;
	}
	/* (a host row also ends the name before an address row's brackets) */
	if ((kinds & (SMTPCODE_DETAIL_HOST | SMTPCODE_DETAIL_ADDRESS)) && ev->remote_host == NULL)
		for (unsigned r = g[SC_GROUP_HOST]; r < g[SC_GROUP_HOST + 1] && host_row < 0; r++) {
			d = &sc_details[r];
			if ((at = row_find(&q, s, len, d)) == NULL ||
			    (v = host_at(at + d->len, e, &n)) == NULL)
				continue;
			if (d->kind == SC_DETAIL_HOST_BRACKETED && !bracketed_after(v + n, e))
				continue; /* "Remote host closed connection" */
			host_row = d->same;
			host_end = v + n;
			if (kinds & SMTPCODE_DETAIL_HOST) {
				ev->remote_host = v;
				ev->remote_host_len = n;
			}
		}
	if (kinds & SMTPCODE_DETAIL_ADDRESS)
		for (unsigned r = g[SC_GROUP_ADDRESS];
		     r < g[SC_GROUP_ADDRESS + 1] && ev->remote_addr == NULL; r++) {
			d = &sc_details[r];
			if ((at = row_find(&q, s, len, d)) == NULL)
				continue;
			if (host_row == d->same && host_end < e && *host_end == '[') {
				/* the host's row: its name ended at the brackets */
				if ((v = ip_of(host_end, (size_t)(e - host_end), &n)) == NULL)
					continue;
			} else if ((v = addr_at(at + d->len, e, &n)) == NULL) {
				continue;
			}
			ev->remote_addr = v;
			ev->remote_addr_len = n;
		}
}

/* The details of an SES notification's event (logses.c keeps them:
 * the notification's time, remote address, sender and message id). */
static void ses_details(const struct sc_log *lg, unsigned kinds, struct smtpcode_log_event *ev)
{
	const struct sc_ses *ses = &lg->ses;

	if ((kinds & SMTPCODE_DETAIL_TIME) && ses->time != NULL) {
		struct sc_day day[2]; /* (the reader's days are its lines') */
		memset(day, 0, sizeof day);
		sc_line_time(ses->time, ses->time_len, lg->year, lg->latest, day, ev);
	}
	if ((kinds & SMTPCODE_DETAIL_ADDRESS) && ses->addr != NULL) {
		ev->remote_addr = ses->addr;
		ev->remote_addr_len = ses->addr_len;
	}
	if ((kinds & SMTPCODE_DETAIL_SENDER) && ses->sender != NULL) {
		ev->sender = ses->sender; /* ("" is the null sender) */
		ev->sender_len = ses->sender_len;
	}
	if ((kinds & SMTPCODE_DETAIL_QUEUE_ID) && ses->id != NULL) {
		ev->queue_id = ses->id;
		ev->queue_id_len = ses->id_len;
	}
}

const char *sc_ip_of(const char *v, size_t n, size_t *len)
{
	return ip_of(v, n, len);
}

int sc_id_is(const char *v, size_t n)
{
	return n > 0 && id_after(v, v + n) == n;
}

/* A reply whose line has no time: the first date the input gave (enum
 * sc_date_of's order: the report group's last attempt, the message's
 * Date:, the report's arrival; the report's for its own replies only, the
 * Diagnostic-Code's, not for another format's line in the same log). */
static void input_date(const struct sc_log *lg, struct smtpcode_log_event *ev)
{
	for (int i = 0; i < 3; i++)
		if (lg->date_len[i] > 0 && (i == SC_DATE_INPUT || ev->format == SMTPCODE_LOG_DSN)) {
			ev->time = lg->date[i];
			ev->time_len = lg->date_len[i];
			ev->has_epoch = 1;
			ev->epoch = lg->date_epoch[i];
			return;
		}
}

void sc_details_read(struct sc_log *lg, const struct sc_source *src, unsigned kinds,
                     struct smtpcode_log_event *ev)
{
	unsigned reader;

	if (SC_UNLIKELY(ev->format == SMTPCODE_LOG_SES)) {
		ses_details(lg, kinds, ev); /* (the notification's, not the line's) */
		return;
	}
	if (kinds & SMTPCODE_DETAIL_TIME) {
		if (src->line != NULL)
			sc_line_time(src->fed, src->fed_len, lg->year, lg->latest, lg->day, ev);
		if (ev->time == NULL && (lg->date_len[0] | lg->date_len[1] | lg->date_len[2]))
			input_date(lg, ev);
	}
	if (!(kinds & ~(unsigned)SMTPCODE_DETAIL_TIME) || src->line == NULL || (unsigned)ev->format >= SC_NFORMATS)
		return;
	if (sc_format_details[ev->format] == sc_format_details[ev->format + 1])
		return;
	reader = sc_format_transcript[ev->format];
	if (reader == SC_READER_CSV_TRANSCRIPT || reader == SC_READER_REPORT_TRANSCRIPT)
		record_details(lg, src->line, src->len, kinds, ev);
	else
		line_details(src->line, src->len, kinds, lg->scan == SC_SCAN_AVX2, ev);
}
