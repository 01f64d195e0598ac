/* SPDX-License-Identifier: MIT */
/* out.c - the buffer in front of a stdio stream (out.h).
 * Layer: the bottom, a leaf; calls the C library only (and POSIX's
 * write for a full buffer). */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it: fileno, write */
#include "out.h"

#include <errno.h>
#include <stdint.h>
#include <unistd.h>

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

/* A full buffer (check's records) goes to the file descriptor at once,
 * after what the stream holds: through fwrite, stdio copied every byte
 * into its own buffer first (check --all --json on the bench log: 54M
 * instructions of 730M). A little, and a stream without a descriptor (a
 * memory stream), through stdio. */
static int write_all(FILE *f, const char *s, size_t n)
{
	int fd = n >= 8192 ? fileno(f) : -1;

	if (fd < 0)
		return fwrite(s, 1, n, f) == n ? 0 : -1;
	if (fflush(f) != 0)
		return -1;
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int out_flush(struct out *o)
{
	size_t n = (size_t)(o->p - o->buf);

	o->p = o->buf; /* the room is the whole buffer again */
	if (n > 0 && write_all(o->f, o->buf, n) != 0)
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
		if (write_all(o->f, s, n) != 0)
			o->failed = 1;
		return;
	}
	memcpy(o->p, s, n);
	o->p += n;
}

/* The hundred pairs of digits, "00" to "99". */
static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                            "25262728293031323334353637383940414243444546474849"
                            "50515253545556575859606162636465666768697071727374"
                            "75767778798081828384858687888990919293949596979899";

/* x (below 10000) as exactly four digits at t. */
static inline void four_digits(char *t, unsigned x)
{
	unsigned hi = x / 100, lo = x % 100;

	memcpy(t, pairs + (size_t)2 * hi, 2);
	memcpy(t + 2, pairs + (size_t)2 * lo, 2);
}

/* x (below 2^32) in decimal ending at t (exclusive), two digits a step,
 * in 32 bits: the line numbers and codes. */
static inline void digits32(char *t, uint32_t x)
{
	while (x >= 100) {
		size_t i = (size_t)(x % 100) * 2;
		x /= 100;
		*--t = pairs[i + 1];
		*--t = pairs[i];
	}
	if (x >= 10) {
		*--t = pairs[(size_t)x * 2 + 1];
		*--t = pairs[(size_t)x * 2];
	} else {
		*--t = (char)('0' + x);
	}
}

/* v in decimal, two digits a step from the table of pairs: the line
 * numbers, codes and epochs of --json's every record cost the loop of one
 * digit at a time (a division each) 4% of its instructions. Up to 2^32 in
 * 32 bits; past it the last eight digits as two groups of four, apart
 * from the rest (an epoch's ten digits were a chain of five 64-bit
 * divisions, 4% of the time of check --all --json, perf). */
size_t put_ulong(char *out, unsigned long long v)
{
	static const unsigned long long tens[20] = {
		1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
		100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
		10000000000000ull, 100000000000000ull, 1000000000000000ull, 10000000000000000ull,
		100000000000000000ull, 1000000000000000000ull, 10000000000000000000ull,
	};
	size_t n;

	if (v < 10) { /* (an enhanced code's parts) */
		*out = (char)('0' + v);
		return 1;
	}
	/* the digits counted first, then written from the last: no copy */
#if defined(__GNUC__)
	/* from the bits: log10(2) is about 1233/4096 (an epoch's ten digits
	 * counted one at a time cost 40 instructions) */
	n = (size_t)((64 - __builtin_clzll(v)) * 1233) >> 12;
	n += v >= tens[n];
#else
	for (n = 1; n < 20 && v >= tens[n]; n++)
		;
#endif
	if (v <= 0xffffffffull) {
		digits32(out + n, (uint32_t)v);
		return n;
	}
	{
		unsigned long long rest = v / 100000000u;
		uint32_t last = (uint32_t)(v % 100000000u);
		four_digits(out + n - 8, last / 10000);
		four_digits(out + n - 4, last % 10000);
		if (rest <= 0xffffffffull) {
			digits32(out + n - 8, (uint32_t)rest);
		} else { /* (past 10^17: once more) */
			uint32_t mid = (uint32_t)(rest % 100000000u);
			four_digits(out + n - 16, mid / 10000);
			four_digits(out + n - 12, mid % 10000);
			digits32(out + n - 16, (uint32_t)(rest / 100000000u));
		}
	}
	return n;
}

void out_ulong(struct out *o, unsigned long v)
{
	if (o->end - o->p >= 20) {
		o->p += put_ulong(o->p, v);
	} else {
		char b[24];
		out_put(o, b, put_ulong(b, v));
	}
}

/* Which bytes stand as they are: a JSON string's (printable ASCII but the
 * quote and the backslash), escaped text's (all but the controls and DEL),
 * or escaped ASCII text's (those below 0x80 too). */
enum as_is { AS_IS_JSON, AS_IS_TEXT, AS_IS_ASCII };

