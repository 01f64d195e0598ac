/* SPDX-License-Identifier: MIT */
/* logline.c - find replies, and the commands they answer, in mail logs. */
#include "internal.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
/* AVX2 where the compiler can build it for one function and the CPU says it
 * has it; SSE2 or bytes elsewhere. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(SMTPCODE_NO_AVX2)
#define SC_AVX2 1
#include <immintrin.h>
#endif

/* Where needle first occurs in s[0..len), or NULL. (memmem is not POSIX.)
 * Most needles begin with a space, the commonest byte of a log line:
 * memchr then looks for the byte after it (" (in reply to ": '('). */
static const char *find_n(const char *s, size_t len, const char *needle, size_t n)
{
	size_t k = n > 1 && needle[0] == ' ' && needle[1] != ' ' ? 1 : 0;

	if (n == 0 || len < n)
		return NULL;
	for (const char *p = s + k, *end = s + len - n + k; p <= end; p++) {
		p = memchr(p, needle[k], (size_t)(end - p) + 1);
		if (p == NULL)
			return NULL;
		/* The last byte first: it turns most false starts away cheaply. */
		if (p[n - 1 - k] == needle[n - 1] && memcmp(p - k, needle, n) == 0)
			return p - k;
	}
	return NULL;
}

static const char *find(const char *s, size_t len, const char *needle)
{
	return find_n(s, len, needle, strlen(needle));
}

/* A string literal's length; a compile error for anything else. */
#define LIT_LEN(lit) (sizeof("" lit "") - 1)
/* find() for a literal needle, its length known at compile time. */
#define FIND(s, len, lit) find_n((s), (len), (lit), LIT_LEN(lit))

/* Whether s[0..len) begins with the prefix of n bytes. The first byte is
 * compared before any call: it turns most lines away. */
static int starts_n(const char *s, size_t len, const char *prefix, size_t n)
{
	return len >= n && (n == 0 || (s[0] == prefix[0] && memcmp(s, prefix, n) == 0));
}
#define STARTS(s, len, lit) starts_n((s), (len), (lit), LIT_LEN(lit))

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The phrases that mark a reply in a log line, found in one pass. */
enum marker {
	M_SAID, M_REFUSED, M_STATUS, M_REJECT, M_MILTER, M_EXIM_SMTP, M_EXIM_LMTP,
	M_AUTH_FAILED, M_SM_REJECT, M_STAT, M_COUNT
};

/* Each marker as it stands after a space (or, for ", reject=", after the
 * comma's space), and where the marker itself begins relative to that space:
 * 0 when it includes the space, 1 when it is a word, -1 for the comma. */
static const struct {
	const char *text;
	unsigned char len;
	signed char adjust;
} markers[M_COUNT] = {
	[M_SAID] = { " said: ", 7, 0 },
	[M_REFUSED] = { " refused to talk to me: ", 24, 1 },
	[M_STATUS] = { " status=", 8, 1 },
	[M_REJECT] = { " reject: ", 9, 0 },
	[M_MILTER] = { " milter-reject: ", 16, 0 },
	[M_EXIM_SMTP] = { " error from remote mail server after ", 37, 1 },
	[M_EXIM_LMTP] = { " LMTP error after ", 18, 1 },
	[M_AUTH_FAILED] = { " authenticator failed for ", 26, 0 },
	[M_SM_REJECT] = { " reject=", 8, -1 },
	[M_STAT] = { " stat=", 6, 1 },
};

/* The first and the second bytes of the transcript prefixes ("=== ", and
 * those of styles[]: "C: ", "S: ", "-> ", "~> ", "<- ", "<** ", "<~ ",
 * ">>> ", "<<< ", "In: ", "Out: "). Both are tested before any prefix: a
 * syslog line of September or October begins with S or O, but not with
 * "Se" or "Oc". Every prefix has a line in tests/logs/transcripts.txt. */
