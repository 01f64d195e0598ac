/* SPDX-License-Identifier: MIT */
/* logmarker.c - read the reply, and the command it answers, at a marker
 * that the scan found, as the marker's row of data/logformats.txt says:
 * where the command is (a fixed one, the word after the marker, Postfix's
 * "(in reply to X command)" after the reply, a key=value field, the words
 * before the marker, the words the reply's text begins with), where the reply begins (right after, in parentheses,
 * after ": ", at the first code, or in a JSON object's members) and where
 * it ends.
 *
 * Layer: a reader, above the folds. Calls only logfold.c (to start a fold
 * when the reply goes on over the next lines), logtext.c, replyparse.c and
 * the generated tables; called by logline.c only. */
#include "internal.h"
#include "log.h"

#include <string.h>

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

/* "word": the word after the marker at s[0..len), after any words that
 * say the command was pipelined. */
static void word_after(struct smtpcode_log_event *ev, int fmt, const char *s, size_t len)
{
	const struct sc_word *w;

	while ((w = sc_word_at(fmt, s, len, 0)) != NULL && w->command == SC_WORD_PIPELINED) {
		ev->pipelined = 1;
		s += w->len;
		len -= w->len;
	}
	sc_word_command(ev, w, s, sc_word_len(s, len));
}

/* "field KEY": the value of KEY= in the line, through the word rows only;
 * 0 when the line has no KEY=. */
static int field(struct smtpcode_log_event *ev, const struct sc_marker *mk, const char *line,
                 size_t len)
{
	const char *v = sc_find(line, len, mk->arg, mk->arg_len);
	const struct sc_word *w;
	size_t n = 0, rest;

	if (v == NULL)
		return 0;
	v += mk->arg_len;
	rest = len - (size_t)(v - line);
	if (rest > 0 && v[0] == '"') {
		/* A quoted value ("RCPT TO:<x>"): a word row for the whole of
		 * it, quotes and all, else its first word. */
		const char *q = memchr(v + 1, '"', rest - 1);
		n = q ? (size_t)(q - v) + 1 : rest;
		w = sc_word_at(mk->format, v, n, 1);
		if (w != NULL && w->command >= 0)
			ev->command = &sc_commands[w->command];
		else if (n > 2)
			sc_set_command(ev, v + 1, sc_word_len(v + 1, n - 2));
		return 1;
	}
	while (n < rest && v[n] != ',' && v[n] != ' ')
		n++;
	w = sc_word_at(mk->format, v, n, 1);
	if (w != NULL && w->command >= 0)
		ev->command = &sc_commands[w->command];
	return 1;
}

/* "scan": the first reply code in s[0..len) that starts a word. */
static const char *first_code(const char *s, size_t len)
{
	for (const char *p = s, *end = s + len; p < end; p++)
		if (digit(*p) && (p == s || p[-1] == ' ' || p[-1] == '=') &&
		    smtpcode_line_parse(p, (size_t)(end - p), NULL))
			return p;
	return NULL;
}

/* "after-code": the reply after the blanks after the phrase at r, past a
 * code that the reply's own code follows ("550 550 5.1.1 ...", Gmail's
 * old form); NULL for none. (A call of its own: out of the way of the
 * common "after".) */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static const char *past_code(const char *r, const char *end)
{
	struct smtpcode_line first, again;
	size_t n;

	while (r < end && (*r == ' ' || *r == '\t'))
		r++;
	n = (size_t)(end - r);
	if (!smtpcode_line_parse(r, n, &first))
		return NULL;
	if (first.last && first.text_len > 0 && smtpcode_line_parse(first.text, first.text_len, &again) &&
	    again.code == first.code)
		return first.text; /* the code again: the reply begins there */
	return r;
}

/* The first of the marker's until texts in r[0..n), in the row's order. */
static const char *until(const struct sc_marker *mk, const char *r, size_t n)
{
	for (unsigned i = 0; i < mk->nuntil; i++) {
		const char *u = sc_find(r, n, mk->until[i], mk->until_len[i]);
		if (u != NULL)
			return u;
	}
	return NULL;
}

