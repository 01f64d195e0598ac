/* SPDX-License-Identifier: MIT */
/* check.c - smtpcode check: judge every reply found in mail logs. */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "smtpcode.h"
#include "check.h"
#include "input.h"
#include "json.h"
#include "message.h"
#include "out.h"
#include "text.h"

/* Lines longer than MAX_LINE are reported as skipped, never cut. */
#define MAX_LINE ((size_t)64 * 1024)
#define READ_SIZE ((size_t)256 * 1024)

static const char check_usage[] =
	"Usage: smtpcode check [-S STD] [--all] [--json] [--summary] [--line-buffered]\n"
	"                      [--jobs=N] [FILE...]\n"
	"       smtpcode check --merge [--json] SUMMARY.json...\n"
	"\n"
	"Find the SMTP replies in mail logs (Postfix, Exim, Sendmail) and SMTP\n"
	"transcripts (swaks, Sendmail >>>/<<<, Postfix In:/Out:, C:/S:, S:/R:,\n"
	"C:/P:, msmtp, Python smtplib, PHPMailer, go-mail, JavaMail, Postfix\n"
	"debug_peer_list, OpenSMTPD reports, Exchange protocol logs), journald JSON,\n"
	"DSNs and bounce messages (a message, an mbox or a Maildir folder, MIME\n"
	"decoded), with the command each answered, and judge each under the\n"
	"standard. Reads standard input when no FILE or \"-\" is given; files may\n"
	"be compressed (gzip, xz, zstd, bzip2).\n"
	"Authentication data is never printed.\n"
	"\n"
	"Options:\n"
	"  -S, --standard=STD   rfc821, rfc2821 or rfc5321 (default: rfc5321, as RFC\n"
	"                       7504 updates it with 521 and 556)\n"
	"  -a, --all            print every reply found, not only the problems\n"
	"  -j, --json           print JSON Lines: one object per reply\n"
	"      --summary        then print counts by verdict, code and command\n"
	"      --line-buffered  print each record as its line is read (the\n"
	"                       default when the output is not a file)\n"
	"      --verdict=V[,V]  only the replies with these verdicts (printed\n"
	"                       whatever they are), e.g. not-listed,malformed-code\n"
	"      --code=PATTERN   only the replies whose code matches: 550, 55x, 5xx\n"
	"      --command=CMD    only the replies to CMD (RCPT, end-of-data, ...)\n"
	"                       (the summary and the exit status count those only)\n"
	"      --color[=WHEN]   colour codes and verdicts: auto (the default: on a\n"
	"                       terminal, unless NO_COLOR is set), always or never\n"
	"      --jobs=N         check N files at once (0: one per CPU), printing\n"
	"                       them in order, as one run would\n"
	"      --merge          FILEs are JSON summaries (--summary --json) of\n"
	"                       other runs: print the summary of them all\n"
	"  -h, --help           print this help and exit\n"
	"\n"
	"Verdicts: valid, conditional, no-command (not problems); not-listed,\n"
	"malformed-code, unregistered-code, enhanced-mismatch,\n"
	"unregistered-enhanced, malformed-reply (problems).\n"
	"Output: FILE:LINE: CODE COMMAND: verdict: message (in a message,\n"
	"FILE[PART]:LINE, and MBOX#N[PART]:LINE: the MIME part, the line in it)\n"
	"Exit status: 0 no problems; 1 problems found; 2 a file could not be read\n"
	"or a usage error.\n"
	"Environment: SMTPCODE_SCAN=byte|sse2|avx2|auto forces the marker scan.\n";

enum verdict {
	V_VALID, V_CONDITIONAL, V_NO_COMMAND, V_NOT_LISTED, V_MALFORMED_CODE,
	V_UNREGISTERED_CODE, V_ENHANCED_MISMATCH, V_UNREGISTERED_ENHANCED,
	V_MALFORMED_REPLY, V_COUNT
};

_Static_assert(V_COUNT <= sizeof ((struct checker *)0)->by_verdict /
               sizeof ((struct checker *)0)->by_verdict[0], "by_verdict too small");

static const char *const verdict_names[V_COUNT] = {
	"valid", "conditional", "no-command", "not-listed", "malformed-code",
	"unregistered-code", "enhanced-mismatch", "unregistered-enhanced",
	"malformed-reply"
};