static const unsigned char transcript_first[256] = {
	['='] = 1, ['C'] = 1, ['S'] = 1, ['-'] = 1, ['~'] = 1, ['<'] = 1, ['>'] = 1,
	['I'] = 1, ['O'] = 1,
};
static const unsigned char transcript_second[256] = {
	['='] = 1, [':'] = 1, ['>'] = 1, ['-'] = 1, ['*'] = 1, ['~'] = 1, ['<'] = 1,
	['n'] = 1, ['u'] = 1,
};

/* For the byte after a space, the markers that may stand there. */
static const unsigned short marker_next[256] = {
	['s'] = 1u << M_SAID | 1u << M_STATUS | 1u << M_STAT,
	['r'] = 1u << M_REFUSED | 1u << M_REJECT | 1u << M_SM_REJECT,
	['m'] = 1u << M_MILTER, ['e'] = 1u << M_EXIM_SMTP, ['L'] = 1u << M_EXIM_LMTP,
	['a'] = 1u << M_AUTH_FAILED,
};

/* For the second byte after the space, the markers whose text has it. */
static const unsigned short marker_third[256] = {
	['a'] = 1u << M_SAID, ['t'] = 1u << M_STATUS | 1u << M_STAT,
	['e'] = 1u << M_REFUSED | 1u << M_REJECT | 1u << M_SM_REJECT,
	['i'] = 1u << M_MILTER, ['r'] = 1u << M_EXIM_SMTP, ['M'] = 1u << M_EXIM_LMTP,
	['u'] = 1u << M_AUTH_FAILED,
};

/* For the third byte after the space, the markers whose text has it. */
static const unsigned short marker_fourth[256] = {
	['i'] = 1u << M_SAID, ['f'] = 1u << M_REFUSED, ['a'] = 1u << M_STATUS | 1u << M_STAT,
	['j'] = 1u << M_REJECT | 1u << M_SM_REJECT, ['l'] = 1u << M_MILTER,
	['r'] = 1u << M_EXIM_SMTP, ['T'] = 1u << M_EXIM_LMTP, ['t'] = 1u << M_AUTH_FAILED,
};

/* The index of the lowest set bit of a non-zero v. */
static int lowest_bit(unsigned v)
{
#if defined(__GNUC__)
	return __builtin_ctz(v);
#else
	int n = 0;
	while (!(v & 1u))
		v >>= 1, n++;
	return n;
#endif
}

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

/* Whether a[0..n) and b[0..n) are the same, for n >= 4 (every marker has
 * six bytes or more): words of eight bytes (or four), the last overlapping
 * the one before. Cheaper than a call to memcmp for a marker's few bytes. */
static int same_bytes(const char *a, const char *b, size_t n)
{
	size_t i = 0;

	if (n < 8)
		return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
	for (; i + 8 < n; i += 8)
		if (load64(a + i) != load64(b + i))
			return 0;
	return load64(a + n - 8) == load64(b + n - 8);
}

/* Whether a marker m stands at p (a space), with p < end - 5. */
static int marker_at(const char *s, const char *p, const char *end, int m)
{
	return (size_t)(end - p) >= markers[m].len &&
	       same_bytes(p, markers[m].text, markers[m].len) &&
	       (markers[m].adjust >= 0 || (p != s && p[-1] == ','));
}

/* The markers not yet found that the three bytes after the space at p
 * allow; p < end - 5. */
static unsigned candidates(const char *p, unsigned found)
{
	return marker_next[(unsigned char)p[1]] & marker_third[(unsigned char)p[2]] &
	       marker_fourth[(unsigned char)p[3]] & ~found;
}

/* Checks the space at p against the candidate markers cand. */
static void try_markers(const char *s, const char *p, const char *end, unsigned cand,
                        const char *at[M_COUNT], unsigned *found)
{
	for (; cand; cand &= cand - 1) {
		int m = lowest_bit(cand);
		if (marker_at(s, p, end, m)) {
			at[m] = p + markers[m].adjust;
			*found |= 1u << m;
		}
	}
}

