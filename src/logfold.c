/* SPDX-License-Identifier: MIT */
/* logfold.c - replies that bounce messages fold over the lines after their
 * marker's: "join" (Postfix, and a DSN's folded field: the indented lines
 * are joined with one space until the reply's end and the command are
 * there, or until they end), "indented" (Exim: the reply stands on the
 * next indented line) and "next-line" (qmail: the reply on the next line,
 * after "Remote host said: ").
 *
 * Each reply's lines go into the fold's lines (ev->lines): a reply's
 * lines as the fold found them, copied.
 *
 * Layer: a reader, above the reader primitives. Calls only logtext.c,
 * replyparse.c and gen-logformats.c; logmarker.c starts a fold
 * (sc_fold_start) and logline.c feeds it the lines after. */
#include "log.h"

#include <string.h>

void sc_fold_start(struct sc_fold *f, int m, const char *text, size_t len,
                   const struct smtpcode_log_event *ev)
{
	f->marker = m;
	f->command = ev->command;
	f->pipelined = ev->pipelined;
	f->lines = 0;
	f->reply.open = 0;
	if (len > sizeof f->text - 1)
		len = sizeof f->text - 1;
	if (len > 0)
		memcpy(f->text, text, len);
	f->len = len;
}

size_t sc_add_spaced(char *buf, size_t size, size_t *have, const char *s, size_t len)
{
	size_t room = size - *have;

	if (*have > 0 && room > 0) {
		buf[(*have)++] = ' ';
		room--;
	}
	if (len > room)
		len = room;
	memcpy(buf + *have, s, len);
	*have += len;
	return room;
}

void sc_fold_head(struct sc_fold *f, const char *s, size_t len)
{
	size_t n = f->head_len;

	(void)sc_add_spaced(f->head, sizeof f->head, &n, s, len);
	f->head_len = (unsigned short)n;
}

/* The reply a fold holds, as *ev, reported at the line with its code;
 * the fold is over. 0 when it holds none. */
static int held(struct sc_fold *f, struct smtpcode_log_event *ev)
{
	const struct sc_marker *mk = &sc_markers[f->marker];

	f->marker = -1;
	if (mk->next == SC_NEXT_NEXT_LINE || mk->next == SC_NEXT_NEXT_LINES ||
	    mk->next == SC_NEXT_INDENTED) {
		if (!f->reply.open)
			return 0;
		sc_reply_cut(ev, &f->reply);
		f->reply.open = 0;
	} else if (mk->next != SC_NEXT_JOIN ||
	           !sc_take_reply_lines(ev, f->text, f->len, &f->reply_lines)) {
		return 0; /* (a joined reply is whole; what names the command
		             never came) */
	} else if (ev->lines == f->text) {
		/* one line, in the text that the line read next may write over
		 * (it is read again): copied */
		sc_lines_begin(&f->reply_lines);
		sc_lines_line(&f->reply_lines, ev->lines, ev->lines_len);
	}
	sc_lines_set(&f->reply_lines, ev);
	ev->format = (enum smtpcode_log_format)mk->format;
	ev->origin = (enum smtpcode_log_origin)mk->origin;
	ev->command = f->command;
	ev->pipelined = f->pipelined;
	ev->lines_before = f->lines;
	return 1;
}

/* The event of the reply a fold read line by line (f->reply). */
static void fold_event(struct sc_fold *f, const struct sc_marker *mk,
                       struct smtpcode_log_event *ev)
{
	f->marker = -1;
	ev->format = (enum smtpcode_log_format)mk->format;
	ev->origin = (enum smtpcode_log_origin)mk->origin;
	ev->command = f->command;
	ev->pipelined = f->pipelined;
	ev->reply = f->reply;
	sc_lines_set(&f->reply_lines, ev);
}

/* "indented": the reply at the line's start or after ": ". A multi-line
 * reply whose lines stand each on an indented line of its own (Exim's
 * bounce: "550-5.1.1 ..." lines, then "550 5.1.1 ...") is read line by
 * line to its final line, one reply; a line that is no reply line ends it
 * cut short (2: the line is still to be read). */
static int indented(struct sc_fold *f, const struct sc_marker *mk, const char *s, size_t len,
                    struct smtpcode_log_event *ev)
{
	struct smtpcode_reply_state whole;
	struct smtpcode_line l;
	const char *r;
	size_t n;

	if (f->reply.open) {
		if (!smtpcode_line_parse(s, len, &l) || l.code != f->reply.first_code) {
			f->lines = 1; /* reported at its last line, the one before */
			return held(f, ev) ? 2 : 0;
		}
		sc_lines_line(&f->reply_lines, s, len);
		if (smtpcode_reply_feed(&f->reply, s, len) == SMTPCODE_FEED_MORE)
			return 0;
		fold_event(f, mk, ev);
		return 1;
	}
	r = smtpcode_line_parse(s, len, NULL) ? s : sc_reply_after_colon(s, len);
	if (r == NULL) {
		sc_fold_head(f, s, len); /* ("host H [IP]:") */
		return 0; /* still to come */
	}
	if (r > s)
		sc_fold_head(f, s, (size_t)(r - s)); /* "host H [IP]: " before it */
	n = len - (size_t)(r - s);
	if (smtpcode_line_parse(r, n, &l) && !l.last &&
	    !sc_reply_flat_lines(r, n, &whole, 1, NULL, 0, NULL)) {
		/* a continuation line, and no final line on it: the reply's
		 * other lines follow */
		smtpcode_reply_begin(&f->reply);
		sc_lines_begin(&f->reply_lines);
		sc_lines_line(&f->reply_lines, r, n);
		smtpcode_reply_feed(&f->reply, r, n);
		return 0;
	}
	f->marker = -1;
	ev->format = (enum smtpcode_log_format)mk->format;
	ev->origin = (enum smtpcode_log_origin)mk->origin;
	ev->command = f->command;
	ev->pipelined = f->pipelined;
	return sc_take_reply_lines(ev, r, n, &f->reply_lines);
}

