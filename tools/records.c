/* SPDX-License-Identifier: MIT */
/* records.c - check's records, judged, as text (FILE:LINE: CODE COMMAND:
 * verdict [N], each message once, under its number N) and as JSON Lines:
 * the one writer of both.
 * Layer: beside judge.c and counts.c, under report.c; calls out.c and
 * text.c (colours) and the library only. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

/* NAME (",\"text\":") then s[0..len) as a JSON string, or null.
 * Inlined, so that each NAME's length is the compiler's constant, not a
 * call of strlen (425,000 of them on the bench log's records). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void out_member_n(struct out *o, const char *name, const char *s, size_t len)
{
	out_str(o, name);
	if (s)
		out_json(o, s, len);
	else
		out_put(o, "null", 4);
}

#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void out_member(struct out *o, const char *name, const char *s)
{
	out_member_n(o, name, s, s ? strlen(s) : 0);
}

/* A name from the tables as a JSON string, remembered by its address (a
 * table's string never changes): a record names six (a format, a command,
 * a verdict, a reason ...), and a call of strlen for each cost more than
 * the rest of writing them; the quoted name is kept in a whole block, so
 * that it is written by a copy of fixed length (one of the name's length
 * took a branch on it that the processor could not foresee: the reasons
 * of a log's failures change from record to record). The slot is the
 * address's hash: names whose addresses shared their low bits took each
 * other's slot on every record. */
#define NAME_BLOCK 32
struct name_seen {
	const char *s;
	size_t len;             /* strlen(s) */
	char quoted[NAME_BLOCK]; /* '"' s '"', when it fits */
};

static const struct name_seen *name_seen(const char *s)
{
	static struct name_seen seen[256];
	struct name_seen *e = &seen[((uint64_t)(uintptr_t)s * 0x9e3779b97f4a7c15ull) >> 56];

	if (e->s != s) {
		e->s = s;
		e->len = strlen(s);
		memset(e->quoted, 0, sizeof e->quoted);
		if (e->len + 2 <= sizeof e->quoted) {
			e->quoted[0] = '"';
			memcpy(e->quoted + 1, s, e->len);
			e->quoted[e->len + 1] = '"';
		}
	}
	return e;
}