/* Checks the spaces at p + i for each bit i of `bits`. Inlined into each
 * scan: a call for each block with a candidate cost more than the check. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void take_bits(const char *s, const char *p, const char *end, unsigned bits,
                      const char *at[M_COUNT], unsigned *found)
{
	for (; bits; bits &= bits - 1) {
		const char *sp = p + lowest_bit(bits);
		unsigned cand = candidates(sp, *found);
		if (cand)
			try_markers(s, sp, end, cand, at, found);
	}
}

#ifdef SC_AVX2
/* Bytes of a set, 32 at a time: a byte x is in the set when
 * lo[x & 15] & hi[x >> 4] is not zero (one bit for each high nibble the
 * set's bytes have). */
__attribute__((target("avx2"), always_inline)) static inline __m256i in_set(__m256i x, __m256i lo, __m256i hi)
{
	const __m256i nibble = _mm256_set1_epi8(0x0f);
	__m256i l = _mm256_shuffle_epi8(lo, _mm256_and_si256(x, nibble));
	__m256i h = _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(x, 4), nibble));
	return _mm256_andnot_si256(_mm256_cmpeq_epi8(_mm256_and_si256(l, h), _mm256_setzero_si256()),
	                           _mm256_set1_epi8(-1));
}

/* The spaces of p[0..32) that two bytes of the sets of marker_next and
 * marker_third follow, as bits; reads p[0..34). */
__attribute__((target("avx2"), always_inline)) static inline unsigned block_avx2(const char *p)
{
	/* marker_next's bytes: s r (0x7_), m e a (0x6_), L (0x4_). */
	const __m256i next_lo = _mm256_setr_epi8(0, 2, 1, 1, 0, 2, 0, 0, 0, 0, 0, 0, 4, 2, 0, 0,
	                                         0, 2, 1, 1, 0, 2, 0, 0, 0, 0, 0, 0, 4, 2, 0, 0);
	/* marker_third's bytes: t r u (0x7_), a e i (0x6_), M (0x4_). */
	const __m256i third_lo = _mm256_setr_epi8(0, 2, 1, 0, 1, 3, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0,
	                                          0, 2, 1, 0, 1, 3, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0);
	const __m256i hi = _mm256_setr_epi8(0, 0, 0, 0, 4, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0,
	                                    0, 0, 0, 0, 4, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0);
	__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)p);
	__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(p + 1));
	__m256i c = _mm256_loadu_si256((const __m256i *)(const void *)(p + 2));
	__m256i hit = _mm256_and_si256(_mm256_cmpeq_epi8(a, _mm256_set1_epi8(' ')),
	                               _mm256_and_si256(in_set(b, next_lo, hi),
	                                                in_set(c, third_lo, hi)));
	return (unsigned)_mm256_movemask_epi8(hit);
}

/* The part of scan_markers() for a line of 37 bytes or more on a CPU with
 * AVX2: 32 spaces at a time, each kept only when the two bytes after it
 * are a marker's. */
__attribute__((target("avx2"))) static unsigned scan_avx2(const char *s, size_t len,
                                                          const char *at[M_COUNT])
{
	const char *end = s + len, *p = s, *last = end - 37;
	unsigned found = 0, bits;

	/* A block tests the spaces at p[0..32) and reads p[0..34): with
	 * p <= end - 37 all lie inside the line and every space tested lies
	 * before end - 5. The last block is moved back to end at end - 37,
	 * its first bytes (tested already) masked off. */
	for (; p <= last; p += 32)
		if ((bits = block_avx2(p)) != 0)
			take_bits(s, p, end, bits, at, &found);
	if (p < end - 5) {
		/* 1 <= p - last <= 31 */
		bits = block_avx2(last) & (~0u << (unsigned)(p - last));
		if (bits)
			take_bits(s, last, end, bits, at, &found);
	}
	return found;
}
#endif

/* Finds where each marker first occurs in s[0..len) (NULL: nowhere);
 * returns whether any does. Every marker is a space and then one of the
 * bytes marker_next lists; with SSE2, sixteen bytes are tested at a time
 * for that pair, and only the pairs found are checked further (with AVX2,
 * thirty-two, for the byte after as well). */