static inline int as_is(unsigned char c, enum as_is k)
{
	if (k == AS_IS_JSON)
		return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
	return c >= 0x20 && c != 0x7f && (k == AS_IS_TEXT || c < 0x80);
}

static int plain(unsigned char c)
{
	return as_is(c, AS_IS_JSON);
}

#ifdef __SSE2__
/* The bytes of b that do not stand as they are, as bits. */
static inline unsigned odd_bytes(__m128i b, enum as_is k)
{
	const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f);
	__m128i odd;

	if (k == AS_IS_TEXT) /* the bytes to 0x1f, unsigned */
		odd = _mm_cmpeq_epi8(_mm_min_epu8(b, _mm_set1_epi8(0x1f)), b);
	else /* below 0x20 as signed bytes: the controls, and 0x80 and up */
		odd = _mm_cmpgt_epi8(space, b);
	odd = _mm_or_si128(odd, _mm_cmpeq_epi8(b, del));
	if (k == AS_IS_JSON)
		odd = _mm_or_si128(odd, _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('"')),
		                                     _mm_cmpeq_epi8(b, _mm_set1_epi8('\\'))));
	return (unsigned)_mm_movemask_epi8(odd);
}

static inline uint64_t load64(const char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof w);
	return w;
}

static inline uint32_t load32(const char *p)
{
	uint32_t w;

	memcpy(&w, p, sizeof w);
	return w;
}
#endif

/* Copies s[0..len) to d (room for len bytes) as far as its bytes stand
 * as they are (k), 16 a step with SSE2: how many do. The short strings of a
 * record (names, codes, a host) are read as two words that overlap, not a
 * byte at a time (--all --json on the bench log: the bytes after the last
 * step of 16, one at a time, were a tenth of its instructions). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline size_t plain_copy(char *d, const char *s, size_t len, enum as_is k)
{
	size_t i = 0;
#ifdef __SSE2__
	unsigned m;

	if (len >= 16) {
		__m128i b;
		for (; i + 16 <= len; i += 16) {
			b = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			_mm_storeu_si128((__m128i *)(void *)(d + i), b);
			if ((m = odd_bytes(b, k)) != 0)
				return i + (size_t)__builtin_ctz(m);
		}
		if (i == len)
			return len;
		/* the last 16, of which those before i are plain */
		b = _mm_loadu_si128((const __m128i *)(const void *)(s + len - 16));
		_mm_storeu_si128((__m128i *)(void *)(d + len - 16), b);
		if ((m = odd_bytes(b, k)) != 0)
			return len - 16 + (size_t)__builtin_ctz(m);
		return len;
	}
	if (len >= 8) {
		uint64_t lo = load64(s), hi = load64(s + len - 8);
		memcpy(d, &lo, 8);
		memcpy(d + len - 8, &hi, 8);
		if (odd_bytes(_mm_set_epi64x((long long)hi, (long long)lo), k) == 0)
			return len;
	} else if (len >= 4) {
		uint32_t lo = load32(s), hi = load32(s + len - 4);
		memcpy(d, &lo, 4);
		memcpy(d + len - 4, &hi, 4);
		if (odd_bytes(_mm_set_epi32((int)hi, (int)lo, (int)hi, (int)lo), k) == 0)
			return len;
	}
	/* (a byte not plain among them: found one at a time) */
#endif
	for (; i < len && as_is((unsigned char)s[i], k); i++)
		d[i] = s[i];
	return i;
}

void out_json(struct out *o, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";

	out_char(o, '"');
	for (size_t i = 0; i < len;) {
		unsigned char c;
		size_t n;
		int good;
		/* a run of plain bytes, copied straight into the room left, or
		 * through out_put where that is less than the rest */
		if ((size_t)(o->end - o->p) >= len - i) {
			n = plain_copy(o->p, s + i, len - i, AS_IS_JSON);
			o->p += n;
			if ((i += n) == len)
				break;
		} else if (plain((unsigned char)s[i])) {
			n = i + 1;
			while (n < len && plain((unsigned char)s[n]))
				n++;
			out_put(o, s + i, n - i);
			i = n;
			continue;
		}
		c = (unsigned char)s[i];
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

/* (the kinds apart, so that each inlines its own test) */
static void escaped(struct out *o, const char *s, size_t len, enum as_is k)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;

	while (i < len) {
		size_t run = i;
		/* the bytes that print as they are, copied at once: straight
		 * into the room left when the rest fits */
		if ((size_t)(o->end - o->p) >= len - i) {
			run = plain_copy(o->p, s + i, len - i, k);
			o->p += run;
			run += i;
		} else {
			while (run < len && as_is((unsigned char)s[run], k))
				run++;
			if (run > i)
				out_put(o, s + i, run - i);
		}
		if (run < len) {
			unsigned char c = (unsigned char)s[run++];
			char e[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
			out_put(o, e, 4);
		}
		i = run;
	}
}

void out_escaped(struct out *o, const char *s, size_t len, int ascii_only)
{
	if (ascii_only)
		escaped(o, s, len, AS_IS_ASCII);
	else
		escaped(o, s, len, AS_IS_TEXT);
}
