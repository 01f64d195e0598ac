/* SPDX-License-Identifier: MIT */
/* logtext.c - the primitives every reader of a log line uses: finding a
 * text, a word row of a format, the command of the log's words, and the
 * reply text that follows, and a reply given as a JSON object's members.
 *
 * Layer: reader primitives (a leaf of the log reader). Calls only the code
 * library below it (command.c, replyparse.c) and the generated tables
 * (gen-tables.c, gen-logformats.c); every reader above (transcript.c,
 * logfold.c, logmarker.c, logrecord.c, logline.c) may call it. */
#include "internal.h"
#include "log.h"

#include <string.h>

const char *sc_find(const char *s, size_t len, const char *needle, size_t n)
{
	/* Most needles begin with a space, the commonest byte of a log line:
	 * memchr then looks for the byte after it (" (in reply to ": '('). */
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

/* A command in quotes, read past the opening one: Exim's 'response to
 * "RCPT TO:<x>" was: ...' (the word '"RCPT'); NULL for none. (Out of the
 * way of the common path: a word that names a command.) */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static const struct smtpcode_command *quoted_command(const char *s, size_t len)
{
	return len > 1 && s[0] == '"' ? smtpcode_command(s + 1, len - 1) : NULL;
}

void sc_set_command(struct smtpcode_log_event *ev, const char *s, size_t len)
{
	ev->command = smtpcode_command(s, len);
	if (ev->command == NULL)
		ev->command = quoted_command(s, len);
	ev->command_text = ev->command ? NULL : s;
	ev->command_text_len = ev->command ? 0 : len;
}

void sc_word_command(struct smtpcode_log_event *ev, const struct sc_word *w, const char *s,
                     size_t n)
{
	if (w != NULL && w->command >= 0) {
		ev->command = &sc_commands[w->command];
		ev->command_text = NULL;
		ev->command_text_len = 0;
	} else {
		sc_set_command(ev, s, n);
	}
}

const struct sc_word *sc_word_at(int format, const char *s, size_t len, int exact)
{
	if (len == 0)
		return NULL;
	for (size_t i = sc_format_words[format]; i < sc_format_words[format + 1]; i++) {
		const struct sc_word *w = &sc_words[i];
		if (len < w->len || s[0] != w->text[0] || memcmp(s, w->text, w->len) != 0)
			continue;
		if (exact ? len == w->len
		          : (len == w->len || w->text[w->len - 1] == ' ' ||
		             sc_word_len(s + w->len, len - w->len) == 0))
			return w;
	}
	return NULL;
}

void sc_word_before(struct smtpcode_log_event *ev, int fmt, const char *line, size_t len)
{
	for (size_t i = sc_format_words[fmt]; i < sc_format_words[fmt + 1]; i++) {
		const struct sc_word *w = &sc_words[i];
		const char *s;
		if (w->command < 0 || len < w->len)
			continue;
		s = line + len - w->len;
		if (memcmp(s, w->text, w->len) == 0 && (s == line || s[-1] == ' ' || s[-1] == ':')) {
			ev->command = &sc_commands[w->command];
			return;
		}
	}
}

/* Whether a[0..n) and the words w[0..n) are the same, letters in any case
 * (only letters differ by 0x20 in the words' ASCII). */
static int same_words(const char *a, const char *w, size_t n)
{
	size_t k = 0;

	while (k < n && (a[k] | 0x20) == (w[k] | 0x20))
		k++;
	return k == n;
}

void sc_word_echo(struct smtpcode_log_event *ev, int fmt)
{
	const char *t = ev->reply.text;
	size_t n = ev->reply.text_len;

	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	for (size_t i = sc_format_words[fmt]; i < sc_format_words[fmt + 1]; i++) {
		const struct sc_word *w = &sc_words[i];
		if (w->command < 0 || n < w->len)
			continue;
		if (same_words(t, w->text, w->len) || same_words(t + n - w->len, w->text, w->len)) {
			ev->command = &sc_commands[w->command];
			return;
		}
	}
}

void sc_after_reply_command(struct smtpcode_log_event *ev, const struct sc_marker *mk,
                            const char *c, size_t n)
{
	const char *ce = sc_find(c, n, mk->arg, mk->arg_len);

	n = ce ? (size_t)(ce - c) : n;
	sc_word_command(ev, sc_word_at(mk->format, c, n, 1), c, n);
}

int sc_take_lines(struct smtpcode_log_event *ev, const char *s, size_t len, struct sc_lines *l)
{
	size_t n;

	ev->lines = NULL;
	if (l == NULL)
		return 1;
	sc_lines_begin(l);
	sc_reply_flat_lines(s, len, &ev->reply, 0, l->text[l->half], SC_LINES, &n);
	l->len = n;
	sc_lines_set(l, ev);
	return 1;
}

int sc_take_reply(struct smtpcode_log_event *ev, const char *s, size_t len)
{
	return sc_take_reply_lines(ev, s, len, NULL);
}

const char *sc_reply_after_colon(const char *s, size_t len)
{
	const char *p = s;

	while ((p = sc_find(p, len - (size_t)(p - s), ": ", 2)) != NULL) {
		p += 2;
		if (smtpcode_line_parse(p, len - (size_t)(p - s), NULL))
			return p;
	}
	return NULL;
}

void sc_reply_cut(struct smtpcode_log_event *ev, const struct smtpcode_reply_state *r)
{
	ev->reply = *r;
	ev->reply.text = "";
	ev->reply.text_len = 0;
	ev->reply.flags |= SMTPCODE_REPLY_UNTERMINATED;
}

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Appends code point u to out as UTF-8, within size; the new length. */
static size_t put_utf8(char *out, size_t n, size_t size, unsigned long u)
{
	unsigned char b[4];
	size_t k;

	if (u < 0x80)
		b[0] = (unsigned char)u, k = 1;
	else if (u < 0x800)
		b[0] = (unsigned char)(0xc0 | u >> 6), b[1] = (unsigned char)(0x80 | (u & 0x3f)), k = 2;
	else if (u < 0x10000)
		b[0] = (unsigned char)(0xe0 | u >> 12), b[1] = (unsigned char)(0x80 | ((u >> 6) & 0x3f)),
		b[2] = (unsigned char)(0x80 | (u & 0x3f)), k = 3;
	else
		b[0] = (unsigned char)(0xf0 | u >> 18), b[1] = (unsigned char)(0x80 | ((u >> 12) & 0x3f)),
		b[2] = (unsigned char)(0x80 | ((u >> 6) & 0x3f)), b[3] = (unsigned char)(0x80 | (u & 0x3f)),
		k = 4;
	if (n + k > size)
		return n;
	memcpy(out + n, b, k);
	return n + k;
}

size_t sc_json_text(const char *p, const char *end, char *out, size_t n, size_t size)
{
	for (; p < end && *p != '"' && n < size; p++) {
		if (*p != '\\') {
			out[n++] = *p;
			continue;
		}
		if (++p >= end)
			break;
		switch (*p) {
		case 'n': out[n++] = '\n'; break;
		case 't': out[n++] = '\t'; break;
		case 'r': out[n++] = '\r'; break;
		case 'b': out[n++] = '\b'; break;
		case 'f': out[n++] = '\f'; break;
		case 'u': {
			unsigned long u = 0;
			int i;
			for (i = 1; i <= 4 && p + i < end && hex(p[i]) >= 0; i++)
				u = u * 16 + (unsigned long)hex(p[i]);
			if (i != 5)
				return n;
			p += 4;
			if (u >= 0xd800 && u < 0xdc00 && end - p > 6 && p[1] == '\\' && p[2] == 'u') {
				unsigned long lo = 0;
				for (i = 3; i <= 6 && hex(p[i]) >= 0; i++)
					lo = lo * 16 + (unsigned long)hex(p[i]);
				if (i == 7 && lo >= 0xdc00 && lo < 0xe000) {
					u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
					p += 6;
				}
			}
			n = put_utf8(out, n, size, u);
			break;
		}
		default: out[n++] = *p; break; /* \" \\ \/ */
		}
	}
	return n;
}

/* The value of the JSON object member key[0..n) ("\"NAME\":", found only
 * where a member begins: after '{' or ',') in s[0..len): its first byte,
 * *vlen its length (a string's between its quotes, still escaped; else up
 * to ',' or '}'), *str whether it is a string; NULL when absent. */
static const char *json_member(const char *s, size_t len, const char *key, size_t n,
                               size_t *vlen, int *str)
{
	const char *p = s, *end = s + len, *v;

	while ((p = sc_find(p, (size_t)(end - p), key, n)) != NULL) {
		/* inside a string a '"' is escaped: after '{' or ',' a
		 * member begins */
		if (p > s && (p[-1] == '{' || p[-1] == ',')) {
			v = p + n;
			*str = v < end && *v == '"';
			if (*str) {
				const char *q = ++v;
				while (q < end && *q != '"')
					q += *q == '\\' && q + 1 < end ? 2 : 1;
				*vlen = (size_t)(q - v);
			} else {
				const char *q = v;
				while (q < end && *q != ',' && *q != '}')
					q++;
				*vlen = (size_t)(q - v);
			}
			return v;
		}
		p += n;
	}
	return NULL;
}

/* Whether s[0..n), between a marker and its JSON object, is a tab (or
 * the spaces a copy may show for it, or the "#011" a syslog writes). */
static int json_gap(const char *s, size_t n)
{
	if (n == 4 && memcmp(s, "#011", 4) == 0)
		return 1;
	while (n > 0 && (s[n - 1] == '\t' || s[n - 1] == ' '))
		n--;
	return n == 0;
}

int sc_json_reply(struct smtpcode_log_event *ev, const struct sc_marker *mk, const char *s,
                  size_t len, char *scratch, size_t size)
{
	const struct sc_json *j = &sc_jsons[mk->json - 1];
	const char *v = len > 0 ? memchr(s, '{', len < 8 ? len : 8) : NULL;
	size_t n, vl, t;
	int str;

	if (v == NULL || !json_gap(s, (size_t)(v - s)) || size < 32)
		return 0;
	len -= (size_t)(v - s);
	s = v;
	v = json_member(s, len, j->name[0], j->len[0], &vl, &str);
	if (v == NULL || str || vl != 3 || v[0] < '0' || v[0] > '9' || v[1] < '0' || v[1] > '9' ||
	    v[2] < '0' || v[2] > '9')
		return 0;
	memcpy(scratch, v, 3);
	n = 3;
	v = json_member(s, len, j->name[1], j->len[1], &vl, &str);
	if (v != NULL && str && vl > 0 && vl < 16 && v[0] >= '1' && v[0] <= '9') {
		scratch[n++] = ' ';
		memcpy(scratch + n, v, vl);
		n += vl;
	}
	v = json_member(s, len, j->name[2], j->len[2], &vl, &str);
	if (v != NULL && str) {
		scratch[n++] = ' ';
		t = n;
		n = sc_json_text(v, v + vl, scratch, n, size);
		for (; t < n; t++)
			if (scratch[t] == '\n' || scratch[t] == '\r' || scratch[t] == '\t')
				scratch[t] = ' ';
	}
	if (!sc_take_reply(ev, scratch, n))
		return 0;
	if (j->name[3] != NULL &&
	    (v = json_member(s, len, j->name[3], j->len[3], &vl, &str)) != NULL && str &&
	    (t = sc_json_text(v, v + vl, scratch, n, size)) > n) {
		ev->recipient = scratch + n;
		ev->recipient_len = t - n;
	}
	return 1;
}