static int scan_markers(const char *s, size_t len, const char *at[M_COUNT])
{
	const char *end = s + len, *p = s;
	unsigned found = 0;

	for (int m = 0; m < M_COUNT; m++)
		at[m] = NULL;
	if (len <= 5)
		return 0;
#ifdef SC_AVX2
	if (len >= 37 && __builtin_cpu_supports("avx2"))
		return scan_avx2(s, len, at) != 0;
#endif
#ifdef __SSE2__
	if (len >= 21) {
		const __m128i space = _mm_set1_epi8(' ');
		const __m128i n1 = _mm_set1_epi8('s'), n2 = _mm_set1_epi8('r');
		const __m128i n3 = _mm_set1_epi8('m'), n4 = _mm_set1_epi8('e');
		const __m128i n5 = _mm_set1_epi8('L'), n6 = _mm_set1_epi8('a');
		const char *last = end - 21;

		/* A block tests the spaces at p[0..16) and reads p[1..17): with
		 * p <= end - 21 both lie inside the line, and every space tested
		 * lies before end - 5, where a marker can still fit. The last
		 * block is moved back to end at end - 21, its first bytes (tested
		 * already) masked off. */
		for (;;) {
			unsigned skip = 0;
			if (p > last) {
				if (p >= end - 5)
					break;
				skip = (unsigned)(p - last);
				p = last;
			}
			__m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
			__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
			__m128i next = _mm_or_si128(
				_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, n1), _mm_cmpeq_epi8(b, n2)),
				             _mm_or_si128(_mm_cmpeq_epi8(b, n3), _mm_cmpeq_epi8(b, n4))),
				_mm_or_si128(_mm_cmpeq_epi8(b, n5), _mm_cmpeq_epi8(b, n6)));
			unsigned bits = (unsigned)_mm_movemask_epi8(
				_mm_and_si128(_mm_cmpeq_epi8(a, space), next));
			bits &= ~((1u << skip) - 1);
			take_bits(s, p, end, bits, at, &found);
			p += 16;
		}
		return found != 0;
	}
#endif
	for (; end - p > 5; p++) {
		unsigned cand;
		if (*p == ' ' && (cand = candidates(p, found)) != 0)
			try_markers(s, p, end, cand, at, &found);
	}
	return found != 0;
}

void smtpcode_log_begin(struct smtpcode_log_state *st)
{
	memset(st, 0, sizeof *st);
	st->session_over = 1;
	smtpcode_reply_begin(&st->reply);
}

/* Fills the command of *ev from the log's word s[0..len). */
static void set_command(struct smtpcode_log_event *ev, const char *s, size_t len)
{
	ev->command = sc_command_find(s, len);
	ev->command_text = ev->command ? NULL : s;
	ev->command_text_len = ev->command ? 0 : len;
}

/* The first word of s[0..len): up to a space, a colon or the end. */
static size_t word_len(const char *s, size_t len)
{
	size_t n = 0;
	while (n < len && s[n] != ' ' && s[n] != ':' && s[n] != '\t')
		n++;
	return n;
}

/* Reads the reply in s[0..len) (flattened lines allowed) into ev. */
static int take_reply(struct smtpcode_log_event *ev, const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r'))
		len--;
	return smtpcode_reply_flat(s, len, &ev->reply);
}

/* The first reply in s[0..len) that follows `sep` (": ", "=", ...). */
static const char *reply_after(const char *s, size_t len, const char *sep)
{
	size_t n = strlen(sep);
	const char *p = s;

	while ((p = find(p, len - (size_t)(p - s), sep)) != NULL) {
		p += n;
		if (smtpcode_line_parse(p, len - (size_t)(p - s), NULL))
			return p;
	}
	return NULL;
}

