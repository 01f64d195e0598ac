/* SPDX-License-Identifier: MIT */
/* reason.c - why a reply refused: its reason (data/reasons.txt), read by
 * the rules of data/reasonrules.txt and the provider rows of
 * data/providers.txt in the order that file's header states.
 *
 * Layer: a leaf; reads only the tables gen/reasons.awk wrote
 * (gen-reasons.c). Nothing in src/ calls it. Allocates nothing and keeps
 * no state: the text is read once into a window on the stack, and as each
 * byte is put, the hash of the last three names the few phrases that may
 * end there; then only the rows that the phrases found and the enhanced
 * code name are tried.
 *
 * The text. Each line's head ("550-", "550 " and an enhanced code after
 * it) is left out, the lines are joined with one space, runs of blanks
 * become one space and ASCII letters are lowered, as data/reasonrules.txt
 * says; a head met inside a line after a blank (a reply that a log
 * flattened onto one line, "550-5.1.1 a 550 5.1.1 b") is left out too, so
 * that a phrase split over two of its lines is still found. An address,
 * '<' to the next '>' in the whole text, is put as "<>" (no phrase holds
 * either bracket, so none is found in or across one); a '<' with no '>'
 * after it is a byte like any other. tools/judge.c's memo key leaves out
 * the same bytes. */
#include "reason.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

/* The window the text is read into: most replies fit whole. A longer text
 * slides through it, keeping its last SC_REASON_PHRASE_LIMIT - 1 bytes:
 * a phrase is found when its last byte is put, and all of it is then in
 * the window. */
#define WINDOW 2048
_Static_assert(WINDOW > 2 * SC_REASON_PHRASE_LIMIT, "the window holds two phrases");

#define NBITS ((SC_REASON_PHRASES_LIMIT + 63) / 64)

struct text {
	char buf[WINDOW];
	size_t len;
	uint32_t last;   /* the last bytes put, the last the lowest */
	int space;       /* a blank is owed before the next byte */
	uint64_t hit[NBITS]; /* the phrases found in it */
	size_t nfound;   /* and their indexes, in the order found */
	unsigned short found[SC_REASON_PHRASES_LIMIT];
	/* the addresses: the text's end; the '>' that ends an address begun
	 * on an earlier line (NULL: none open); and whether no '>' is left
	 * after the last '<' met, so that any later '<' is read as a byte */
	const char *end, *close;
	int unclosed;
	/* the remote host: its name in lower case without a final dot, and
	 * which lists of hosts (sc_reason_hostlists) it was matched against */
	int host_given;
	size_t host_len;   /* past sizeof host: too long to match any */
	char host[256];
	uint64_t list_known, list_hit;
};

