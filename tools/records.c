/* SPDX-License-Identifier: MIT */
/* records.c - check's records, judged, as text (FILE:LINE: CODE COMMAND:
 * verdict: message) and as JSON Lines: the one writer of both.
 * Layer: beside judge.c and counts.c, under report.c; calls out.c and
 * text.c (colours) and the library only. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "smtpcode.h"
#include "out.h"
#include "records.h"
#include "text.h"

/* "5.1.1" into out (24 bytes), terminated; its length. The parts are
 * 0..999 (smtpcode.h). */
static size_t ecode_text(char *out, const struct smtpcode_ecode *e)
{
	size_t n = put_ulong(out, (unsigned long)e->cls);

	out[n++] = '.';
	n += put_ulong(out + n, (unsigned long)e->subject);
	out[n++] = '.';
	n += put_ulong(out + n, (unsigned long)e->detail);
	out[n] = '\0';
	return n;
}

/* NAME (",\"text\":") then s[0..len) as a JSON string, or null. */
static void out_member_n(struct out *o, const char *name, const char *s, size_t len)
{
	out_str(o, name);
	if (s)
		out_json(o, s, len);
	else
		out_put(o, "null", 4);
}

static void out_member(struct out *o, const char *name, const char *s)
{
	out_member_n(o, name, s, s ? strlen(s) : 0);
}

/* ,"lines":[...]: the reply's lines, each a string (s[0..len) joined
 * with '\n'), or null where the reader gave none. */
static void out_lines(struct out *o, const char *s, size_t len)
{
	const char *end, *nl;

	if (s == NULL) {
		out_str(o, ",\"lines\":null");
		return;
	}
	end = s + len;
	out_str(o, ",\"lines\":[");
	for (;;) {
		nl = memchr(s, '\n', (size_t)(end - s));
		out_json(o, s, nl ? (size_t)(nl - s) : (size_t)(end - s));
		if (nl == NULL)
			break;
		out_char(o, ',');
		s = nl + 1;
	}
	out_char(o, ']');
}

/* ,"text":...,"lines":[...]. A reply of one line that its text ends (the
 * common case: "550 5.1.1 " before the text, bytes that JSON writes as
 * they are) writes its line as those bytes and then the text as the text
 * member has just escaped it, copied from the buffer: escaping every
 * line again made check --all --json 5% dearer on the bench log
 * (callgrind), copying it 1.6%. Elsewhere, or without the room for both
 * at once in the buffer, each is escaped. */
static void out_text_lines(struct out *o, const struct smtpcode_log_event *ev)
{
	const struct smtpcode_reply_state *r = &ev->reply;
	uintptr_t l = (uintptr_t)ev->lines, t = (uintptr_t)r->text;
	size_t pre = (size_t)(t - l), n;
	char *at;

	/* (the bytes before the text are the code, its separator, the
	 * enhanced code and blanks: of them only a tab is escaped) */
	if (ev->lines == NULL || r->text == NULL || r->lines != 1 || t < l ||
	    t + r->text_len != l + ev->lines_len || pre > 32 ||
	    (size_t)(o->end - o->p) < 12 * r->text_len + pre + 40 ||
	    memchr(ev->lines, '\t', pre) != NULL) {
		out_member_n(o, ",\"text\":", r->text, r->text_len);
		out_lines(o, ev->lines, ev->lines_len);
		return;
	}
	memcpy(o->p, ",\"text\":", 8);
	o->p += 8;
	at = o->p;
	out_json(o, r->text, r->text_len); /* (the room is there: no flush) */
	n = (size_t)(o->p - at);
	memcpy(o->p, ",\"lines\":[\"", 11);
	memcpy(o->p + 11, ev->lines, pre);
	memcpy(o->p + 11 + pre, at + 1, n - 1); /* the text escaped, its quote */
	o->p += 11 + pre + n - 1;
	*o->p++ = ']';
}