/* Postfix's "(in reply to X command)": the words of X. */
static void postfix_command(struct smtpcode_log_event *ev, const char *s, size_t len)
{
	static const struct { const char *words, *command; } map[] = {
		{ "MAIL FROM", "MAIL" }, { "RCPT TO", "RCPT" },
		{ "end of DATA", "end-of-data" }, { "end of data", "end-of-data" },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (len == strlen(map[i].words) && memcmp(s, map[i].words, len) == 0) {
			set_command(ev, map[i].command, strlen(map[i].command));
			return;
		}
	set_command(ev, s, len);
}

/* Postfix, client side: "... said: 550 ... (in reply to RCPT TO command)",
 * "refused to talk to me: 421 ...", "status=sent (250 ...)". */
static int postfix_client(struct smtpcode_log_state *st, const char *s, size_t len,
                          const char *const at[M_COUNT], struct smtpcode_log_event *ev)
{
	const char *r, *in, *end;

	if ((r = at[M_REFUSED]) != NULL) {
		r += strlen("refused to talk to me: ");
		end = s + len;
		if (end > r && end[-1] == ')')
			end--;
		ev->format = "postfix";
		set_command(ev, "CONNECT", 7);
		return take_reply(ev, r, (size_t)(end - r));
	}
	if ((r = at[M_SAID]) != NULL) {
		r += strlen(" said: ");
		in = FIND(r, len - (size_t)(r - s), " (in reply to ");
		ev->format = "postfix";
		if (in == NULL) {
			/* Folded over the next lines (bounce messages). */
			st->pending = 1;
			st->format = "postfix";
			st->fold_lines = 0;
			st->fold_len = 0;
			size_t n = len - (size_t)(r - s);
			if (n > sizeof st->fold - 1)
				n = sizeof st->fold - 1;
			memcpy(st->fold, r, n);
			st->fold_len = n;
			return 0;
		}
		{
			const char *c = in + strlen(" (in reply to ");
			const char *ce = FIND(c, len - (size_t)(c - s), " command)");
			if (ce == NULL)
				ce = s + len;
			postfix_command(ev, c, (size_t)(ce - c));
		}
		return take_reply(ev, r, (size_t)(in - r));
	}
	if ((r = at[M_STATUS]) != NULL) {
		size_t rest = len - (size_t)(r - s);
		if (!STARTS(r, rest, "status=sent (") && !STARTS(r, rest, "status=deferred (") &&
		    !STARTS(r, rest, "status=bounced ("))
			return 0;
		r = (const char *)memchr(r, '(', rest) + 1;
		end = s + len;
		if (end > r && end[-1] == ')')
			end--;
		if (!smtpcode_line_parse(r, (size_t)(end - r), NULL))
			return 0;
		ev->format = "postfix";
		return take_reply(ev, r, (size_t)(end - r));
	}
	return 0;
}

/* Postfix, server side: "reject: RCPT from h[ip]: 554 5.7.1 ...; from=<>". */
static int postfix_server(const char *s, size_t len, const char *const at[M_COUNT],
                          struct smtpcode_log_event *ev)
{
	const char *r, *c, *end;
	size_t skip;

	if ((c = at[M_MILTER]) != NULL)
		skip = strlen(" milter-reject: ");
	else if ((c = at[M_REJECT]) != NULL)
		skip = strlen(" reject: ");
	else
		return 0;
	c += skip;
	if ((r = reply_after(c, len - (size_t)(c - s), ": ")) == NULL)
		return 0;
	end = FIND(r, len - (size_t)(r - s), "; from=");
	if (end == NULL)
		end = FIND(r, len - (size_t)(r - s), "; proto=");
	if (end == NULL)
		end = s + len;
	ev->format = "postfix-smtpd";
	set_command(ev, c, word_len(c, len - (size_t)(c - s)));
	return take_reply(ev, r, (size_t)(end - r));
}

/* Exim: "SMTP error from remote mail server after RCPT TO:<x>: 550 ...",
 * "LMTP error after ...", "authenticator failed for ...: 535 ...". */
static int exim(struct smtpcode_log_state *st, const char *s, size_t len,
                const char *const at[M_COUNT], struct smtpcode_log_event *ev)
{
	const char *a, *r;
	size_t rest;

	if ((a = at[M_AUTH_FAILED]) != NULL) {
		if ((r = reply_after(a, len - (size_t)(a - s), ": ")) == NULL)
			return 0;
		ev->format = "exim";
		set_command(ev, "AUTH", 4);
		return take_reply(ev, r, len - (size_t)(r - s));
	}
	if ((a = at[M_EXIM_SMTP]) != NULL)
		a += strlen("error from remote mail server after ");
	else if ((a = at[M_EXIM_LMTP]) != NULL)
		a += strlen("LMTP error after ");
	else
		return 0;
	rest = len - (size_t)(a - s);
	ev->format = "exim";
	if (STARTS(a, rest, "pipelined ")) {
		ev->pipelined = 1;
		a += strlen("pipelined ");
		rest -= strlen("pipelined ");
	}
	if (STARTS(a, rest, "initial connection"))
		set_command(ev, "CONNECT", 7);
	else if (STARTS(a, rest, "end of data"))
		set_command(ev, "end-of-data", 11);
	else
		set_command(ev, a, word_len(a, rest));
	if ((r = reply_after(a, rest, ": ")) != NULL)
		return take_reply(ev, r, len - (size_t)(r - s));
	/* The reply is on the next lines (bounce messages). */
	st->pending = 1;
	st->format = "exim";
	st->pending_command = ev->command;
	st->pending_pipelined = ev->pipelined;
	st->fold_len = 0;
	return 0;
}

/* Sendmail: "ruleset=check_rcpt, ... reject=550 5.7.1 ...", and a reply in
 * "stat=" (which names no command). */
static int sendmail(const char *s, size_t len, const char *const at[M_COUNT],
                    struct smtpcode_log_event *ev)
{
	static const struct { const char *ruleset, *command; } map[] = {
		{ "check_rcpt,", "RCPT" }, { "check_mail,", "MAIL" },
		{ "check_relay,", "CONNECT" },
	};
	const char *r, *rs;

	if ((r = at[M_SM_REJECT]) != NULL && (rs = FIND(s, len, "ruleset=")) != NULL) {
		size_t rest;
		r += strlen(", reject=");
		if (!smtpcode_line_parse(r, len - (size_t)(r - s), NULL))
			return 0;
		ev->format = "sendmail";
		rs += strlen("ruleset=");
		rest = len - (size_t)(rs - s);
		for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
			if (starts_n(rs, rest, map[i].ruleset, strlen(map[i].ruleset)))
				set_command(ev, map[i].command, strlen(map[i].command));
		return take_reply(ev, r, len - (size_t)(r - s));
	}
	if ((r = at[M_STAT]) != NULL) {
		const char *p = r;
		const char *end = s + len;
		/* The reply follows "stat=" directly or after "Deferred: " etc. */
		while (p < end && !(digit(*p) && (p == r || p[-1] == ' ' || p[-1] == '=') &&
		                    smtpcode_line_parse(p, (size_t)(end - p), NULL)))
			p++;
		if (p >= end)
			return 0;
		ev->format = "sendmail";
		return take_reply(ev, p, (size_t)(end - p));
	}
	return 0;
}

/* Transcript styles: the prefixes of client and of server lines, matched
 * after leading white space. */
static const struct {
	const char *format;
	const char *client[2];
	const char *server[3];
} styles[] = {
	{ "dialogue", { "C: ", NULL }, { "S: ", NULL, NULL } },
	{ "swaks", { "-> ", "~> " }, { "<- ", "<** ", "<~ " } },
	{ "sendmail-transcript", { ">>> ", NULL }, { "<<< ", NULL, NULL } },
	{ "postfix-notice", { "In: ", NULL }, { "Out: ", NULL, NULL } },
};

/* The length of the prefix of s[0..len) among the NULL-ended list; 0 if none. */
static size_t prefix_of(const char *s, size_t len, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n && list[i]; i++) {
		size_t k;
		if (len == 0 || list[i][0] != s[0])
			continue; /* before strlen: most lines differ at once */
		k = strlen(list[i]);
		if (starts_n(s, len, list[i], k))
			return k;
	}
	return 0;
}

