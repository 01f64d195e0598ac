/* SPDX-License-Identifier: MIT */
/* judge.c - check's judgement of one reply found in a log: its verdict
 * and the message that says why, under a standard, with memos of the
 * verdicts and messages that the codes and command alone decide.
 * Layer: beside counts.c and records.c, under report.c; takes no checker;
 * calls text.c (has_text, cond_covers, validity_sentence) and the library
 * only. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "smtpcode.h"
#include "judge.h"
#include "text.h"

void judge_init(struct judge *j, enum smtpcode_standard std)
{
	memset(j, 0, sizeof *j);
	j->std = std;
	j->rcpt = smtpcode_command("RCPT", strlen("RCPT"));
	j->connect = smtpcode_command("CONNECT", strlen("CONNECT"));
}

/* Why MTAs send a reply the table does not list, where it is known. */
static const char *hint(const struct judge *j, const struct smtpcode_log_event *ev)
{
	if (ev->reply.code == 554 && ev->command == j->rcpt)
		return "MTAs often refuse at RCPT with 554 for policy (Postfix's reject_code, "
		       "relay_domains_reject_code and access_map_reject_code default to it); "
		       "RFC 5321 §3.6.2 asks for 550 when relaying is refused";
	if (ev->format == SMTPCODE_LOG_POSTFIX_SMTPD && ev->command == j->rcpt)
		return "Postfix applies client, HELO and sender restrictions at RCPT "
		       "(smtpd_delay_reject = yes), so their rejections are reported there";
	if (ev->format == SMTPCODE_LOG_POSTFIX_SMTPD && ev->command == j->connect)
		return "Postfix reports client restrictions at CONNECT when "
		       "smtpd_delay_reject = no";
	if (ev->pipelined)
		return "with PIPELINING (RFC 2920) a reply can be reported against "
		       "another command of the same batch";

	return NULL;
}