/* Why MTAs send a reply the table does not list, where it is known. */
static const char *hint(const struct checker *ck, const struct smtpcode_log_event *ev)
{
	if (ev->reply.code == 554 && ev->command == ck->rcpt)
		return "MTAs often refuse at RCPT with 554 for policy (Postfix's reject_code, "
		       "relay_domains_reject_code and access_map_reject_code default to it); "
		       "RFC 5321 §3.6.2 asks for 550 when relaying is refused";
	if (ev->format == SMTPCODE_LOG_POSTFIX_SMTPD && ev->command == ck->rcpt)
		return "Postfix applies client, HELO and sender restrictions at RCPT "
		       "(smtpd_delay_reject = yes), so their rejections are reported there";
	if (ev->format == SMTPCODE_LOG_POSTFIX_SMTPD && ev->command == ck->connect)
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
static const struct smtpcode_conditional *evidenced(const struct checker *ck,
                                                     const struct smtpcode_log_event *ev)
{
	const struct smtpcode_conditional *c;

	for (size_t i = 0; (c = smtpcode_conditional_at(ck->std, i)) != NULL; i++) {
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
static enum verdict command_verdict(const struct checker *ck, const struct smtpcode_log_event *ev,
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
	smtpcode_validate(ck->std, ev->command, r->code, &v);
	if (v.verdict == SMTPCODE_CONDITIONAL && by_text)
		*by_text = 1;
	if (v.verdict == SMTPCODE_CONDITIONAL && (c = evidenced(ck, ev)) != NULL) {
		/* the rule the reply shows, which may be another of the code's */
		v.condition = c->condition;
		v.rule = c->source;
	}
	if (v.verdict == SMTPCODE_CONDITIONAL && c == NULL)
		/* check's own verdict: a condition the reply does not show */
		say(msg, size, "%d is not listed for %s; it is allowed only when %s (%s), "
		    "which the reply does not show", r->code, ev->command->name, v.condition, v.rule);
	else if (size > 0)
		validity_sentence(msg, size, ck->std, r->code, ev->command, &v);
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
	if ((h = hint(ck, ev)) != NULL)
		say_more(msg, size, "; %s", h);
	return V_NOT_LISTED;
}

/* The enhanced code's problem with the basic code, as check names it, or
 * NULL (none, or no enhanced code). */
static const char *enhanced_problem(const struct smtpcode_reply_state *r)
{
	if (!r->has_ecode)
		return NULL;
	switch (smtpcode_pair(r->code, &r->ecode)) {
	case SMTPCODE_PAIR_CLASS_MISMATCH:
		return verdict_names[V_ENHANCED_MISMATCH];
	case SMTPCODE_PAIR_UNREGISTERED:
		return verdict_names[V_UNREGISTERED_ENHANCED];
	default:
		return NULL;
	}
}

/* Decides the verdict on one reply, writing its message into msg. */
static enum verdict judge_reply(const struct checker *ck, const struct smtpcode_log_event *ev,
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
	return command_verdict(ck, ev, msg, size, by_text);
}

/* The key of a record's codes and command in the memo tables, or 0 when
 * they do not fit one (or the reply has a flag that decides alone). */
static unsigned long long memo_key(const struct smtpcode_log_event *ev)
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

/* judge_reply(), and the message says when the reply was not sent. */
static enum verdict judge(struct checker *ck, const struct smtpcode_log_event *ev,
                          char *msg, size_t size)
{
	/* A valid record's message is the validity sentence, which its codes
	 * and command decide: remembered, it is copied rather than made
	 * with snprintf (--all --json on the bench log: 9 records in 10) */
	unsigned long long key = size > 0 ? memo_key(ev) : 0;
	struct message_memo *m = &ck->messages[(key * 0x9e3779b97f4a7c15ull) >> (64 - CHECK_MESSAGE_BITS)];
	enum verdict v;
	size_t n;

	if (key != 0 && m->key == key && strlen(m->text) < size) {
		n = strlen(m->text);
		memcpy(msg, m->text, n + 1);
		v = V_VALID;
	} else {
		v = judge_reply(ck, ev, msg, size, NULL);
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

/* The verdict alone, for a record that is not printed. A verdict that the
 * codes and the command decide (no reply flag, no conditional rule that
 * reads the text) is remembered in a small table: most records of a log
 * repeat a few such triples (on the bench log, this takes 13% of the
 * instructions of check off). */
static enum verdict verdict_of(struct checker *ck, const struct smtpcode_log_event *ev)
{
	unsigned long long key = memo_key(ev);
	struct verdict_memo *m;
	int by_text = 0;
	enum verdict v;

	if (key == 0)
		return judge_reply(ck, ev, NULL, 0, NULL);
	m = &ck->memo[(key * 0x9e3779b97f4a7c15ull) >> (64 - CHECK_MEMO_BITS)];
	if (m->key == key)
		return (enum verdict)m->verdict;
	v = judge_reply(ck, ev, NULL, 0, &by_text);
	if (!by_text) {
		m->key = key;
		m->verdict = (unsigned char)v;
	}
	return v;
}

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

/* Whether the record is one --code and --command ask for. */
static int asked_for(const struct checker *ck, const struct smtpcode_log_event *ev)
{
	if (ck->only_command && ev->command != ck->only_command)
		return 0;
	return !ck->code_pattern[0] || code_matches(ev->reply.code, ck->code_pattern);
}

/* --verdict WORD[,WORD]: the bits of the verdicts named; 0 after an error
 * (said on stderr). */
static unsigned parse_verdicts(const char *arg)
{
	unsigned mask = 0;
	const char *p = arg;

	while (*p) {
		size_t n = strcspn(p, ",");
		int v = -1;
		for (int k = 0; k < V_COUNT; k++)
			if (strlen(verdict_names[k]) == n && strncmp(verdict_names[k], p, n) == 0)
				v = k;
		if (v < 0) {
			bad_input(arg, "unknown verdict (valid, conditional, no-command, not-listed, "
			          "malformed-code, unregistered-code, enhanced-mismatch, "
			          "unregistered-enhanced, malformed-reply)");
			return 0;
		}
		mask |= 1u << v;
		p += n;
		if (*p == ',')
			p++;
	}
	if (mask == 0)
		bad_input(arg, "names no verdict");
	return mask;
}

static void report(struct checker *ck, const char *file, unsigned long line,
                   const struct smtpcode_log_event *ev);

/* Keeps a copy of the record, its texts included, until check_hold_end. */
static void hold(struct checker *ck, unsigned long line, const struct smtpcode_log_event *ev)
{
	struct held_record *h;
	size_t n = ev->reply.text_len + ev->command_text_len + ev->recipient_len +
	           ev->remote_host_len;

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
	h->texts[n] = '\0';
}

void check_hold_begin(struct checker *ck)
{
	ck->holding = 1;
	ck->nheld = 0;
}

/* Whether a and b are one reply: the same codes, and texts that agree to
 * the end of the shorter, spaces aside (a bounce's text part may cut or
 * fold what its delivery-status part gives whole). */
static int same_reply(const struct smtpcode_log_event *a, const struct smtpcode_log_event *b)
{
	const char *p = a->reply.text, *pe = p + a->reply.text_len;
	const char *q = b->reply.text, *qe = q + b->reply.text_len;

	if (a->reply.code != b->reply.code || a->reply.has_ecode != b->reply.has_ecode ||
	    (a->reply.has_ecode && (a->reply.ecode.cls != b->reply.ecode.cls ||
	                            a->reply.ecode.subject != b->reply.ecode.subject ||
	                            a->reply.ecode.detail != b->reply.ecode.detail)))
		return 0;
	for (;;) {
		while (p < pe && (*p == ' ' || *p == '\t'))
			p++;
		while (q < qe && (*q == ' ' || *q == '\t'))
			q++;
		if (p == pe || q == qe)
			return 1;
		if (*p++ != *q++)
			return 0;
	}
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
}

void check_hold_end(struct checker *ck, const char *name)
{
	const char *part = ck->part;

	ck->holding = 0;
	/* Each record matches at most one record of another part; the one
	 * that names a command stays (the text's "in reply to RCPT TO"
	 * against the delivery-status field's bare reply). */
	for (size_t i = 0; i < ck->nheld; i++) {
		struct held_record *a = &ck->held[i];
		for (size_t k = i + 1; k < ck->nheld && !a->dropped; k++) {
			struct held_record *b = &ck->held[k];
			if (b->dropped || strcmp(a->part, b->part) == 0 || !same_reply(&a->ev, &b->ev))
				continue;
			if (a->ev.command == NULL && b->ev.command != NULL) {
				a->dropped = 1;
				take_names(&b->ev, &a->ev);
			} else {
				b->dropped = 1;
				take_names(&a->ev, &b->ev);
			}
		}
	}
	for (size_t i = 0; i < ck->nheld; i++) {
		struct held_record *h = &ck->held[i];
		if (!h->dropped && !ck->write_failed) {
			ck->part = h->part[0] ? h->part : NULL;
			report(ck, name, h->line, &h->ev);
		}
		free(h->texts);
	}
	ck->nheld = 0;
	ck->part = part;
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

/* Adds replies and problems to the counts of the remote host
 * name[0..len): a table of the first CHECK_HOSTS / 2 names, searched from
 * a hash; the rest (and name NULL) go under others. */
static void add_host(struct checker *ck, const char *name, size_t len, unsigned long replies,
                     unsigned long problems)
{
	unsigned long h = 5381;
	size_t i;

	if (name == NULL)
		goto others;
	if (len >= CHECK_HOST_NAME) { /* cut, at a character's start */
		len = CHECK_HOST_NAME - 1;
		while (len > 0 && ((unsigned char)name[len] & 0xc0) == 0x80)
			len--;
	}
	if (ck->hosts == NULL && (ck->hosts = calloc(CHECK_HOSTS, sizeof *ck->hosts)) == NULL) {
		ck->held_failed = 1;
		return;
	}
	for (i = 0; i < len; i++)
		h = h * 33 + (unsigned char)name[i];
	for (i = h % CHECK_HOSTS;; i = (i + 1) % CHECK_HOSTS) {
		struct host_count *c = &ck->hosts[i];
		if (c->name[0] == '\0') {
			if (ck->nhosts >= CHECK_HOSTS / 2) /* full enough: the rest */
				goto others;
			memcpy(c->name, name, len);
			c->name[len] = '\0';
			ck->nhosts++;
		} else if (strncmp(c->name, name, len) != 0 || c->name[len] != '\0') {
			continue;
		}
		c->replies += replies;
		c->problems += problems;
		return;
	}
others:
	ck->other_host_replies += replies;
	ck->other_host_problems += problems;
}

void check_add_host(struct checker *ck, const char *name, unsigned long replies,
                    unsigned long problems)
{
	add_host(ck, name, name ? strlen(name) : 0, replies, problems);
}

int check_add_count(struct checker *ck, const char *group, const char *name, unsigned long n)
{
	const struct smtpcode_command *c;
	unsigned long *top[] = { &ck->lines, &ck->replies, &ck->skipped, &ck->problems };
	static const char *const top_names[] = { "lines", "replies", "skipped", "problems" };

	if (group == NULL) {
		for (size_t k = 0; k < sizeof top / sizeof top[0]; k++)
			if (strcmp(name, top_names[k]) == 0) {
				*top[k] += n;
				return 0;
			}
	} else if (strcmp(group, "verdicts") == 0) {
		for (int v = 0; v < V_COUNT; v++)
			if (strcmp(name, verdict_names[v]) == 0) {
				ck->by_verdict[v] += n;
				return 0;
			}
	} else if (strcmp(group, "codes") == 0) {
		if (strlen(name) == 3 && strspn(name, "0123456789") == 3) {
			ck->by_code[(name[0] - '0') * 100 + (name[1] - '0') * 10 + (name[2] - '0')] += n;
			return 0;
		}
	} else if (strcmp(group, "commands") == 0) {
		if (strcmp(name, "(none)") == 0) {
			ck->no_command += n;
			return 0;
		}
		c = smtpcode_command(name, strlen(name));
		if (c && c->id < sizeof ck->by_command / sizeof ck->by_command[0] &&
		    strcmp(c->name, name) == 0) {
			ck->by_command[c->id] += n;
			return 0;
		}
	}
	return -1;
}

void check_add_counts(struct checker *to, const struct checker *from)
{
	to->lines += from->lines;
	to->replies += from->replies;
	to->skipped += from->skipped;
	to->problems += from->problems;
	for (size_t k = 0; k < sizeof to->by_verdict / sizeof to->by_verdict[0]; k++)
		to->by_verdict[k] += from->by_verdict[k];
	for (size_t k = 0; k < sizeof to->by_code / sizeof to->by_code[0]; k++)
		to->by_code[k] += from->by_code[k];
	for (size_t k = 0; k < sizeof to->by_command / sizeof to->by_command[0]; k++)
		to->by_command[k] += from->by_command[k];
	to->no_command += from->no_command;
	for (size_t i = 0; from->hosts && i < CHECK_HOSTS; i++)
		if (from->hosts[i].name[0])
			add_host(to, from->hosts[i].name, strlen(from->hosts[i].name),
			         from->hosts[i].replies, from->hosts[i].problems);
	if (from->other_host_replies)
		add_host(to, NULL, 0, from->other_host_replies, from->other_host_problems);
}

void check_clear_counts(struct checker *ck)
{
	ck->lines = ck->replies = ck->skipped = ck->problems = 0;
	memset(ck->by_verdict, 0, sizeof ck->by_verdict);
	memset(ck->by_code, 0, sizeof ck->by_code);
	memset(ck->by_command, 0, sizeof ck->by_command);
	ck->no_command = 0;
	free(ck->hosts);
	ck->hosts = NULL;
	ck->nhosts = 0;
	ck->other_host_replies = ck->other_host_problems = 0;
}

static void report(struct checker *ck, const char *file, unsigned long line,
                   const struct smtpcode_log_event *ev)
{
	char msg[512];
	const struct smtpcode_reply_state *r = &ev->reply;
	struct out *o = &ck->ob;
	enum verdict vd;
	int problem, all = ck->all || ck->verdicts;

	if (ck->holding) {
		hold(ck, line, ev);
		return;
	}
	if (!asked_for(ck, ev))
		return;
	/* Messages cost time: write one only for a record that is printed. */
	vd = ck->json || all ? judge(ck, ev, msg, sizeof msg) : verdict_of(ck, ev);
	if (ck->verdicts && !(ck->verdicts & (1u << vd)))
		return;
	problem = vd >= V_NOT_LISTED;
	if (problem && !ck->json && !all)
		judge(ck, ev, msg, sizeof msg);

	ck->replies++;
	ck->by_verdict[vd]++;
	if (r->code >= 0 && r->code < 1000)
		ck->by_code[r->code]++;
	if (ev->command == NULL)
		ck->no_command++;
	else if (ev->command->id < sizeof ck->by_command / sizeof ck->by_command[0])
		ck->by_command[ev->command->id]++;
	if (problem)
		ck->problems++;
	if (ck->summary && ev->remote_host)
		add_host(ck, ev->remote_host, ev->remote_host_len, 1, problem != 0);
	if (!ck->json && !problem && !all)
		return;
	if (o->f != ck->out) { /* another stream (the fuzz target's) */
		out_flush(o);
		out_init(o, ck->out, ck->out_buf, sizeof ck->out_buf);
	}
	if (ck->json) {
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
		if (ev->command == NULL) {
			out_str(o, ",\"valid\":null");
		} else {
			enum verdict cv = vd <= V_CONDITIONAL ? vd :
			                  smtpcode_code_form(r->code) == SMTPCODE_FORM_OK &&
			                  smtpcode_reply(r->code) ? command_verdict(ck, ev, NULL, 0, NULL) :
			                  V_NOT_LISTED;
			out_str(o, cv <= V_CONDITIONAL ? ",\"valid\":true" : ",\"valid\":false");
		}
		out_member(o, ",\"enhanced_problem\":", enhanced_problem(r));
		out_member(o, ",\"verdict\":", verdict_names[vd]);
		out_member(o, ",\"message\":", msg);
		out_member_n(o, ",\"text\":", r->text, r->text_len);
		out_str(o, ev->pipelined ? ",\"pipelined\":true" : ",\"pipelined\":false");
		out_member_n(o, ",\"recipient\":", ev->recipient, ev->recipient_len);
		out_member_n(o, ",\"remote_host\":", ev->remote_host, ev->remote_host_len);
		/* where in a message: the mbox's message number, the MIME part */
		out_str(o, ",\"mbox_message\":");
		if (ck->message)
			out_ulong(o, ck->message);
		else
			out_str(o, "null");
		out_member(o, ",\"part\":", ck->part);
		out_put(o, "}\n", 2);
	} else {
		/* FILE:LINE: CODE[ ENHANCED] COMMAND: verdict: message */
		char head[64];
		size_t n = 0;
		out_escaped(o, file, strlen(file), 0);
		if (ck->message) { /* mbox#3[2.1]:LINE: the message, its part */
			head[n++] = '#';
			n += put_ulong(head + n, ck->message);
		}
		if (ck->part) {
			head[n++] = '[';
			out_put(o, head, n);
			out_escaped(o, ck->part, strlen(ck->part), 0);
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
		out_str(o, verdict_names[vd]);
		out_str(o, colour_end());
		out_put(o, ": ", 2);
		out_str(o, msg);
		/* " (for RECIPIENT, host HOST)", either alone; a log line's
		 * host is on the line itself, a message's in another part */
		int host = ev->remote_host != NULL && ck->part != NULL;
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
	if (ck->line_buffered)
		out_flush(o);
	if (o->failed || ferror(ck->out))
		ck->write_failed = 1;
}

int file_error(const char *name, const char *message)
{
	json_error(name, message);
	fprintf(stderr, "%s: ", progname);
	put_name(stderr, name);
	fprintf(stderr, ": %s\n", message);
	return EXIT_USAGE;
}

static void too_long(struct checker *ck, const char *name, unsigned long lineno)
{
	ck->skipped++;
	put_name(ck->err, name);
	fprintf(ck->err, ":%lu: line over %zu KiB skipped\n", lineno,
	        ck->max_line / 1024);
}

/* The first newline of p[0..n), or NULL. A line of a log is a few hundred
 * bytes at most, where memchr's call and set-up cost more than the search:
 * 16 bytes a step inline made check 4% faster on the bench log (0.140 s
 * against 0.147 s, the fastest of 15 runs each, 200 MB). */
static char *find_newline(char *p, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i nl = _mm_set1_epi8('\n');

	for (; i + 16 <= n; i += 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, nl));
		if (m)
			return p + i + __builtin_ctz(m);
	}
#endif
	return memchr(p + i, '\n', n - i);
}

int check_stream(struct checker *ck, const char *name, check_read_fn *rd, void *ctx,
                 char *buf, size_t have)
{
	struct smtpcode_log_state st;
	struct smtpcode_log_event ev;
	size_t start = 0;
	unsigned long lineno = 0;
	int skipping = 0, eof = 0;

	smtpcode_log_begin(&st);
	if (ck->part != NULL)
		smtpcode_log_bare_replies(&st, 1); /* a message's part */
	/* the remote hosts, for what prints or counts them */
	smtpcode_log_hosts(&st, ck->summary || ck->json);
	while ((!eof || start < have) && !ck->write_failed) {
		char *nl = have > start ? find_newline(buf + start, have - start) : NULL;
		size_t len;

		if (nl == NULL && !eof) {
			ptrdiff_t n;
			if (have - start > ck->max_line) {
				/* Too long: drop what we have and keep dropping to the
				 * line end. */
				skipping = 1;
				start = have = 0;
			}
			if (start > 0) {
				memmove(buf, buf + start, have - start);
				have -= start;
				start = 0;
			}
			n = rd(ctx, buf + have, ck->bufsize - have);
			if (n < 0) {
				if (errno == EINTR && !ck->read_message)
					continue;
				return file_error(name, ck->read_message ? ck->read_message(ctx)
				                                         : strerror(errno));
			}
			if (n == 0)
				eof = 1;
			have += (size_t)n;
			continue;
		}
		len = nl ? (size_t)(nl - (buf + start)) : have - start;
		ck->lines++;
		lineno++;
		if (skipping || len > ck->max_line) {
			too_long(ck, name, lineno);
			skipping = 0;
		} else {
			/* 2: a reply folded over the lines before, which this
			 * one ended; then this line's own */
			int r;
			while ((r = smtpcode_log_line(&st, buf + start, len, &ev)) != 0) {
				report(ck, name, lineno - ev.lines_before, &ev);
				if (r != 2)
					break;
			}
		}
		start += len + (nl ? 1 : 0);
		if (nl == NULL)
			start = have; /* the last line, without a newline */
	}
	if (skipping && !ck->write_failed) {
		/* A too-long last line that the buffer had already dropped. */
		ck->lines++;
		too_long(ck, name, lineno + 1);
	}
	while (!ck->write_failed && smtpcode_log_end(&st, &ev))
		report(ck, name, lineno - ev.lines_before, &ev);
	return 0;
}

/* The bytes a message's header would be in, to tell a message from a log. */
#define SNIFF_SIZE ((size_t)64 * 1024)

/* A read that fails again as the first bytes' read failed. */
static int sniff_errno;

static ptrdiff_t failed_read(void *ctx, char *dst, size_t n)
{
	(void)ctx, (void)dst, (void)n;
	errno = sniff_errno;
	return -1;
}

int check_fd(struct checker *ck, const char *name, int fd, char *buf)
{
	/* 64 KiB of compressed input: not on the stack; a Maildir's files are
	 * read one at a time */
	static struct input in;
	size_t have = 0;
	int st = 0, eof = 0;
	enum message_kind kind = MESSAGE_UNDECIDED;

	if (input_open(&in, fd) < 0)
		return file_error(name, input_message(&in));
	ck->read_message = input_message;
	/* The first bytes: a mail message or mbox, or a log (its first line
	 * says; a live log is not kept waiting). */
	while (kind == MESSAGE_UNDECIDED) {
		ptrdiff_t n = input_read(&in, buf + have, ck->bufsize - have);
		if (n < 0) {
			if (errno == EINTR && in.error == NULL)
				continue;
			if (have == 0) {
				st = file_error(name, input_message(&in));
				break;
			}
			/* what came is read as a log, then the error said */
			sniff_errno = errno;
			st = check_stream(ck, name, failed_read, &in, buf, have);
			break;
		}
		eof = n == 0;
		have += (size_t)n;
		kind = message_kind(buf, have, !eof && have < SNIFF_SIZE && have < ck->bufsize);
	}
	if (kind == MESSAGE_ONE || kind == MESSAGE_MBOX)
		st = check_message(ck, name, kind, buf, have, input_read, &in, buf);
	else if (kind == MESSAGE_NONE)
		st = check_stream(ck, name, input_read, &in, buf, have);
	ck->read_message = NULL;
	input_close(&in);
	return st;
}

int check_file(struct checker *ck, const char *path, char *buf)
{
	struct stat sb;
	int fd, st;

	if (strcmp(path, "-") == 0)
		return check_fd(ck, "-", 0, buf);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return file_error(path, strerror(errno));
	if (fstat(fd, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		close(fd);
		if (is_maildir(path))
			return check_maildir(ck, path, buf);
		return file_error(path, "is a directory (and no Maildir folder: it has no cur/ or new/)");
	}
	st = check_fd(ck, path, fd, buf);
	close(fd);
	return st;
}

void checker_init(struct checker *ck, size_t bufsize, size_t max_line)
{
	memset(ck, 0, sizeof *ck);
	ck->std = SMTPCODE_STD_DEFAULT;
	ck->bufsize = bufsize;
	ck->max_line = max_line;
	ck->out = stdout;
	ck->err = stderr;
	out_init(&ck->ob, stdout, ck->out_buf, sizeof ck->out_buf);
	ck->rcpt = smtpcode_command("RCPT", strlen("RCPT"));
	ck->connect = smtpcode_command("CONNECT", strlen("CONNECT"));
}

/* Most problems first, then most replies, then by name. */
static int by_problems(const void *a, const void *b)
{
	const struct host_count *x = a, *y = b;

	if (x->problems != y->problems)
		return x->problems > y->problems ? -1 : 1;
	if (x->replies != y->replies)
		return x->replies > y->replies ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* The remote hosts counted, sorted in place (the table is not searched
 * after this): its first nhosts entries. */
static struct host_count *sorted_hosts(struct checker *ck)
{
	size_t n = 0;

	if (ck->hosts == NULL)
		return NULL;
	for (size_t i = 0; i < CHECK_HOSTS; i++)
		if (ck->hosts[i].name[0])
			ck->hosts[n++] = ck->hosts[i];
	qsort(ck->hosts, n, sizeof *ck->hosts, by_problems);
	return ck->hosts;
}

void check_summary(struct checker *ck, FILE *out, int json)
{
	const struct smtpcode_command *c;
	const struct host_count *h = sorted_hosts(ck);

	if (ck->ob.f == out) /* after the records */
		out_flush(&ck->ob);
	if (json) {
		int first;

		fprintf(out, "{\"kind\":\"summary\",\"summary\":true,\"lines\":%lu,\"replies\":%lu,\"skipped\":%lu,"
		       "\"problems\":%lu,\"verdicts\":{", ck->lines, ck->replies, ck->skipped,
		       ck->problems);
		for (int v = 0; v < V_COUNT; v++)
			fprintf(out, "%s\"%s\":%lu", v ? "," : "", verdict_names[v], ck->by_verdict[v]);
		fputs("},\"codes\":{", out);
		first = 1;
		for (int k = 0; k < 1000; k++)
			if (ck->by_code[k]) {
				fprintf(out, "%s\"%03d\":%lu", first ? "" : ",", k, ck->by_code[k]);
				first = 0;
			}
		fputs("},\"commands\":{", out);
		first = 1;
		for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++)
			if (ck->by_command[i]) {
				fprintf(out, "%s\"%s\":%lu", first ? "" : ",", c->name, ck->by_command[i]);
				first = 0;
			}
		if (ck->no_command)
			fprintf(out, "%s\"(none)\":%lu", first ? "" : ",", ck->no_command);
		/* every remote host, most problems first; those past the
		 * table's room together, host null */
		fputs("},\"hosts\":[", out);
		for (size_t i = 0; i < ck->nhosts; i++) {
			fprintf(out, "%s{\"host\":", i ? "," : "");
			json_string(out, h[i].name);
			fprintf(out, ",\"replies\":%lu,\"problems\":%lu}", h[i].replies, h[i].problems);
		}
		if (ck->other_host_replies)
			fprintf(out, "%s{\"host\":null,\"replies\":%lu,\"problems\":%lu}",
			        ck->nhosts ? "," : "", ck->other_host_replies, ck->other_host_problems);
		fputs("]}\n", out);
		return;
	}
	fprintf(out, "\n%-22s %10lu\n%-22s %10lu\n%-22s %10lu\n%-22s %10lu\n",
	       "lines read", ck->lines, "replies found", ck->replies,
	       "lines skipped", ck->skipped, "problems", ck->problems);
	fprintf(out, "\n%-22s %10s\n", "verdict", "replies");
	for (int v = 0; v < V_COUNT; v++)
		if (ck->by_verdict[v])
			fprintf(out, "%-22s %10lu\n", verdict_names[v], ck->by_verdict[v]);
	fprintf(out, "\n%-22s %10s\n", "code", "replies");
	for (int k = 0; k < 1000; k++)
		if (ck->by_code[k])
			fprintf(out, "%03d%-19s %10lu\n", k, "", ck->by_code[k]);
	fprintf(out, "\n%-22s %10s\n", "command", "replies");
	for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++)
		if (ck->by_command[i])
			fprintf(out, "%-22s %10lu\n", c->name, ck->by_command[i]);
	if (ck->no_command)
		fprintf(out, "%-22s %10lu\n", "(none)", ck->no_command);
	if (ck->nhosts == 0 && ck->other_host_replies == 0)
		return;
	/* the ten remote hosts with the most problems */
	fprintf(out, "\n%-32s %10s %10s\n", "remote host", "replies", "problems");
	for (size_t i = 0; i < ck->nhosts && i < 10; i++) {
		put_escaped(out, h[i].name, strlen(h[i].name), 0);
		fprintf(out, "%*s %10lu %10lu\n",
		        strlen(h[i].name) < 32 ? (int)(32 - strlen(h[i].name)) : 0, "",
		        h[i].replies, h[i].problems);
	}
	if (ck->nhosts > 10 || ck->other_host_replies) {
		unsigned long r = ck->other_host_replies, p = ck->other_host_problems;
		for (size_t i = 10; i < ck->nhosts; i++) {
			r += h[i].replies;
			p += h[i].problems;
		}
		fprintf(out, "%-32s %10lu %10lu\n", "(others)", r, p);
	}
}

/* Whether fd is a regular file or /dev/null: output no one reads as it
 * comes. */
static int to_file(int fd)
{
	struct stat st, null;

	if (fstat(fd, &st) != 0)
		return 0;
	if (S_ISREG(st.st_mode))
		return 1;
	return S_ISCHR(st.st_mode) && stat("/dev/null", &null) == 0 && st.st_rdev == null.st_rdev;
}

int check_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "standard", required_argument, NULL, 'S' },
		{ "all", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "summary", no_argument, NULL, 's' },      /* no -s: it is --search */
		{ "line-buffered", no_argument, NULL, 'l' }, /* no -l: it is --list */
		{ "verdict", required_argument, NULL, 'V' },
		{ "code", required_argument, NULL, 'C' },
		{ "command", required_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ "color", optional_argument, NULL, 'K' },
		{ "jobs", required_argument, NULL, 'P' },    /* no -j: it is --json */
		{ "merge", no_argument, NULL, 'G' },
		{ NULL, 0, NULL, 0 }
	};
	static struct checker ck;
	const char *colour = NULL;
	static char buf[READ_SIZE];
	int ch, status = 0, line_buffered = 0, jobs = 1, merge = 0;
	const char *scan;
	char *end;
	long n;

	checker_init(&ck, sizeof buf, MAX_LINE);
	json_errors = wants_json(argc, argv);
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "S:ajh", longopts, NULL)) != -1) {

		switch (ch) {
		case 'S':
			if (parse_standard(optarg, &ck.std))
				return EXIT_USAGE;
			break;
		case 'a':
			ck.all = 1;
			break;
		case 'j':
			ck.json = 1;
			break;
		case 's':
			ck.summary = 1;
			break;
		case 'l':
			line_buffered = 1;
			break;
		case 'V':
			if ((ck.verdicts = parse_verdicts(optarg)) == 0)
				return EXIT_USAGE;
			break;
		case 'C':
			if (strlen(optarg) != 3 || strspn(optarg, "0123456789xX") != 3)
				return bad_input(optarg, "not a code or pattern (550, 55x, 5xx)");
			memcpy(ck.code_pattern, optarg, 3); /* code_matches takes x and X */
			break;
		case 'M':
			if ((ck.only_command = smtpcode_command(optarg, strlen(optarg))) == NULL)
				return bad_input(optarg, "unknown command");
			break;
		case 'K':
			colour = colour_when(optarg);
			if (colour_choose(colour) < 0)
				return bad_input(colour, "not a --color (auto, always or never)");
			break;
		case 'P':
			n = strtol(optarg, &end, 10);
			if (end == optarg || *end != '\0' || n < 0 || n > 1024)
				return bad_input(optarg, "not a number of jobs (0 to 1024; 0: one per CPU)");
			if (n == 0)
				n = sysconf(_SC_NPROCESSORS_ONLN);
			jobs = n > 0 ? (int)n : 1;
			break;
		case 'G':
			merge = 1;
			break;
		case 'h':
			fputs(check_usage, stdout);
			return fflush(stdout) || ferror(stdout) ? EXIT_USAGE : EXIT_YES;
		default:
			if (optopt == 's' || optopt == 'l') {
				/* the lookups' --search and --list: check's summary and
				 * line buffering have long names only, so that no
				 * letter means two things */
				const char *m = optopt == 's' ?
				        "check: -s is --search, for lookups; the summary is --summary" :
				        "check: -l is --list, for lookups; line buffering is --line-buffered";
				json_error(NULL, m);
				fprintf(stderr, "smtpcode: %s\n", m);
				return EXIT_USAGE;
			}
			json_error(NULL, "check: unknown option or missing argument");
			fprintf(stderr, "smtpcode: check: unknown option or missing argument "
			        "(try 'smtpcode check --help')\n");
			return EXIT_USAGE;
		}
	}
	if ((scan = getenv("SMTPCODE_SCAN")) != NULL && smtpcode_log_scan_available(scan) != 1) {
		fprintf(stderr, "smtpcode: SMTPCODE_SCAN=%s: %s\n", scan,
		        smtpcode_log_scan_available(scan) < 0
		                ? "unknown scan (byte, sse2, avx2 or auto)"
		                : "this build or CPU does not have that scan");
		return EXIT_USAGE;
	}
	if (merge && (ck.all || ck.verdicts || ck.code_pattern[0] || ck.only_command)) {
		const char *m = "check: --merge adds up summaries; --all, --verdict, --code and "
		                "--command choose records, which summaries do not hold";
		json_error(NULL, m);
		fprintf(stderr, "smtpcode: %s\n", m);
		return EXIT_USAGE;
	}
	/* colour by default on a terminal only; never in JSON */
	if (colour == NULL)
		colour_choose(NULL);
	if (ck.json)
		colour_on = 0;
	/* Live logs (tail -F ... | smtpcode check): each record as its line
	 * comes, unless the output is a file or /dev/null; those get a
	 * buffer of 64 KiB (stdio's st_blksize of 4 KiB costs a write(2) for
	 * every few records). */
	out_stdout = &ck.ob;
	if (line_buffered || !to_file(STDOUT_FILENO)) {
		setvbuf(stdout, NULL, _IOLBF, 0);
		ck.line_buffered = 1;
	} else {
		static char out_buf[64 * 1024]; /* stdout's for the whole run */
		setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);
	}
	if (merge) {
		/* the summary of the files that read; none when none did */
		int merged = 0;
		if (optind == argc)
			status = merge_summaries(&ck, "-", stdin);
		merged += optind == argc && status == 0;
		for (int i = optind; i < argc; i++) {
			FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
			if (f == NULL) {
				status = file_error(argv[i], strerror(errno));
				continue;
			}
			if (merge_summaries(&ck, argv[i], f))
				status = EXIT_USAGE;
			else
				merged++;
			if (f != stdin)
				fclose(f);
		}
		ck.summary = merged > 0;
	} else if (optind == argc) {
		status = check_fd(&ck, "-", 0, buf);
	} else if (jobs > 1 && argc - optind > 1) {
		status = check_jobs(&ck, argv + optind, argc - optind, jobs, buf);
	} else {
		for (int i = optind; i < argc && !ck.write_failed; i++)
			if (check_file(&ck, argv[i], buf))
				status = EXIT_USAGE;
	}
	free(ck.held);
	out_flush(&ck.ob);
	if (ck.summary)
		check_summary(&ck, stdout, ck.json);
	if (out_flush(&ck.ob) != 0 || fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "smtpcode: write error: %s\n", strerror(errno));
		return EXIT_USAGE;
	}
	if (status == EXIT_USAGE)
		return status;
	return status == EXIT_NO || ck.problems ? EXIT_NO : EXIT_YES;
}