/* "join": one more line joined; the reply once its end and the command's
 * are in. */
static int join(struct sc_fold *f, const struct sc_marker *mk, const char *s, size_t len,
                struct smtpcode_log_event *ev)
{
	size_t room;
	const char *u, *c, *ce;

	/* the lines from the one with the code (this one, when the phrase
	 * ended its line) */
	f->lines = f->len == 0 ? 0 : f->lines + 1;
	room = sc_add_spaced(f->text, sizeof f->text - 1, &f->len, s, len);
	u = sc_find(f->text, f->len, mk->until[0], mk->until_len[0]);
	if (u == NULL)
		return room == 0 ? held(f, ev) : 0; /* too long: as far as it went */
	c = u + mk->until_len[0];
	ce = sc_find(c, f->len - (size_t)(c - f->text), mk->arg, mk->arg_len);
	if (ce == NULL)
		return 0; /* the command's end is still to come */
	f->marker = -1;
	ev->format = (enum smtpcode_log_format)mk->format;
	ev->origin = (enum smtpcode_log_origin)mk->origin;
	ev->lines_before = f->lines;
	sc_after_reply_command(ev, mk, c, (size_t)(ce - c) + mk->arg_len);
	return sc_take_reply_lines(ev, f->text, (size_t)(u - f->text), &f->reply_lines);
}

/* "next-line": the reply at the start of the line after the marker's or
 * after its ": ", its other lines bare on the lines after that.
 * "next-lines": so, and then each reply at the start of the lines after
 * it, one after another (Sendmail's errors, one a recipient), until a line
 * that begins with none. */
static int next_line(struct sc_fold *f, const struct sc_marker *mk, const char *s, size_t len,
                     struct smtpcode_log_event *ev)
{
	if (!f->reply.open && f->lines == 2) {
		/* next-lines, after a reply: another at the line's start */
		if (!smtpcode_line_parse(s, len, NULL)) {
			f->marker = -1; /* the line is read as any other */
			return 0;
		}
		smtpcode_reply_begin(&f->reply);
		sc_lines_begin(&f->reply_lines);
		f->lines = 0;
	} else if (!f->reply.open) {
		/* one line that ends in ':' may stand between, naming the host
		 * ("host mx.example[192.0.2.1]:") */
		int names_host = f->lines == 0 && len > 0 && s[len - 1] == ':';
		const char *c = smtpcode_line_parse(s, len, NULL) ? s : sc_reply_after_colon(s, len);
		if (c == NULL) {
			if (names_host) {
				f->lines = 1;
				sc_fold_head(f, s, len);
				return 0;
			}
			f->marker = -1; /* no reply came: the line is read as any other */
			return 0;
		}
		if (c > s)
			sc_fold_head(f, s, (size_t)(c - s));
		len -= (size_t)(c - s);
		s = c;
		smtpcode_reply_begin(&f->reply);
		sc_lines_begin(&f->reply_lines);
	} else if (!smtpcode_line_parse(s, len, NULL)) {
		/* the reply stops before its final line: reported at its
		 * last line, and this line is still to be read */
		f->lines = 1;
		return held(f, ev) ? 2 : 0;
	}
	sc_lines_line(&f->reply_lines, s, len);
	if (smtpcode_reply_feed(&f->reply, s, len) == SMTPCODE_FEED_MORE)
		return 0;
	if (mk->next == SC_NEXT_NEXT_LINES) {
		f->reply.open = 0;
		f->lines = 2; /* (more replies may follow) */
	} else {
		f->marker = -1;
	}
	ev->format = (enum smtpcode_log_format)mk->format;
	ev->origin = (enum smtpcode_log_origin)mk->origin;
	ev->command = f->command;
	ev->reply = f->reply;
	sc_lines_set(&f->reply_lines, ev);
	return 1;
}

int sc_fold_line(struct sc_fold *f, const char *s, size_t len, struct smtpcode_log_event *ev)
{
	const struct sc_marker *mk = &sc_markers[f->marker];
	size_t lead = 0;

	if (mk->next == SC_NEXT_NEXT_LINE || mk->next == SC_NEXT_NEXT_LINES)
		return next_line(f, mk, s, len, ev);
	while (lead < len && (s[lead] == ' ' || s[lead] == '\t'))
		lead++;
	if (lead == 0 || lead == len) {
		/* not a continuation: the fold is over, and the line is still
		 * to be read */
		if (mk->next == SC_NEXT_INDENTED) {
			if (f->reply.open) { /* its lines stopped short */
				f->lines = 1;
				return held(f, ev) ? 2 : 0;
			}
			f->marker = -1;
			return 0;
		}
		f->lines++;
		return held(f, ev) ? 2 : 0;
	}
	s += lead;
	len -= lead;
	if (mk->next == SC_NEXT_INDENTED)
		return indented(f, mk, s, len, ev);
	return join(f, mk, s, len, ev);
}

int sc_fold_yield(struct sc_fold *f)
{
	const struct sc_marker *mk;

	if (f->marker < 0 || f->reply.open)
		return 0;
	mk = &sc_markers[f->marker];
	if (mk->next != SC_NEXT_NEXT_LINE && mk->next != SC_NEXT_NEXT_LINES)
		return 0;
	f->marker = -1;
	return 1;
}

int sc_fold_end(struct sc_fold *f, struct smtpcode_log_event *ev)
{
	if (f->marker < 0)
		return 0;
	return held(f, ev);
}