/* "phrase": the first word row of the format whose words s[0..len) has. */
static void phrase(struct smtpcode_log_event *ev, int fmt, const char *s, size_t len)
{
	for (size_t i = sc_format_words[fmt]; i < sc_format_words[fmt + 1]; i++)
		if (sc_words[i].command >= 0 && sc_find(s, len, sc_words[i].text, sc_words[i].len)) {
			ev->command = &sc_commands[sc_words[i].command];
			return;
		}
}

int sc_marker_read(struct sc_fold *fold, int m, const char *line, size_t len, const char *at,
                   char *scratch, size_t size, struct smtpcode_log_event *ev)
{
	const struct sc_marker *mk = &sc_markers[m];
	const char *end = line + len, *after = at + mk->len, *r, *u;
	size_t rest = (size_t)(end - after);

	if (sc_format_transcript[mk->format] == SC_READER_UNDERSCORE_LINE) {
		/* qmail-send writes spaces as '_' (and line ends as '/'): the
		 * text after the marker, spaced again. */
		if (rest > size)
			rest = size;
		for (size_t i = 0; i < rest; i++)
			scratch[i] = (char)(after[i] == '_' ? ' ' : after[i]);
		line = after = scratch;
		end = scratch + rest;
	}
	ev->format = (enum smtpcode_log_format)mk->format;
	ev->origin = (enum smtpcode_log_origin)mk->origin;
	switch (mk->where) {
	case SC_WHERE_FIXED:
		ev->command = &sc_commands[mk->command];
		break;
	case SC_WHERE_WORD:
		word_after(ev, mk->format, after, rest);
		break;
	case SC_WHERE_FIELD:
		if (!field(ev, mk, line, (size_t)(end - line)))
			return 0;
		break;
	case SC_WHERE_BEFORE:
		sc_word_before(ev, mk->format, line, (size_t)(at - line));
		break;
	default: /* none; after-reply: below, once the reply's end is known */
		break;
	}
	switch (mk->reply) {
	case SC_REPLY_FIELDS:
		return sc_json_reply(ev, mk, after, rest, scratch, size);
	case SC_REPLY_PAREN:
		if (end > after && end[-1] == ')')
			end--;
		/* fall through */
	case SC_REPLY_AFTER:
		/* after the blanks that follow the phrase: one row reads
		 * "said: 550" and "said:" ending a line, "smtp; 550" and
		 * "smtp;550" */
		r = after;
		while (r < end && (*r == ' ' || *r == '\t'))
			r++;
		if (!smtpcode_line_parse(r, (size_t)(end - r), NULL))
			r = NULL;
		break;
	case SC_REPLY_COLON:
		r = sc_reply_after_colon(after, rest);
		break;
	default: /* SC_REPLY_SCAN; SC_REPLY_AFTER_CODE (rare: a case of its
		    own cost 3 instructions a marker read, 0.12% of check on
		    the bench log) */
		r = mk->reply == SC_REPLY_SCAN ? first_code(after, rest) : past_code(after, end);
		break;
	}
	if (r == NULL) {
		if (mk->next == SC_NEXT_INDENTED || mk->next == SC_NEXT_NEXT_LINE ||
		    mk->next == SC_NEXT_NEXT_LINES ||
		    (mk->next == SC_NEXT_JOIN && sc_blank(after, rest))) {
			/* (join: the phrase ends the line, and the reply begins
			 * the indented lines after it) */
			sc_fold_start(fold, m, NULL, 0, ev);
			return -1;
		}
		return 0;
	}
	u = until(mk, r, (size_t)(end - r));
	if (mk->where == SC_WHERE_AFTER_REPLY) {
		if (u == NULL) {
			if (mk->next == SC_NEXT_JOIN) {
				sc_fold_start(fold, m, r, (size_t)(end - r), ev);
				return -1;
			}
		} else {
			const char *c = u + mk->until_len[0];
			sc_after_reply_command(ev, mk, c, (size_t)(end - c));
		}
	}
	if (mk->where == SC_WHERE_PHRASE)
		phrase(ev, mk->format, after, (size_t)(r - after));
	if (u != NULL)
		end = u;
	if (!sc_take_reply_lines(ev, r, (size_t)(end - r), &fold->reply_lines))
		return 0;
	if (mk->where == SC_WHERE_ECHO)
		sc_word_echo(ev, mk->format);
	return 1;
}