/* A client line of a transcript: remember the command it sends. */
static void client_line(struct smtpcode_log_state *st, const char *cmd, size_t len)
{
	size_t w;

	while (len > 0 && (*cmd == ' ' || *cmd == '\t'))
		cmd++, len--;
	while (len > 0 && cmd[len - 1] == ' ')
		len--;
	if (st->in_data) {
		if (len == 1 && cmd[0] == '.') {
			st->in_data = 0;
			st->last = sc_command_find(".", 1);
		}
		return;
	}
	w = word_len(cmd, len);
	st->last = sc_command_find(cmd, w);
	st->last_text = NULL;
	st->last_text_len = 0;
	if (st->last == NULL && w > 0) {
		/* Copied: the caller may reuse this line's buffer before the
		 * reply comes. A longer word is cut. */
		if (w > sizeof st->last_word)
			w = sizeof st->last_word;
		memcpy(st->last_word, cmd, w);
		st->last_text = st->last_word;
		st->last_text_len = w;
	}
	smtpcode_reply_begin(&st->reply);
}

/* A server line of a transcript: 1 when it completes a reply. */
static int server_line(struct smtpcode_log_state *st, const char *format,
                       const char *r, size_t len, struct smtpcode_log_event *ev)
{
	const struct smtpcode_command *c;

	while (len > 0 && *r == ' ')
		r++, len--;
	if (smtpcode_reply_feed(&st->reply, r, len) != SMTPCODE_FEED_DONE)
		return 0;
	ev->format = format;
	ev->reply = st->reply;
	if (st->last == NULL && (st->session_over || st->reply.code == 220)) {
		/* The first reply of a session is the greeting; a 220 that
		 * answers no command starts a new session. */
		ev->command = sc_command_find("CONNECT", 7);
	} else {
		ev->command = st->last;
		if (st->last == NULL && st->last_text) {
			ev->command_text = st->last_text;
			ev->command_text_len = st->last_text_len;
		}
	}
	c = ev->command;
	st->session_over = 0;
	if (c && strcmp(c->name, "DATA") == 0 && st->reply.code / 100 == 3)
		st->in_data = 1;
	if ((c && strcmp(c->name, "QUIT") == 0) || st->reply.code == 421)
		st->session_over = 1;
	st->last = NULL;
	st->last_text = NULL;
	smtpcode_reply_begin(&st->reply);
	return 1;
}

