/* SPDX-License-Identifier: MIT */
/* judge.c - the judgement of one reply (smtpcode check's verdict): its
 * flags, its code's grammar and registration, its enhanced code's pairing,
 * then the standard's table with the reply's text as evidence for a
 * conditional code; and the message that says why.
 *
 * Layer: a leaf above the code tables' library; calls only reply.c,
 * command.c and enhanced.c through their public functions and the
 * conditional rules of gen-tables.c. Nothing calls it. Keeps no state:
 * the memos that make check fast are the caller's. */
#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const judged_names[SMTPCODE_JUDGED_COUNT] = {
	"valid", "conditional", "no-command", "not-listed", "malformed-code",
	"unregistered-code", "enhanced-mismatch", "unregistered-enhanced",
	"malformed-reply"
};

const char *smtpcode_judged_name(enum smtpcode_judged verdict)
{
	if ((unsigned)verdict >= SMTPCODE_JUDGED_COUNT)
		return NULL;
	return judged_names[verdict];
}

int smtpcode_judged_problem(enum smtpcode_judged verdict)
{
	return verdict >= SMTPCODE_JUDGED_NOT_LISTED && verdict < SMTPCODE_JUDGED_COUNT;
}

int smtpcode_judged_by_name(const char *s, size_t len)
{
	if (s == NULL)
		return -1;
	for (int v = 0; v < SMTPCODE_JUDGED_COUNT; v++)
		if (strlen(judged_names[v]) == len && memcmp(judged_names[v], s, len) == 0)
			return v;
	return -1;
}

const char *smtpcode_evidence_name(enum smtpcode_evidence evidence)
{
	switch (evidence) {
	case SMTPCODE_EVIDENCE_NONE:
		return "none";
	case SMTPCODE_EVIDENCE_SHOWN:
		return "shown";
	case SMTPCODE_EVIDENCE_NOT_SHOWN:
		return "not-shown";
	case SMTPCODE_EVIDENCE_NO_TEXT:
		return "no-text";
	}
	return NULL;
}

static int lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether s[0..n) holds w, ignoring ASCII case; 0 for an empty w. */
static int has_text(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	unsigned first = k ? (unsigned)lower_ascii((unsigned char)w[0]) : 0;
	/* with a letter first, s[i] | 0x20 is that letter for its two cases
	 * only: one test a byte (check runs this over every conditional
	 * reply's text) */
	unsigned fold = first >= 'a' && first <= 'z' ? 0x20 : 0;

	for (size_t i = 0; k > 0 && i + k <= n; i++) {
		size_t j = 1;
		if (((unsigned char)s[i] | fold) != first)
			continue;
		while (j < k && lower_ascii((unsigned char)s[i + j]) == lower_ascii((unsigned char)w[j]))
			j++;
		if (j == k)
			return 1;
	}
	return 0;
}

/* Whether a conditional rule covers cmd: every command line but those it
 * names (except), or only those it names. */
static int cond_covers(const struct smtpcode_conditional *c, const struct smtpcode_command *cmd)
{
	int named = 0;

	for (size_t i = 0; i < c->ncommands && !named; i++)
		named = c->commands[i] == cmd;
	return c->except ? !cmd->pseudo && !named : named;
}

/* snprintf into msg[0..size) at its end, when a message is wanted. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void say(char *msg, size_t size, const char *fmt, ...)
{
	size_t said;
	va_list ap;

	if (size == 0)
		return;
	said = strlen(msg);
	if (said + 1 >= size)
		return;
	va_start(ap, fmt);
	/* clang-analyzer takes ap as uninitialised here (a false positive:
	 * va_start is on every path to this line). */
	vsnprintf(msg + said, size - said, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
	va_end(ap);
}

static const char *role_article(enum smtpcode_role role)
{
	return role == SMTPCODE_ROLE_ERROR || role == SMTPCODE_ROLE_INTERMEDIATE ? "an" : "a";
}

/* The table's verdict on code for cmd under std as one sentence: "550 is
 * listed for RCPT as an error reply, RFC 5321 §4.3.2". */
static void validity_sentence(char *msg, size_t size, enum smtpcode_standard std, int code,
                              const struct smtpcode_command *cmd,
                              const struct smtpcode_validity *v)
{
	const char *doc = smtpcode_standard_info(std)->document;

	switch (v->verdict) {
	case SMTPCODE_LISTED:
		say(msg, size, "%d is listed for %s as %s %s reply, %s", code, cmd->name,
		    role_article(v->role), smtpcode_role_name(v->role), v->rule);
		return;
	case SMTPCODE_ANY_COMMAND:
		say(msg, size, "%d is allowed for any command, %s", code, v->rule);
		return;
	case SMTPCODE_CONDITIONAL:
		say(msg, size, "%d is valid for %s only when %s, %s", code, cmd->name, v->condition,
		    v->rule);
		return;
	case SMTPCODE_NOT_LISTED:
		say(msg, size, "%d is not listed for %s, %s", code, cmd->name, v->rule);
		return;
	case SMTPCODE_CODE_UNKNOWN:
		/* the judgement reaches the table with a registered code only */
		say(msg, size, "%d is not in %s's code list, %s", code, doc, v->rule);
		return;
	case SMTPCODE_COMMAND_UNKNOWN:
		say(msg, size, "%s is not an %s command, %s", cmd->name, doc, v->rule);
		return;
	case SMTPCODE_BAD_ARGUMENT:
		break;
	}
	say(msg, size, "bad argument");
}