void record_json(struct out *o, const struct record *rec)
{
	const char *file = rec->file, *msg = rec->msg;
	unsigned long line = rec->line;
	const struct smtpcode_log_event *ev = rec->ev;
	const struct smtpcode_reply_state *r = &ev->reply;
	enum verdict vd = rec->verdict;

	out_str(o, "{\"kind\":\"record\",\"file\":");
	out_json(o, file, strlen(file));
	out_str(o, ",\"line\":");
	out_ulong(o, line);
	out_member(o, ",\"format\":", smtpcode_log_format_name(ev->format));
	out_member(o, ",\"command\":", ev->command ? ev->command->name : NULL);
	out_member_n(o, ",\"command_text\":", ev->command_text, ev->command_text_len);
	out_str(o, ",\"code\":");
	if (r->code < 0) {
		out_char(o, '-');
		out_ulong(o, (unsigned long)-(long)r->code);
	} else {
		out_ulong(o, (unsigned long)r->code);
	}
	if (r->has_ecode) {
		char ecode[24];
		out_member_n(o, ",\"enhanced\":", ecode, ecode_text(ecode, &r->ecode));
	} else {
		out_str(o, ",\"enhanced\":null");
	}
	/* "valid" answers one question: is the code allowed for the
	 * command; an enhanced code's problem has a field of its own */
	out_str(o, rec->valid < 0 ? ",\"valid\":null" :
	           rec->valid ? ",\"valid\":true" : ",\"valid\":false");
	out_member(o, ",\"enhanced_problem\":", rec->enhanced_problem);
	out_member(o, ",\"verdict\":", verdict_name(vd));
	out_member(o, ",\"message\":", msg);
	out_text_lines(o, ev);
	out_str(o, ev->pipelined ? ",\"pipelined\":true" : ",\"pipelined\":false");
	out_member_n(o, ",\"recipient\":", ev->recipient, ev->recipient_len);
	out_member_n(o, ",\"remote_host\":", ev->remote_host, ev->remote_host_len);
	/* where in a message: the mbox's message number, the MIME part */
	out_str(o, ",\"mbox_message\":");
	if (rec->message)
		out_ulong(o, rec->message);
	else
		out_str(o, "null");
	out_member(o, ",\"part\":", rec->part);
	/* the origin and the record's end in one piece of a fixed length (no
	 * strlen, nothing to escape): through out_member, the origin made
	 * --all --json 3.7% dearer on the bench log (callgrind), so 0.7% */
	{
		static const char origins[3][24] = { ",\"origin\":null}\n", ",\"origin\":\"local\"}\n",
		                                     ",\"origin\":\"remote\"}\n" };
		static const unsigned char origin_len[3] = { 16, 19, 20 };
		unsigned origin = (unsigned)ev->origin < 3 ? (unsigned)ev->origin : 0;
		out_put(o, origins[origin], origin_len[origin]);
	}
}

/* FILE:LINE: CODE[ ENHANCED] COMMAND: verdict: message */
void record_text(struct out *o, const struct record *rec)
{
	const char *file = rec->file, *msg = rec->msg;
	unsigned long line = rec->line;
	const struct smtpcode_log_event *ev = rec->ev;
	const struct smtpcode_reply_state *r = &ev->reply;
	enum verdict vd = rec->verdict;
	char head[64];
	size_t n = 0;
	int host;

	out_escaped(o, file, strlen(file), 0);
	if (rec->message) { /* mbox#3[2.1]:LINE: the message, its part */
		head[n++] = '#';
		n += put_ulong(head + n, rec->message);
	}
	if (rec->part) {
		head[n++] = '[';
		out_put(o, head, n);
		out_escaped(o, rec->part, strlen(rec->part), 0);
		n = 0;
		head[n++] = ']';
	}
	head[n++] = ':';
	n += put_ulong(head + n, line);
	head[n++] = ':';
	head[n++] = ' ';
	if (colour_on) {
		out_put(o, head, n);
		out_str(o, colour_code(r->code));
		n = 0;
	}
	if (r->code >= 0 && r->code <= 999) { /* three digits: 055 as the log has it */
		head[n++] = (char)('0' + r->code / 100);
		head[n++] = (char)('0' + r->code / 10 % 10);
		head[n++] = (char)('0' + r->code % 10);
	} else {
		n += (size_t)snprintf(head + n, 16, "%d", r->code);
	}
	if (r->has_ecode) {
		head[n++] = ' ';
		n += ecode_text(head + n, &r->ecode);
	}
	if (colour_on) {
		out_put(o, head, n);
		out_str(o, colour_end());
		n = 0;
	}
	head[n++] = ' ';
	if ((size_t)(o->end - o->p) >= sizeof head) { /* a copy of a known size */
		memcpy(o->p, head, sizeof head);
		o->p += n;
	} else {
		out_put(o, head, n);
	}
	if (ev->command)
		out_str(o, ev->command->name);
	else if (ev->command_text)
		out_escaped(o, ev->command_text, ev->command_text_len, 0);
	else
		out_char(o, '-');
	out_put(o, ": ", 2);
	out_str(o, colour_tone(vd <= V_VALID ? TONE_GOOD : vd == V_CONDITIONAL ? TONE_MAYBE :
	                       vd == V_NO_COMMAND ? TONE_NONE : TONE_BAD));
	out_str(o, verdict_name(vd));
	out_str(o, colour_end());
	out_put(o, ": ", 2);
	out_str(o, msg);
	/* " (for RECIPIENT, host HOST)", either alone; a log line's
	 * host is on the line itself, a message's in another part */
	host = ev->remote_host != NULL && rec->part != NULL;
	if (ev->recipient || host)
		out_put(o, " (", 2);
	if (ev->recipient) {
		out_str(o, "for ");
		out_escaped(o, ev->recipient, ev->recipient_len, 0);
	}
	if (host) {
		out_str(o, ev->recipient ? ", host " : "host ");
		out_escaped(o, ev->remote_host, ev->remote_host_len, 0);
	}
	if (ev->recipient || host)
		out_char(o, ')');
	out_char(o, '\n');
}