static int blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static int digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* A byte that continues a word: letters, digits, '_', and any byte past
 * ASCII (a UTF-8 letter, as the reference reading's \b counts it). */
static int wordbyte(unsigned char c)
{
	return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static int lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static void set_bit(uint64_t *b, size_t i)
{
	b[i / 64] |= (uint64_t)1 << (i % 64);
}

static int bit(const uint64_t *b, size_t i)
{
	return (int)(b[i / 64] >> (i % 64) & 1);
}

/* The phrases that may end at the byte before o (their last three bytes
 * hash as h): each compared with the window before o, its first and last
 * bytes first (the phrases of a hash often end alike, "unknown", but seldom
 * begin alike). */
static void found_at(struct text *t, const char *o, unsigned h)
{
	size_t have = (size_t)(o - t->buf);

	for (unsigned k = sc_reason_tail_start[h]; k < sc_reason_tail_start[h + 1]; k++) {
		unsigned p = sc_reason_tail_phrases[k];
		const struct sc_reason_phrase *ph = &sc_reason_phrases[p];
		size_t n = ph->len;
		if (n <= have && o[-(ptrdiff_t)n] == ph->text[0] && o[-1] == ph->text[n - 1] &&
		    !bit(t->hit, p) && memcmp(o - n + 1, ph->text + 1, n - 2) == 0) {
			set_bit(t->hit, p);
			t->found[t->nfound++] = (unsigned short)p;
		}
	}
}

/* Makes room for at least WINDOW / 2 more bytes: keeps the window's last
 * SC_REASON_PHRASE_LIMIT - 1. */
static void slide(struct text *t)
{
	size_t keep = SC_REASON_PHRASE_LIMIT - 1;

	memmove(t->buf, t->buf + t->len - keep, keep);
	t->len = keep;
}

/* The length of an enhanced code at s[0..n) as the heads carry it
 * (RFC 3463 §2's shape: class 2, 4 or 5, sub-codes of 1 to 3 digits, not
 * followed by a word's byte), with the blanks after it; 0 when there is
 * none. */
static size_t ecode_head(const char *s, size_t n)
{
	size_t i = 0, d;

	if (n < 5 || (s[0] != '2' && s[0] != '4' && s[0] != '5') || s[1] != '.')
		return 0;
	i = 2;
	for (d = 0; i < n && digit((unsigned char)s[i]); i++, d++)
		;
	if (d < 1 || d > 3 || i >= n || s[i] != '.')
		return 0;
	i++;
	for (d = 0; i < n && digit((unsigned char)s[i]); i++, d++)
		;
	if (d < 1 || d > 3 || (i < n && wordbyte((unsigned char)s[i])))
		return 0;
	while (i < n && blank((unsigned char)s[i]))
		i++;
	return i;
}

/* An inner head at s[0..n), after a blank: the reply's own code and "-"
 * (and an enhanced code), or the code, a space and an enhanced code.
 * Returns its length with the blanks after it, or 0. */
static size_t inner_head(const char *s, size_t n, int code)
{
	size_t e;

	if (n < 4 || !digit((unsigned char)s[0]) || !digit((unsigned char)s[1]) ||
	    !digit((unsigned char)s[2]) ||
	    (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0') != code)
		return 0;
	if (s[3] == '-') {
		e = ecode_head(s + 4, n - 4);
		return 4 + e;
	}
	if (s[3] == ' ' && (e = ecode_head(s + 4, n - 4)) > 0)
		return 4 + e;
	return 0;
}

/* Puts byte b at o, the text's last three bytes in *last, and looks for
 * the phrases that end with it; returns the place after it. */
static inline char *put_byte(struct text *t, char *o, uint32_t *last, unsigned b)
{
	unsigned h;

	*o++ = (char)b;
	*last = *last << 8 | b;
	h = SC_REASON_TAIL(*last & 0xffffff);
	if (sc_reason_tail_start[h] != sc_reason_tail_start[h + 1])
		found_at(t, o, h);
	return o;
}

/* The '>' that ends an address whose '<' is at lt (the next '>' in the
 * text, as tools/judge.c's memo key reads it), or NULL: an unclosed '<' is
 * no address, and a byte like any other. */
static const char *address_end(struct text *t, const char *lt)
{
	const char *gt;

	if (t->unclosed)
		return NULL;
	gt = memchr(lt + 1, '>', (size_t)(t->end - lt - 1));
	t->unclosed = gt == NULL;
	return gt;
}

/* Puts the bytes s[i..end) of a line s[0..n) as data/reasonrules.txt
 * reads them, t->space saying whether a blank is owed before the next;
 * the window has room for one byte more than end - i. An address,
 * '<' to the next '>', is put as "<>"; one that goes on past the line
 * leaves its '>' in t->close. Returns where it stopped (an inner head or
 * an address may take it past end). */
static size_t put_run(struct text *t, const char *s, size_t n, size_t i, size_t end, int code)
{
	char *o = t->buf + t->len;
	uint32_t last = t->last;
	int space = t->space;

	for (; i < end; i++) {
		unsigned c = (unsigned char)s[i];
		const char *gt;
		size_t h;
		if (c > '@') {
			/* most bytes: letters */
			if (c - 'A' < 26u)
				c += 'a' - 'A';
		} else if (blank((unsigned char)c)) {
			space = 1;
			continue;
		} else if (c - '0' < 10u && i > 0 && blank((unsigned char)s[i - 1]) &&
		           (h = inner_head(s + i, n - i, code)) > 0) {
			i += h - 1;
			space = 1;
			continue;
		} else if (c == '<' && (gt = address_end(t, s + i)) != NULL) {
			if (space)
				o = put_byte(t, o, &last, ' ');
			space = 0;
			o = put_byte(t, o, &last, c);
			if (gt >= s + n) {
				t->close = gt;
				i = n;
				break;
			}
			i = (size_t)(gt - s) - 1; /* its '>' next, put as a byte */
			continue;
		}
		if (space)
			o = put_byte(t, o, &last, ' ');
		space = 0;
		o = put_byte(t, o, &last, c);
	}
	t->len = (size_t)(o - t->buf);
	t->last = last;
	t->space = space;
	return i;
}

/* The bytes s[0..n) of a line from where its head, if any, ended. */
static void put_bytes(struct text *t, const char *s, size_t n, int code)
{
	size_t i = 0;

	while (i < n) {
		size_t run;
		if (t->len > WINDOW / 2)
			slide(t);
		run = WINDOW - 1 - t->len < n - i ? WINDOW - 1 - t->len : n - i;
		i = put_run(t, s, n, i, i + run, code);
	}
}

/* One line of the text: its head left out, its bytes put. */
static void put_line(struct text *t, const char *s, size_t n, int code)
{
	while (n > 0 && blank((unsigned char)s[0]))
		s++, n--;
	while (n > 0 && blank((unsigned char)s[n - 1]))
		n--;
	if (n >= 3 && digit((unsigned char)s[0]) && digit((unsigned char)s[1]) &&
	    digit((unsigned char)s[2]) && (n == 3 || s[3] == ' ' || s[3] == '-')) {
		size_t skip = n == 3 ? 3 : 4;
		s += skip, n -= skip;
		skip = ecode_head(s, n);
		s += skip, n -= skip;
	}
	/* the lines joined with one space (a line's first byte is no blank,
	 * and is put) */
	t->space = t->len > 0;
	put_bytes(t, s, n, code);
}

static void read_text(struct text *t, const char *s, size_t n, int code)
{
	const char *end = s != NULL ? s + n : NULL;

	t->len = 0;
	t->last = 0;
	t->nfound = 0;
	memset(t->hit, 0, sizeof t->hit);
	t->end = end;
	t->close = NULL;
	t->unclosed = 0;
	while (s != NULL && s < end) {
		const char *e = memchr(s, '\n', (size_t)(end - s));
		size_t len = e ? (size_t)(e - s) : (size_t)(end - s);
		if (t->close == NULL) {
			put_line(t, s, len, code);
		} else if (t->close < s + len) {
			/* an address that began on an earlier line ends on this
			 * one: the rest is read from its '>', as within a line */
			const char *gt = t->close;
			t->close = NULL;
			put_bytes(t, gt, len - (size_t)(gt - s), code);
		}
		s += len + 1;
	}
}

/* Whether phrase i is in the text. */
static int has(const struct text *t, size_t i)
{
	return bit(t->hit, i);
}

/* Takes the remote host's name: lower case, a final '.' left out. */
static void read_host(struct text *t, const char *host)
{
	size_t n;

	t->list_known = t->list_hit = 0;
	t->host_given = host != NULL && host[0] != '\0';
	if (!t->host_given)
		return;
	n = strlen(host);
	if (host[n - 1] == '.')
		n--;
	t->host_len = n;
	if (n > sizeof t->host)
		return;
	for (size_t i = 0; i < n; i++)
		t->host[i] = (char)lower((unsigned char)host[i]);
}

/* Whether the host matches a pattern of list l: "*.example.com" any name
 * ending in ".example.com", else the whole name. */
static int host_in_list(struct text *t, int l)
{
	const uint64_t b = (uint64_t)1 << l;

	if (!(t->list_known & b)) {
		const struct sc_reason_hostlist *hl = &sc_reason_hostlists[l];
		t->list_known |= b;
		for (size_t i = hl->first; i < hl->first + hl->count && t->host_len <= sizeof t->host; i++) {
			const struct sc_reason_host *h = &sc_reason_hosts[i];
			if (h->wild ? t->host_len > h->len &&
			                  memcmp(t->host + t->host_len - h->len, h->text, h->len) == 0
			            : t->host_len == h->len && memcmp(t->host, h->text, h->len) == 0) {
				t->list_hit |= b;
				break;
			}
		}
	}
	return (t->list_hit & b) != 0;
}

static int status_matches(int ecls, int subject, int detail, const struct smtpcode_ecode *e)
{
	return e != NULL && (ecls == 0 || ecls == e->cls) && subject == e->subject &&
	       detail == e->detail;
}

static int provider_applies(const struct sc_reason_provider_row *r, int code,
                            const struct smtpcode_ecode *ecode, struct text *t)
{
	/* the cheap tests first; all must pass */
	if (r->code != 0 && (r->code_class ? code / 100 != r->code : code != r->code))
		return 0;
	if (r->ecls >= 0 && !status_matches(r->ecls, r->subject, r->detail, ecode))
		return 0;
	if (r->hostlist >= 0) {
		if (t->host_given) {
			if (!host_in_list(t, r->hostlist))
				return 0;
		} else if (r->nphrases == 0 || r->host_required) {
			/* a code alone, or words that many servers write, are too
			 * common to tell the provider */
			return 0;
		}
	}
	for (size_t i = 0; i < r->nphrases; i++)
		if (!has(t, r->phrases[i]))
			return 0;
	return 1;
}

static int phrase_row_applies(size_t i, int code, uint64_t cmd)
{
	const struct sc_reason_phrase_row *r = &sc_reason_phrase_rows[i];

	return (r->commands & cmd) && (r->cls == 0 || r->cls == code / 100);
}

/* Steps 2 and 4: phrase row i when it is below to (the tier's end; i is
 * the tier's first row that applies, or past it). */
static int phrase_step(size_t i, size_t to, struct smtpcode_why *w)
{
	const struct sc_reason_phrase_row *r;

	if (i >= to)
		return 0;
	r = &sc_reason_phrase_rows[i];
	w->reason = (enum smtpcode_reason)r->reason;
	w->by = SMTPCODE_REASON_BY_PHRASE;
	w->strong = i < sc_reason_phrase_strong;
	w->rule = r->text;
	w->what = r->what;
	w->software = r->software;
	w->source = r->source;
	return 1;
}

/* Steps 3 and 5: the first status row in [from, to) of the enhanced
 * code's (key: NULL for none) that applies. */
static int status_step(const struct sc_reason_key *key, size_t from, size_t to,
                       const struct smtpcode_ecode *ecode, uint64_t cmd, struct smtpcode_why *w)
{
	const unsigned short *rows = key != NULL ? sc_reason_key_rows + key->status : NULL;

	for (size_t k = 0; rows != NULL && k < key->nstatus; k++) {
		const struct sc_reason_status_row *r = &sc_reason_status_rows[rows[k]];
		if (rows[k] < from || rows[k] >= to || !(r->commands & cmd) ||
		    !status_matches(r->ecls, r->subject, r->detail, ecode))
			continue;
		w->reason = (enum smtpcode_reason)r->reason;
		w->by = SMTPCODE_REASON_BY_STATUS;
		w->strong = rows[k] < sc_reason_status_strong;
		w->rule = r->code;
		w->source = r->source;
		return 1;
	}
	return 0;
}

/* The rows of the enhanced code's subject and detail (sc_reason_keys), or
 * NULL. */
static const struct sc_reason_key *key_of(const struct smtpcode_ecode *ecode)
{
	unsigned key;
	size_t lo = 0, hi = sc_reason_nkeys;

	if (ecode == NULL || ecode->subject < 0 || ecode->subject > 999 || ecode->detail < 0 ||
	    ecode->detail > 999)
		return NULL;
	key = (unsigned)ecode->subject * 1000u + (unsigned)ecode->detail;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sc_reason_keys[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sc_reason_nkeys && sc_reason_keys[lo].key == key ? &sc_reason_keys[lo] : NULL;
}

/* The least of rows[0..n) below best for which the provider row applies,
 * else best. */
static size_t provider_first(const unsigned short *rows, size_t n, size_t best, int code,
                             const struct smtpcode_ecode *ecode, struct text *t)
{
	for (size_t k = 0; k < n; k++)
		if (rows[k] < best && provider_applies(&sc_reason_provider_rows[rows[k]], code, ecode, t))
			best = rows[k];
	return best;
}

/* The order is data/reasonrules.txt's: in each step the first row in the
 * tables' order that applies. A row can apply only if the text holds its
 * phrases, or, for a row with none, the reply has the enhanced code it
 * tests: so only the rows that the phrases found and the enhanced code
 * name (sc_reason_phrases, sc_reason_keys) are tried, and of those that
 * apply, the least index wins; when the text holds no phrase, a step
 * tries no row but those of its enhanced code. */
int smtpcode_reason(int code, const struct smtpcode_ecode *ecode, const char *text, size_t len,
                    const struct smtpcode_command *command, const char *host,
                    struct smtpcode_why *out)
{
	struct text t;
	struct smtpcode_why w = { SMTPCODE_REASON_UNDEFINED, SMTPCODE_REASON_BY_NOTHING, 0, NULL,
		                  NULL, NULL, NULL, NULL };
	const struct sc_reason_key *key;
	uint64_t cmd;
	size_t best, strong, weak;

	if (code < 100 || code > 999 || (text == NULL && len > 0)) {
		errno = EINVAL;
		return -1;
	}
	if (code < 400 || code > 599)
		return -1;
	cmd = command == NULL ? SC_REASON_NOCMD
	      : command->id < 63 ? SC_REASON_CMD(command->id) : 0;
	read_text(&t, text, len, code);
	read_host(&t, host);
	key = key_of(ecode);

	/* 1. provider rows */
	best = provider_first(sc_reason_prov_bare, sc_reason_prov_nbare, sc_reason_provider_nrows,
	                      code, ecode, &t);
	if (key != NULL)
		best = provider_first(sc_reason_key_rows + key->providers, key->nproviders, best, code,
		                      ecode, &t);
	for (size_t f = 0; f < t.nfound; f++) {
		const struct sc_reason_phrase *ph = &sc_reason_phrases[t.found[f]];
		best = provider_first(ph->providers, ph->nproviders, best, code, ecode, &t);
	}
	if (best < sc_reason_provider_nrows) {
		w.provider = &sc_reason_providers[best];
		w.reason = w.provider->reason;
		w.by = SMTPCODE_REASON_BY_PROVIDER;
		goto done;
	}
	/* 2 to 5: strong phrases, strong codes, weak phrases, weak codes; the
	 * first phrase row of each tier that applies */
	strong = sc_reason_phrase_strong;
	weak = sc_reason_phrase_nrows;
	for (size_t f = 0; f < t.nfound; f++) {
		const struct sc_reason_phrase *ph = &sc_reason_phrases[t.found[f]];
		for (size_t k = 0; k < ph->nrows; k++) {
			size_t i = ph->rows[k];
			if (!phrase_row_applies(i, code, cmd))
				continue;
			if (i < sc_reason_phrase_strong && i < strong)
				strong = i;
			else if (i >= sc_reason_phrase_strong && i < weak)
				weak = i;
		}
	}
	if (phrase_step(strong, sc_reason_phrase_strong, &w) ||
	    status_step(key, 0, sc_reason_status_strong, ecode, cmd, &w) ||
	    phrase_step(weak, sc_reason_phrase_nrows, &w) ||
	    status_step(key, sc_reason_status_strong, sc_reason_status_nrows, ecode, cmd, &w))
		goto done;
	/* 6. the reply code */
	for (size_t i = 0; i < sc_reason_reply_nrows; i++) {
		const struct sc_reason_reply_row *r = &sc_reason_reply_rows[i];
		if (r->code == code && (r->commands & cmd)) {
			w.reason = (enum smtpcode_reason)r->reason;
			w.by = SMTPCODE_REASON_BY_REPLY;
			w.rule = r->code_text;
			w.source = r->source;
			goto done;
		}
	}
	/* 7. undefined: w as it began */
done:
	if (out != NULL)
		*out = w;
	return (int)w.reason;
}

const char *smtpcode_reason_name(enum smtpcode_reason reason)
{
	if ((unsigned)reason >= SMTPCODE_REASON_COUNT)
		return NULL;
	return sc_reason_defs[reason].name;
}

const char *smtpcode_reason_definition(enum smtpcode_reason reason)
{
	if ((unsigned)reason >= SMTPCODE_REASON_COUNT)
		return NULL;
	return sc_reason_defs[reason].definition;
}

int smtpcode_reason_by_name(const char *s, size_t len)
{
	if (s == NULL)
		return -1;
	for (int r = 0; r < SMTPCODE_REASON_COUNT; r++)
		if (strlen(sc_reason_defs[r].name) == len && memcmp(sc_reason_defs[r].name, s, len) == 0)
			return r;
	return -1;
}

const char *smtpcode_reason_step_name(enum smtpcode_reason_step step)
{
	static const char *const names[] = { "provider", "phrase", "status", "reply", "nothing" };

	if ((unsigned)step >= sizeof names / sizeof names[0])
		return NULL;
	return names[step];
}

const struct smtpcode_provider *smtpcode_provider_at(size_t i)
{
	return i < sc_reason_provider_nrows ? &sc_reason_providers[i] : NULL;
}