/* The conditional rule of the code that covers the command and whose
 * evidence text[0..len) shows; NULL when none does. */
static const struct smtpcode_conditional *evidenced(enum smtpcode_standard std, int code,
                                                     const struct smtpcode_command *cmd,
                                                     const char *text, size_t len)
{
	const struct smtpcode_conditional *c;

	for (size_t i = 0; (c = smtpcode_conditional_at(std, i)) != NULL; i++) {
		if (c->reply->code != code || !cond_covers(c, cmd))
			continue;
		for (size_t k = 0; k < c->nevidence; k++)
			if (has_text(text, len, c->evidence[k]))
				return c;
	}
	return NULL;
}

/* What the log adds to a judgement: none for smtpcode_judge(). */
struct context {
	const char *command_text; /* an unknown command the log names */
	size_t command_text_len;
	int postfix_smtpd;        /* the line is Postfix smtpd's */
	int pipelined;
	int no_text_known;        /* 1: a NULL text is no text (a lookup) */
};

/* Why servers send a reply the table does not list, where it is known
 * (554 at RCPT whatever the log; what a Postfix smtpd line or pipelining
 * adds); NULL when it is not. */
static const char *hint(const struct context *cx, const struct smtpcode_command *cmd, int code)
{
	int rcpt = strcmp(cmd->name, "RCPT") == 0;

	if (code == 554 && rcpt)
		return "MTAs often refuse at RCPT with 554 for policy (Postfix's reject_code, "
		       "relay_domains_reject_code and access_map_reject_code default to it); "
		       "RFC 5321 §3.6.2 asks for 550 when relaying is refused";
	if (cx->postfix_smtpd && rcpt)
		return "Postfix applies client, HELO and sender restrictions at RCPT "
		       "(smtpd_delay_reject = yes), so their rejections are reported there";
	if (cx->postfix_smtpd && strcmp(cmd->name, "CONNECT") == 0)
		return "Postfix reports client restrictions at CONNECT when "
		       "smtpd_delay_reject = no";
	if (cx->pipelined)
		return "with PIPELINING (RFC 2920) a reply can be reported against "
		       "another command of the same batch";
	return NULL;
}

/* The verdict on the command and the table (valid, conditional,
 * not-listed or no-command), the code registered and well-formed. A
 * conditional pair is conditional only when the reply's text shows its
 * condition (the words of data/conditional.txt), or no text is known;
 * else not-listed, the message naming the condition it would need. */
static enum smtpcode_judged by_table(enum smtpcode_standard std,
                                     const struct smtpcode_command *cmd,
                                     const struct smtpcode_reply_state *r,
                                     const struct context *cx, struct smtpcode_judgement *j,
                                     char *msg, size_t size)
{
	const struct smtpcode_conditional *c;
	struct smtpcode_validity *v = &j->table;

	if (cmd == NULL) {
		if (cx->command_text) {
			int n = (int)(cx->command_text_len > 40 ? 40 : cx->command_text_len);
			say(msg, size, "the log names %.*s, a command smtpcode does not know", n,
			    cx->command_text);
		} else if (cx->no_text_known) {
			say(msg, size, "no command is known for this reply");
		} else {
			say(msg, size, "the log names no command for this reply");
		}
		return SMTPCODE_JUDGED_NO_COMMAND;
	}
	switch (v->verdict) {
	case SMTPCODE_LISTED:
	case SMTPCODE_ANY_COMMAND:
		validity_sentence(msg, size, std, r->code, cmd, v);
		return SMTPCODE_JUDGED_VALID;
	case SMTPCODE_CONDITIONAL:
		if (r->text == NULL && cx->no_text_known) {
			j->evidence = SMTPCODE_EVIDENCE_NO_TEXT;
			validity_sentence(msg, size, std, r->code, cmd, v);
			say(msg, size, "; with no reply text, whether it held is not known");
			return SMTPCODE_JUDGED_CONDITIONAL;
		}
		c = evidenced(std, r->code, cmd, r->text ? r->text : "", r->text ? r->text_len : 0);
		if (c != NULL) {
			/* the rule the reply shows, which may be another of the code's */
			j->evidence = SMTPCODE_EVIDENCE_SHOWN;
			j->rule = c;
			v->condition = c->condition;
			v->rule = c->source;
			validity_sentence(msg, size, std, r->code, cmd, v);
			say(msg, size, "; the reply says so");
			return SMTPCODE_JUDGED_CONDITIONAL;
		}
		j->evidence = SMTPCODE_EVIDENCE_NOT_SHOWN;
		say(msg, size, "%d is not listed for %s; it is allowed only when %s (%s), "
		    "which the reply does not show", r->code, cmd->name, v->condition, v->rule);
		break;
	default:
		validity_sentence(msg, size, std, r->code, cmd, v);
		break;
	}
	j->hint = hint(cx, cmd, r->code);
	if (j->hint != NULL)
		say(msg, size, "; %s", j->hint);
	return SMTPCODE_JUDGED_NOT_LISTED;
}