/* snprintf into msg[0..size). */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void say_fmt(char *msg, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	/* clang-analyzer takes ap as uninitialised here (a false positive:
	 * va_start is on every path to this line). */
	vsnprintf(msg, size, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
	va_end(ap);
}

/* The message, when one is wanted (size > 0): a record that is not printed
 * needs its verdict only, and neither the call nor its arguments cost it
 * anything (on the bench log, 9 in 10 records). */
#define say(msg, size, ...)                                                                        \
	do {                                                                                       \
		if ((size) > 0)                                                                    \
			say_fmt(msg, size, __VA_ARGS__);                                           \
	} while (0)

/* Adds to the message, when one is wanted. */
#define say_more(msg, size, ...)                                                                   \
	do {                                                                                       \
		size_t said_ = (size) > 0 ? strlen(msg) : 0;                                       \
		if ((size) > 0)                                                                    \
			say_fmt((msg) + said_, (size) - said_, __VA_ARGS__);                       \
	} while (0)

/* The conditional rule of the reply's code that covers the command and
 * whose evidence the reply's text shows; NULL when none does. */
static const struct smtpcode_conditional *evidenced(const struct judge *j,
                                                     const struct smtpcode_log_event *ev)
{
	const struct smtpcode_conditional *c;

	for (size_t i = 0; (c = smtpcode_conditional_at(j->std, i)) != NULL; i++) {
		if (c->reply->code != ev->reply.code || !cond_covers(c, ev->command))
			continue;
		for (size_t k = 0; k < c->nevidence; k++)
			if (has_text(ev->reply.text, ev->reply.text_len, c->evidence[k]))
				return c;
	}
	return NULL;
}

/* The verdict on the command alone (valid, conditional, not-listed or
 * no-command), with its message. A conditional pair is conditional only
 * when the reply shows its condition (the words of data/conditional.txt);
 * else not-listed, the message naming the condition it would need. */
static enum verdict command_verdict(const struct judge *j, const struct smtpcode_log_event *ev,
                                    char *msg, size_t size, int *by_text)
{
	const struct smtpcode_reply_state *r = &ev->reply;
	const struct smtpcode_conditional *c = NULL;
	struct smtpcode_validity v;
	const char *h;

	if (ev->command == NULL) {
		if (ev->command_text) {
			int n = (int)(ev->command_text_len > 40 ? 40 : ev->command_text_len);
			say(msg, size, "the log names %.*s, a command smtpcode does not know", n,
			         ev->command_text);
		} else {
			say(msg, size, "the log names no command for this reply");
		}
		return V_NO_COMMAND;
	}
	smtpcode_validate(j->std, ev->command, r->code, &v);
	if (v.verdict == SMTPCODE_CONDITIONAL && by_text)
		*by_text = 1;
	if (v.verdict == SMTPCODE_CONDITIONAL && (c = evidenced(j, ev)) != NULL) {
		/* the rule the reply shows, which may be another of the code's */
		v.condition = c->condition;
		v.rule = c->source;
	}
	if (v.verdict == SMTPCODE_CONDITIONAL && c == NULL)
		/* check's own verdict: a condition the reply does not show */
		say(msg, size, "%d is not listed for %s; it is allowed only when %s (%s), "
		    "which the reply does not show", r->code, ev->command->name, v.condition, v.rule);
	else if (size > 0)
		validity_sentence(msg, size, j->std, r->code, ev->command, &v);
	switch (v.verdict) {
	case SMTPCODE_LISTED:
	case SMTPCODE_ANY_COMMAND:
		return V_VALID;
	case SMTPCODE_CONDITIONAL:
		if (c != NULL) {
			say_more(msg, size, "; the reply says so");
			return V_CONDITIONAL;
		}
		break;
	default:
		break;
	}
	if ((h = hint(j, ev)) != NULL)
		say_more(msg, size, "; %s", h);
	return V_NOT_LISTED;
}

/* Decides the verdict on one reply, writing its message into msg. */
static enum verdict judge_reply(const struct judge *j, const struct smtpcode_log_event *ev,
                                char *msg, size_t size, int *by_text)
{
	const struct smtpcode_reply_state *r = &ev->reply;
	enum smtpcode_form form = smtpcode_code_form(r->code);

	if (r->flags & SMTPCODE_REPLY_UNTERMINATED) {
		say(msg, size, "the input ended before this reply's final line (RFC 5321 §4.2.1: "
		    "the last line has a space after the code)");
		return V_MALFORMED_REPLY;
	}
	if (r->flags & SMTPCODE_REPLY_MIXED_CODES) {
		say(msg, size, "the lines of one reply carry different codes (%d, then %d); "
		         "they must be the same (RFC 5321 §4.2.1)", r->first_code, r->code);
		return V_MALFORMED_REPLY;
	}
	if (r->flags & SMTPCODE_REPLY_LONG_LINE) {
		say(msg, size, "a reply line is over 512 octets with its CRLF "
		         "(RFC 5321 §4.5.3.1.5)");
		return V_MALFORMED_REPLY;
	}
	if (form != SMTPCODE_FORM_OK) {
		say(msg, size, "%03d is outside the reply-code grammar: %s", r->code,
		         smtpcode_form_reason(form));
		return V_MALFORMED_CODE;
	}
	if (smtpcode_reply(r->code) == NULL) {
		say(msg, size, "%d is not a registered reply code; clients read it by "
		         "its first digit (RFC 5321 §4.2)", r->code);
		return V_UNREGISTERED_CODE;
	}
	if (r->has_ecode) {
		enum smtpcode_pairing p = smtpcode_pair(r->code, &r->ecode);
		if (p == SMTPCODE_PAIR_CLASS_MISMATCH) {
			say(msg, size, "%d with %d.%d.%d: the classes must agree (RFC 3463 §2)",
			         r->code, r->ecode.cls, r->ecode.subject, r->ecode.detail);
			return V_ENHANCED_MISMATCH;
		}
		if (p == SMTPCODE_PAIR_UNREGISTERED) {
			say(msg, size, "%d.%d.%d is not in the IANA enhanced status code "
			         "registry", r->ecode.cls, r->ecode.subject, r->ecode.detail);
			return V_UNREGISTERED_ENHANCED;
		}
	}
	return command_verdict(j, ev, msg, size, by_text);
}

unsigned long long judge_memo_key(const struct smtpcode_log_event *ev)
{
	const struct smtpcode_reply_state *r = &ev->reply;
	unsigned long long key;

	if (r->flags != 0 || r->code < 0 || r->code > 999 ||
	    (r->has_ecode && (r->ecode.cls < 0 || r->ecode.cls > 9 || r->ecode.subject < 0 ||
	                      r->ecode.subject > 999 || r->ecode.detail < 0 ||
	                      r->ecode.detail > 999)) ||
	    (ev->command && ev->command->id > 254))
		return 0;
	key = (unsigned long long)r->code | (unsigned long long)(ev->command ? ev->command->id + 1 : 0)
	                                            << 10;
	if (r->has_ecode)
		key |= 1ull << 18 | (unsigned long long)r->ecode.cls << 19 |
		       (unsigned long long)r->ecode.subject << 23 |
		       (unsigned long long)r->ecode.detail << 33;
	return key | 1ull << 63; /* a slot in use */
}

enum verdict judge_message(struct judge *j, const struct smtpcode_log_event *ev, char *msg,
                           size_t size)
{
	/* A valid record's message is the validity sentence, which its codes
	 * and command decide: remembered, it is copied rather than made
	 * with snprintf (--all --json on the bench log: 9 records in 10) */
	unsigned long long key = size > 0 ? judge_memo_key(ev) : 0;
	struct message_memo *m = &j->messages[judge_memo_slot(key, JUDGE_MESSAGE_BITS)];
	enum verdict v;
	size_t n;

	if (key != 0 && m->key == key && strlen(m->text) < size) {
		n = strlen(m->text);
		memcpy(msg, m->text, n + 1);
		v = V_VALID;
	} else {
		v = judge_reply(j, ev, msg, size, NULL);
		n = size ? strlen(msg) : 0;
		if (key != 0 && v == V_VALID && n < sizeof m->text) {
			m->key = key;
			memcpy(m->text, msg, n + 1);
		}
	}

	if (ev->format == SMTPCODE_LOG_POSTFIX_REJECT_WARNING && n < size)
		say(msg + n, size - n, "; Postfix logged it (warn_if_reject) and did not send it");
	return v;
}

/* A verdict that the codes and the command decide (no reply flag, no
 * conditional rule that reads the text) is remembered in a small table:
 * most records of a log repeat a few such triples (on the bench log, this
 * takes 13% of the instructions of check off). judge_verdict() looks it
 * up; this judges a reply the table does not hold. */
enum verdict judge_verdict_new(struct judge *j, const struct smtpcode_log_event *ev,
                               unsigned long long key)
{
	struct verdict_memo *m;
	int by_text = 0;
	enum verdict v;

	if (key == 0)
		return judge_reply(j, ev, NULL, 0, NULL);
	m = &j->memo[judge_memo_slot(key, JUDGE_MEMO_BITS)];
	v = judge_reply(j, ev, NULL, 0, &by_text);
	if (!by_text) {
		m->key = key;
		m->verdict = (unsigned char)v;
	}
	return v;
}

int judge_valid_problem(const struct judge *j, const struct smtpcode_log_event *ev)
{
	if (smtpcode_code_form(ev->reply.code) != SMTPCODE_FORM_OK || !smtpcode_reply(ev->reply.code))
		return 0;
	return command_verdict(j, ev, NULL, 0, NULL) <= V_CONDITIONAL;
}
