/* SPDX-License-Identifier: MIT */
/* hold.c - a mail message's records held until the whole message is read,
 * then reported once each: the same reply in a bounce's text and in its
 * delivery-status part is one reply.
 * Layer: above report.c, under stream.c and message.c; calls report.c
 * only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"
#include "check.h"

/* Copies p[0..n) into texts at *at, for *dst; NULL stays NULL. */
static void keep(char *texts, size_t *at, const char **dst, const char *p, size_t n)
{
	if (p == NULL)
		return;
	if (n)
		memcpy(texts + *at, p, n);
	*dst = texts + *at;
	*at += n;
}

/* Keeps a copy of the record, its texts included (those that point into
 * the line, the details among them, which the next line replaces), until
 * check_hold_end. */
void check_hold(struct checker *ck, unsigned long line, const struct smtpcode_log_event *ev)
{
	struct held_record *h;
	size_t n = ev->reply.text_len + ev->command_text_len + ev->recipient_len +
	           ev->remote_host_len + ev->time_len + ev->queue_id_len + ev->sender_len +
	           ev->remote_addr_len + ev->lines_len;

	if (ck->nheld == ck->held_size) {
		size_t size = ck->held_size ? 2 * ck->held_size : 16;
		struct held_record *grown = realloc(ck->held, size * sizeof *grown);
		if (grown == NULL) {
			ck->held_failed = 1;
			return;
		}
		ck->held = grown;
		ck->held_size = size;
	}
	h = &ck->held[ck->nheld];
	if ((h->texts = malloc(n + 1)) == NULL) {
		ck->held_failed = 1;
		return;
	}
	ck->nheld++;
	h->ev = *ev;
	h->line = line;
	h->dropped = 0;
	snprintf(h->part, sizeof h->part, "%s", ck->part ? ck->part : "");
	n = 0;
	if (ev->reply.text_len)
		memcpy(h->texts, ev->reply.text, ev->reply.text_len);
	h->ev.reply.text = h->texts;
	n += ev->reply.text_len;
	if (ev->command_text) {
		memcpy(h->texts + n, ev->command_text, ev->command_text_len);
		h->ev.command_text = h->texts + n;
		n += ev->command_text_len;
	}
	if (ev->recipient) {
		memcpy(h->texts + n, ev->recipient, ev->recipient_len);
		h->ev.recipient = h->texts + n;
		n += ev->recipient_len;
	}
	if (ev->remote_host) {
		memcpy(h->texts + n, ev->remote_host, ev->remote_host_len);
		h->ev.remote_host = h->texts + n;
		n += ev->remote_host_len;
	}
	keep(h->texts, &n, &h->ev.time, ev->time, ev->time_len);
	keep(h->texts, &n, &h->ev.queue_id, ev->queue_id, ev->queue_id_len);
	keep(h->texts, &n, &h->ev.sender, ev->sender, ev->sender_len); /* ("": <>) */
	keep(h->texts, &n, &h->ev.remote_addr, ev->remote_addr, ev->remote_addr_len);
	keep(h->texts, &n, &h->ev.lines, ev->lines, ev->lines_len);
	h->texts[n] = '\0';
}

void check_hold_begin(struct checker *ck)
{
	ck->holding = 1;
	ck->nheld = 0;
}

/* Whether e's reply was cut short: its final line never came, or, read
 * from one line (a field of a delivery-status part), it ends in a
 * continuation line, read as a final line without a text (the library's
 * smtpcode_reply_flat: "continuation lines whose end the log lost"). */
static int cut_short(const struct smtpcode_log_event *e)
{
	return (e->reply.flags & SMTPCODE_REPLY_UNTERMINATED) != 0 ||
	       (e->reply.lines > 1 && e->reply.text_len == 0);
}

/* Whether p[0..pe) and q[0..qe) agree to the end of the shorter, blanks
 * and line ends aside. */