/* Reads one transcript line: 1 for a complete reply, 0 for another
 * transcript line, -1 when the line is not one. */
static int transcript(struct smtpcode_log_state *st, const char *s, size_t len,
                      struct smtpcode_log_event *ev)
{
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	/* Every transcript prefix begins with two of these bytes. */
	if (len < 2 || !transcript_first[(unsigned char)s[0]] ||
	    !transcript_second[(unsigned char)s[1]])
		return -1;
	if (STARTS(s, len, "=== Connected to")) {
		/* swaks: a new session; its first reply is a greeting. */
		st->session_over = 1;
		st->in_data = 0;
		st->last = NULL;
		return 0;
	}
	for (size_t k = 0; k < sizeof styles / sizeof styles[0]; k++) {
		size_t nc = prefix_of(s, len, styles[k].client, 2);
		size_t ns = nc ? 0 : prefix_of(s, len, styles[k].server, 3);
		if (nc == 0 && ns == 0)
			continue;
		if (st->style != (int)k + 1) {
			/* Another transcript: another session. */
			st->style = (int)k + 1;
			st->session_over = 1;
			st->in_data = 0;
			st->last = NULL;
			smtpcode_reply_begin(&st->reply);
		}
		if (nc) {
			client_line(st, s + nc, len - nc);
			return 0;
		}
		return server_line(st, styles[k].format, s + ns, len - ns, ev);
	}
	return -1;
}

/* A line that continues a folded reply: indented text. Returns 1 when the
 * reply is complete. */
static int folded(struct smtpcode_log_state *st, const char *s, size_t len,
                  struct smtpcode_log_event *ev)
{
	size_t lead = 0, room;
	const char *in;