/* NAME then s as a JSON string written as it is, or null: a name from
 * the tables (a format, a command, a verdict, a reason, a provider), whose
 * bytes gen/ holds to letters, digits, blanks and "-./&()", none of which
 * JSON escapes. Its escape was a third of the calls of out_json on the
 * bench log's --all --json. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void out_member_name(struct out *o, const char *name, const char *s)
{
	out_str(o, name);
	if (s) {
		const struct name_seen *e = name_seen(s);
		if (e->len + 2 <= NAME_BLOCK && (size_t)(o->end - o->p) >= NAME_BLOCK) {
			memcpy(o->p, e->quoted, NAME_BLOCK);
			o->p += e->len + 2;
		} else {
			out_char(o, '"');
			out_put(o, s, e->len);
			out_char(o, '"');
		}
	} else {
		out_put(o, "null", 4);
	}
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
	out_member_name(o, ",\"format\":", smtpcode_log_format_name(ev->format));
	out_member_name(o, ",\"command\":", ev->command ? ev->command->name : NULL);
	out_member_n(o, ",\"command_text\":", ev->command_text, ev->command_text_len);
	out_str(o, ",\"code\":");
	if (r->code < 0) {
		out_char(o, '-');
		out_ulong(o, (unsigned long)-(long)r->code);
	} else {
		out_ulong(o, (unsigned long)r->code);
	}
	if (r->has_ecode) {
		static const char key[] = ",\"enhanced\":\"";
		char ecode[40]; /* (digits and dots) */
		size_t n = sizeof key - 1;
		memcpy(ecode, key, n);
		n += ecode_text(ecode + n, &r->ecode);
		ecode[n++] = '"';
		out_put(o, ecode, n);
	} else {
		out_str(o, ",\"enhanced\":null");
	}
	/* "valid" answers one question: is the code allowed for the
	 * command; an enhanced code's problem has a field of its own */
	out_str(o, rec->valid < 0 ? ",\"valid\":null" :
	           rec->valid ? ",\"valid\":true" : ",\"valid\":false");
	out_member_name(o, ",\"enhanced_problem\":", rec->enhanced_problem);
	out_member_name(o, ",\"verdict\":", verdict_name(vd));
	/* why a failure failed (data/reasonrules.txt), and the provider whose
	 * documented reply it is (data/providers.txt) */
	out_member_name(o, ",\"reason\":",
	                rec->reason >= 0 ? smtpcode_reason_name((enum smtpcode_reason)rec->reason) : NULL);
	out_member_name(o, ",\"provider\":", rec->provider ? rec->provider->name : NULL);
	out_member_n(o, ",\"message\":", msg, rec->msg_len);
	out_text_lines(o, ev);
	out_str(o, ev->pipelined ? ",\"pipelined\":true" : ",\"pipelined\":false");
	out_member_n(o, ",\"recipient\":", ev->recipient, ev->recipient_len);
	out_member_n(o, ",\"remote_host\":", ev->remote_host, ev->remote_host_len);
	/* the details (smtpcode_log_details()): the address and the queue id
	 * as they are (smtpcode.h: hex digits, '.' and ':'; letters, digits,
	 * "-.[]": nothing JSON escapes, and short), the sender escaped (a
	 * hostile line's bytes; "" is the null sender, <>) */
	{
		char head[160], *t = head;
		if (ev->remote_addr != NULL && ev->remote_addr_len <= 45) {
			memcpy(t, ",\"remote_addr\":\"", 16);
			memcpy(t + 16, ev->remote_addr, ev->remote_addr_len);
			t += 16 + ev->remote_addr_len;
			*t++ = '"';
		} else {
			memcpy(t, ",\"remote_addr\":null", 19);
			t += 19;
		}
		if (ev->queue_id != NULL && ev->queue_id_len <= 64) {
			memcpy(t, ",\"queue_id\":\"", 13);
			memcpy(t + 13, ev->queue_id, ev->queue_id_len);
			t += 13 + ev->queue_id_len;
			*t++ = '"';
		} else {
			memcpy(t, ",\"queue_id\":null", 16);
			t += 16;
		}
		out_put(o, head, (size_t)(t - head));
	}
	out_member_n(o, ",\"sender\":", ev->sender, ev->sender_len);
	/* where in a message: the mbox's message number, the MIME part */
	out_str(o, ",\"mbox_message\":");
	if (rec->message)
		out_ulong(o, rec->message);
	else
		out_str(o, "null");
	out_member(o, ",\"part\":", rec->part);
	/* time, epoch and origin in one piece: the time is written as it is
	 * (smtpcode.h: digits, month names and " :.,+-/TZ" only: nothing JSON
	 * escapes; 48 bytes at most, past which it is left out) */
	{
		static const char origins[3][24] = { ",\"origin\":null}\n", ",\"origin\":\"local\"}\n",
		                                     ",\"origin\":\"remote\"}\n" };
		static const unsigned char origin_len[3] = { 16, 19, 20 };
		char tail[160], *t = tail;
		unsigned origin = (unsigned)ev->origin < 3 ? (unsigned)ev->origin : 0;
		if (ev->time != NULL && ev->time_len <= 48) {
			memcpy(t, ",\"time\":\"", 9);
			memcpy(t + 9, ev->time, ev->time_len);
			t += 9 + ev->time_len;
			memcpy(t, "\",\"epoch\":", 10);
			t += 10;
		} else {
			memcpy(t, ",\"time\":null,\"epoch\":", 21);
			t += 21;
		}
		if (!ev->has_epoch) {
			memcpy(t, "null", 4);
			t += 4;
		} else if (ev->epoch < 0) {
			*t++ = '-';
			t += put_ulong(t, (unsigned long)-(ev->epoch + 1) + 1u);
		} else {
			t += put_ulong(t, (unsigned long long)ev->epoch);
		}
		memcpy(t, origins[origin], 24); /* (fixed lengths: no strlen) */
		t += origin_len[origin];
		out_put(o, tail, (size_t)(t - tail));
	}
}

/* The text records' explanations. A record's message is the judgement's
 * explanation of its verdict, some 100 to 430 bytes, and a log repeats a
 * few of them: printed once each, under a number that the records end
 * with. Looked up by a hash of the text, in a table of open addressing. */

/* A hash of the text's length and of its first and last 16 bytes (where
 * the codes and the command stand): explanations that differ only between
 * them share a hash and are told apart by their bytes. A hash of the
 * whole text made check --all 7.4% dearer than before on the bench log
 * (callgrind); this one, after the record before's text is compared,
 * 4.6%. */
static unsigned text_hash(const char *s, size_t len)
{
	unsigned long long h = 0x9e3779b97f4a7c15ull ^ len;

	if (len >= 16) {
		const size_t at[4] = { 0, 8, len - 16, len - 8 };
		for (int k = 0; k < 4; k++) {
			unsigned long long w;
			memcpy(&w, s + at[k], 8);
			h = (h ^ w) * 0xff51afd7ed558ccdull;
			h ^= h >> 29;
		}
	} else {
		for (size_t i = 0; i < len; i++)
			h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
	}
	h ^= h >> 32;
	return (unsigned)h;
}