static int agree(const char *p, const char *pe, const char *q, const char *qe)
{
	for (;;) {
		while (p < pe && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
			p++;
		while (q < qe && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
			q++;
		if (p == pe || q == qe)
			return 1;
		if (*p++ != *q++)
			return 0;
	}
}

/* Whether a and b are one reply: the same codes, and texts that agree to
 * the end of the shorter, spaces aside (a bounce's text part may cut or
 * fold what its delivery-status part gives whole). A multi-line reply, or
 * one cut short before its final line (a delivery-status field that the
 * report cut: its enhanced code and last line gone), is compared by its
 * lines, from the first: its text is its last line's. */
static int same_reply(const struct smtpcode_log_event *a, const struct smtpcode_log_event *b)
{
	int cut = cut_short(a) || cut_short(b);

	if (a->reply.code != b->reply.code ||
	    (a->reply.has_ecode != b->reply.has_ecode && !cut) ||
	    (a->reply.has_ecode && b->reply.has_ecode &&
	     (a->reply.ecode.cls != b->reply.ecode.cls ||
	      a->reply.ecode.subject != b->reply.ecode.subject ||
	      a->reply.ecode.detail != b->reply.ecode.detail)))
		return 0;
	if (a->lines != NULL && b->lines != NULL && (cut || a->reply.lines > 1 || b->reply.lines > 1))
		return agree(a->lines, a->lines + a->lines_len, b->lines, b->lines + b->lines_len);
	return agree(a->reply.text, a->reply.text + a->reply.text_len, b->reply.text,
	             b->reply.text + b->reply.text_len);
}

/* The reply of the kept record: the fullest of the two copies (one not
 * cut short, else the longer), the kept one's command and place stay. */
static void take_fullest(struct smtpcode_log_event *kept, const struct smtpcode_log_event *gone)
{
	size_t k = kept->lines ? kept->lines_len : kept->reply.text_len;
	size_t g = gone->lines ? gone->lines_len : gone->reply.text_len;

	if (cut_short(kept) == cut_short(gone) ? g <= k : cut_short(gone))
		return;
	kept->reply = gone->reply;
	kept->lines = gone->lines;
	kept->lines_len = gone->lines_len;
}

/* The recipient and remote host of a dropped duplicate, where the record
 * kept names none (the delivery-status part's, for the text's reply). */
static void take_names(struct smtpcode_log_event *kept, const struct smtpcode_log_event *gone)
{
	if (kept->recipient == NULL) {
		kept->recipient = gone->recipient;
		kept->recipient_len = gone->recipient_len;
	}
	if (kept->remote_host == NULL) {
		kept->remote_host = gone->remote_host;
		kept->remote_host_len = gone->remote_host_len;
	}
	if (kept->remote_addr == NULL) {
		kept->remote_addr = gone->remote_addr;
		kept->remote_addr_len = gone->remote_addr_len;
	}
	if (kept->sender == NULL) {
		kept->sender = gone->sender;
		kept->sender_len = gone->sender_len;
	}
	if (kept->queue_id == NULL) {
		kept->queue_id = gone->queue_id;
		kept->queue_id_len = gone->queue_id_len;
	}
	if (kept->time == NULL) {
		kept->time = gone->time;
		kept->time_len = gone->time_len;
		kept->has_epoch = gone->has_epoch;
		kept->epoch = gone->epoch;
	}
}

/* Whether a and b name the same recipient: both name it, or neither. */
static int same_recipient(const struct smtpcode_log_event *a, const struct smtpcode_log_event *b)
{
	if (a->recipient == NULL || b->recipient == NULL)
		return a->recipient == b->recipient;
	return a->recipient_len == b->recipient_len &&
	       memcmp(a->recipient, b->recipient, a->recipient_len) == 0;
}

/* Whether held records a and b are one reply. Across parts: the same
 * reply (a bounce's text and its delivery-status part). In one part, two
 * copies of one reply may be two recipients' refusals, so the same reply
 * is one only where something tells that it is the same refusal and
 * nothing that it is another's:
 * - they name no two recipients (both named, the same one); and
 * - two readers gave them (a delivery-status group's Diagnostic-Code and
 *   the text's "ADDRESS: REPLY" of a part that is not MIME: mwbounce-4;
 *   Exchange's NDR and its reply alone on a line: rgl-3), or both name
 *   the recipient, or the text names an address (an '@': the same text,
 *   the same address; a bounce in two languages, each paragraph with the
 *   reply: zoonru-7). */
static int one_reply(const struct held_record *a, const struct held_record *b)
{
	const struct smtpcode_log_event *x = &a->ev, *y = &b->ev;

	if (!same_reply(x, y))
		return 0;
	if (strcmp(a->part, b->part) != 0)
		return 1;
	if (x->recipient != NULL && y->recipient != NULL)
		return same_recipient(x, y);
	return x->format != y->format ||
	       (x->reply.text_len > 0 && memchr(x->reply.text, '@', x->reply.text_len) != NULL &&
	        same_recipient(x, y));
}

void check_hold_end(struct checker *ck, const char *name)
{
	const char *part = ck->part;

	ck->holding = 0;
	/* Each record matches at most one other (one_reply); the one that
	 * names a command stays (the text's "in reply to RCPT TO" against the
	 * delivery-status field's bare reply). */
	for (size_t i = 0; i < ck->nheld; i++) {
		struct held_record *a = &ck->held[i];
		for (size_t k = i + 1; k < ck->nheld && !a->dropped; k++) {
			struct held_record *b = &ck->held[k];
			if (b->dropped || !one_reply(a, b))
				continue;
			if (a->ev.command == NULL && b->ev.command != NULL) {
				a->dropped = 1;
				take_names(&b->ev, &a->ev);
				take_fullest(&b->ev, &a->ev);
			} else {
				b->dropped = 1;
				take_names(&a->ev, &b->ev);
				take_fullest(&a->ev, &b->ev);
			}
		}
	}
	for (size_t i = 0; i < ck->nheld; i++) {
		struct held_record *h = &ck->held[i];
		if (!h->dropped && !ck->write_failed) {
			ck->part = h->part[0] ? h->part : NULL;
			check_report(ck, name, h->line, &h->ev);
		}
	}
	/* (after all: a kept record may point into a dropped one's texts) */
	for (size_t i = 0; i < ck->nheld; i++)
		free(ck->held[i].texts);
	ck->nheld = 0;
	ck->part = part;
}