	while (lead < len && (s[lead] == ' ' || s[lead] == '\t'))
		lead++;
	if (lead == 0 || lead == len) {
		st->pending = 0;
		return 0;
	}
	s += lead;
	len -= lead;
	if (strcmp(st->format, "exim") == 0 && st->fold_len == 0) {
		/* "host H [IP]: 550 ..." or the reply alone. */
		const char *r = smtpcode_line_parse(s, len, NULL) ? s : reply_after(s, len, ": ");
		if (r == NULL)
			return 0;
		st->pending = 0;
		ev->format = "exim";
		ev->command = st->pending_command;
		ev->pipelined = st->pending_pipelined;
		return take_reply(ev, r, len - (size_t)(r - s));
	}
	/* Postfix: join with one space until "(in reply to ... command)". */
	st->fold_lines++;
	room = sizeof st->fold - 1 - st->fold_len;
	if (room > 0) {
		st->fold[st->fold_len++] = ' ';
		room--;
	}
	if (len > room)
		len = room;
	memcpy(st->fold + st->fold_len, s, len);
	st->fold_len += len;
	in = FIND(st->fold, st->fold_len, " (in reply to ");
	if (in == NULL) {
		if (room == 0)
			st->pending = 0; /* too long: give up on this reply */
		return 0;
	}
	{
		const char *c = in + strlen(" (in reply to ");
		const char *ce = FIND(c, st->fold_len - (size_t)(c - st->fold), " command)");
		if (ce == NULL)
			return 0; /* "command)" is still to come */
		st->pending = 0;
		ev->format = "postfix";
		ev->lines_before = st->fold_lines;
		postfix_command(ev, c, (size_t)(ce - c));
		return take_reply(ev, st->fold, (size_t)(in - st->fold));
	}
}

/* Resets what the readers may have set before giving up. The reply is
 * left: every reader that succeeds writes the whole of it. */
static void clear_event(struct smtpcode_log_event *ev)
{
	ev->format = NULL;
	ev->command = NULL;
	ev->command_text = NULL;
	ev->command_text_len = 0;
	ev->pipelined = 0;
	ev->lines_before = 0;
}

int smtpcode_log_end(struct smtpcode_log_state *st, struct smtpcode_log_event *ev)
{
	if (st == NULL || ev == NULL)
		return 0;
	clear_event(ev);
	if (st->reply.open && st->style > 0) {
		ev->format = styles[st->style - 1].format;
		ev->command = st->last;
		ev->reply = st->reply;
		ev->reply.flags |= SMTPCODE_REPLY_UNTERMINATED;
		smtpcode_reply_begin(&st->reply);
		return 1;
	}
	if (st->pending && strcmp(st->format, "postfix") == 0 &&
	    smtpcode_reply_flat(st->fold, st->fold_len, &ev->reply)) {
		ev->format = st->format;
		ev->lines_before = st->fold_lines;
		ev->reply.flags |= SMTPCODE_REPLY_UNTERMINATED;
		st->pending = 0;
		return 1;
	}
	st->pending = 0;
	return 0;
}

int smtpcode_log_line(struct smtpcode_log_state *st, const char *line, size_t len,
                      struct smtpcode_log_event *ev)
{
	const char *at[M_COUNT];
	int t;

	if (st == NULL || line == NULL || ev == NULL)
		return 0;
	clear_event(ev);
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (st->pending) {
		if (folded(st, line, len, ev))
			return 1;
		if (st->pending)
			return 0;
		clear_event(ev); /* what the fold's end left half-read */
	}
	if ((t = transcript(st, line, len, ev)) >= 0)
		return t;
	if (!scan_markers(line, len, at))
		return 0;
	if (postfix_server(line, len, at, ev))
		return 1;
	clear_event(ev);
	if (postfix_client(st, line, len, at, ev))
		return 1;
	clear_event(ev);
	if (exim(st, line, len, at, ev))
		return 1;
	clear_event(ev);
	if (sendmail(line, len, at, ev))
		return 1;
	clear_event(ev);
	return 0;
}