unsigned explanation_number(struct explanations *ex, const char *text, size_t len, int *added)
{
	unsigned hash;
	size_t i;

	*added = 0;
	/* most records have the explanation of the record before */
	if (ex->last && len == ex->last_len && memcmp(ex->texts[ex->last - 1], text, len) == 0)
		return ex->last;
	hash = text_hash(text, len);
	if (ex->slots == NULL && !ex->failed) {
		ex->slots = calloc(EXPLANATIONS_SLOTS, sizeof *ex->slots);
		ex->texts = calloc(EXPLANATIONS_MAX, sizeof *ex->texts);
		if (ex->slots == NULL || ex->texts == NULL) {
			explanations_free(ex);
			ex->failed = 1;
		}
	}
	if (ex->failed)
		return 0;
	for (i = hash & (EXPLANATIONS_SLOTS - 1);; i = (i + 1) & (EXPLANATIONS_SLOTS - 1)) {
		const struct explanation_slot *sl = &ex->slots[i];
		if (sl->number == 0)
			break;
		if (sl->hash == hash && sl->len == len &&
		    memcmp(ex->texts[sl->number - 1], text, len) == 0) {
			ex->last = sl->number;
			ex->last_len = len;
			return sl->number;
		}
	}
	if (ex->count >= EXPLANATIONS_MAX || (ex->texts[ex->count] = malloc(len + 1)) == NULL)
		return 0;
	memcpy(ex->texts[ex->count], text, len);
	ex->texts[ex->count][len] = '\0';
	ex->slots[i].hash = hash;
	ex->slots[i].len = len;
	ex->slots[i].number = ++ex->count;
	ex->last = ex->count;
	ex->last_len = len;
	*added = 1;
	return ex->count;
}

const char *explanation_text(const struct explanations *ex, unsigned number)
{
	return ex->texts[number - 1];
}

void explanations_free(struct explanations *ex)
{
	for (unsigned k = 0; ex->texts && k < ex->count; k++)
		free(ex->texts[k]);
	free(ex->texts);
	free(ex->slots);
	memset(ex, 0, sizeof *ex);
}

/* " [N]" or " [*]" (number 0) */
static void out_mark(struct out *o, unsigned number)
{
	char m[24];
	size_t n = 0;

	m[n++] = ' ';
	m[n++] = '[';
	if (number)
		n += put_ulong(m + n, number);
	else
		m[n++] = '*';
	m[n++] = ']';
	out_put(o, m, n);
}

void record_mark(struct out *o, unsigned number)
{
	out_mark(o, number);
	out_char(o, '\n');
}

void explanation_line(struct out *o, unsigned number, const char *text, size_t len)
{
	out_char(o, ' ');
	out_mark(o, number);
	out_char(o, ' ');
	out_escaped(o, text, len, 0);
	out_char(o, '\n');
}

/* FILE:LINE: [FIELD... : ]CODE[ ENHANCED] COMMAND: verdict[, REASON[ (PROVIDER)]] [N] */
void record_text(struct out *o, const struct record *rec)
{
	const char *file = rec->file, *msg = rec->msg;
	unsigned long line = rec->line;
	const struct smtpcode_log_event *ev = rec->ev;
	const struct smtpcode_reply_state *r = &ev->reply;
	enum verdict vd = rec->verdict;
	/* What a postmaster looks for, where the event has it, in this
	 * order: a label ("" for none) and the text, one line a field; one
	 * the event does not have (NULL) takes no room. */
	const struct {
		const char *label, *s;
		size_t len;
	} fields[] = {
		{ "", ev->time, ev->time_len },
		{ "id ", ev->queue_id, ev->queue_id_len },
		{ "for ", ev->recipient, ev->recipient_len },
		{ "host ", ev->remote_host, ev->remote_host_len },
	};
	char head[64];
	size_t n = 0, msg_len = rec->msg_len;
	unsigned number;
	int added, any = 0;

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
	out_put(o, head, n);
	n = 0;
	for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
		if (fields[k].s) {
			if (any++)
				out_char(o, ' ');
			out_str(o, fields[k].label);
			out_escaped(o, fields[k].s, fields[k].len, 0);
		}
	if (any)
		out_put(o, ": ", 2);
	if (colour_on)
		out_str(o, colour_code(r->code));
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
	out_put(o, head, n);
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
	/* why a failure failed, and whose documented reply it is */
	if (rec->reason >= 0) {
		out_put(o, ", ", 2);
		out_str(o, smtpcode_reason_name((enum smtpcode_reason)rec->reason));
		if (rec->provider) {
			out_put(o, " (", 2);
			out_str(o, rec->provider->name);
			out_char(o, ')');
		}
	}
	/* the message's mark; the message itself the first time (or each
	 * time, past the ones remembered) */
	number = explanation_number(rec->ex, msg, msg_len, &added);
	record_mark(o, number);
	if (added || number == 0)
		explanation_line(o, number, msg, msg_len);
	if (number == 0 && rec->ex->spill)
		fwrite(msg, 1, msg_len + 1, rec->ex->spill);
}