/* The judgement, in order: the reply's flags, its code's grammar and
 * registration, the enhanced code, then the table. */
static enum smtpcode_judged judge(enum smtpcode_standard std, const struct smtpcode_command *cmd,
                                  const struct smtpcode_reply_state *r,
                                  const struct context *cx, struct smtpcode_judgement *j,
                                  char *msg, size_t size)
{
	enum smtpcode_form form = smtpcode_code_form(r->code);

	if (size > 0)
		msg[0] = '\0';
	j->evidence = SMTPCODE_EVIDENCE_NONE;
	j->rule = NULL;
	j->hint = NULL;
	smtpcode_validate(std, cmd, r->code, &j->table);
	if (r->flags & SMTPCODE_REPLY_NO_CODE) {
		say(msg, size, "the server's line holds no reply code; a reply begins with "
		    "three digits (RFC 5321 §4.2)");
		return SMTPCODE_JUDGED_MALFORMED_REPLY;
	}
	if (r->flags & SMTPCODE_REPLY_UNTERMINATED) {
		say(msg, size, "no final line came for this reply: it stopped short (RFC 5321 §4.2.1: "
		    "the last line has a space after the code)");
		return SMTPCODE_JUDGED_MALFORMED_REPLY;
	}
	if (r->flags & SMTPCODE_REPLY_MIXED_CODES) {
		say(msg, size, "the lines of one reply carry different codes (%d, then %d); "
		    "they must be the same (RFC 5321 §4.2.1)", r->first_code, r->code);
		return SMTPCODE_JUDGED_MALFORMED_REPLY;
	}
	if (r->flags & SMTPCODE_REPLY_LONG_LINE) {
		say(msg, size, "a reply line is over 512 octets with its CRLF "
		    "(RFC 5321 §4.5.3.1.5)");
		return SMTPCODE_JUDGED_MALFORMED_REPLY;
	}
	if (form != SMTPCODE_FORM_OK) {
		say(msg, size, "%03d is outside the reply-code grammar: %s", r->code,
		    smtpcode_form_reason(form));
		return SMTPCODE_JUDGED_MALFORMED_CODE;
	}
	if (smtpcode_reply(r->code) == NULL) {
		say(msg, size, "%d is not a registered reply code; clients read it by "
		    "its first digit (RFC 5321 §4.2)", r->code);
		return SMTPCODE_JUDGED_UNREGISTERED_CODE;
	}
	if (r->has_ecode) {
		enum smtpcode_pairing p = smtpcode_pair(r->code, &r->ecode);
		if (p == SMTPCODE_PAIR_CLASS_MISMATCH) {
			say(msg, size, "%d with %d.%d.%d: the classes must agree (RFC 3463 §2)",
			    r->code, r->ecode.cls, r->ecode.subject, r->ecode.detail);
			return SMTPCODE_JUDGED_ENHANCED_MISMATCH;
		}
		if (p == SMTPCODE_PAIR_UNREGISTERED) {
			say(msg, size, "%d.%d.%d is not in the IANA enhanced status code "
			    "registry", r->ecode.cls, r->ecode.subject, r->ecode.detail);
			return SMTPCODE_JUDGED_UNREGISTERED_ENHANCED;
		}
	}
	return by_table(std, cmd, r, cx, j, msg, size);
}

int smtpcode_judge(enum smtpcode_standard std, const struct smtpcode_command *command,
                   const struct smtpcode_reply_state *reply, struct smtpcode_judgement *out,
                   char *msg, size_t size)
{
	struct context cx = { NULL, 0, 0, 0, 1 };
	struct smtpcode_judgement j;

	if (smtpcode_standard_info(std) == NULL || reply == NULL)
		return -1;
	if (msg == NULL)
		size = 0;
	j.verdict = judge(std, command, reply, &cx, &j, msg, size);
	if (out != NULL)
		*out = j;
	return (int)j.verdict;
}

int smtpcode_judge_event(enum smtpcode_standard std, const struct smtpcode_log_event *ev,
                         struct smtpcode_judgement *out, char *msg, size_t size)
{
	struct context cx;
	struct smtpcode_judgement j;

	if (smtpcode_standard_info(std) == NULL || ev == NULL)
		return -1;
	if (msg == NULL)
		size = 0;
	cx.command_text = ev->command_text;
	cx.command_text_len = ev->command_text_len;
	cx.postfix_smtpd = ev->format == SMTPCODE_LOG_POSTFIX_SMTPD;
	cx.pipelined = ev->pipelined;
	cx.no_text_known = 0;
	j.verdict = judge(std, ev->command, &ev->reply, &cx, &j, msg, size);
	if (ev->format == SMTPCODE_LOG_POSTFIX_REJECT_WARNING)
		say(msg, size, "; Postfix logged it (warn_if_reject) and did not send it");
	if (out != NULL)
		*out = j;
	return (int)j.verdict;
}
