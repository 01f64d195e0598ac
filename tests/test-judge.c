/* SPDX-License-Identifier: MIT */
/*
 * test-judge.c - smtpcode_judge(), check's judgement in the library, held
 * to expectations typed by hand from the RFCs, not from data/: RFC 5321
 * §4.3.2 (the command-reply table) and §4.2 (the reply-code grammar),
 * RFC 3207 §4 and §4.1 (530 before STARTTLS, 554 after a weak TLS
 * negotiation), RFC 4954 §6 (530 before AUTH), RFC 3463 §2 (the enhanced
 * code's class agrees with the basic code's). Run with arguments, CODE
 * COMMAND|- [TEXT...], it prints the library's verdict on that reply
 * instead, for the shell tests that hold the tool's outputs to it.
 */
#include <stdio.h>
#include <string.h>

#include "smtpcode.h"
#include "tap.h"

#define NO_TEXT ((const char *)0)

/* One reply: code, command (NULL: none), enhanced code (NULL: none), text
 * (NO_TEXT: none known), flags; the verdict, the table's verdict and the
 * evidence wanted, and the source the rule that decides must begin with
 * (NULL: not checked). */
static const struct {
	enum smtpcode_standard std;
	int code;
	const char *command;
	const char *ecode;
	const char *text;
	unsigned flags;
	enum smtpcode_judged verdict;
	enum smtpcode_verdict table;
	enum smtpcode_evidence evidence;
	const char *rule;
} cases[] = {
#define S5 SMTPCODE_STD_RFC5321
	/* RFC 5321 §4.3.2: RCPT "S: 250, 251 ... E: 550, 551, 552, 553, 450,
	 * 451, 452, 503, 455, 555" */
	{ S5, 250, "RCPT", NULL, "OK", 0, SMTPCODE_JUDGED_VALID, SMTPCODE_LISTED,
	  SMTPCODE_EVIDENCE_NONE, "RFC 5321 §4.3.2" },
	{ S5, 550, "RCPT", "5.1.1", "<bob@example.org>: User unknown", 0, SMTPCODE_JUDGED_VALID,
	  SMTPCODE_LISTED, SMTPCODE_EVIDENCE_NONE, "RFC 5321 §4.3.2" },
	{ S5, 452, "RCPT", "4.2.2", "Mailbox full", 0, SMTPCODE_JUDGED_VALID, SMTPCODE_LISTED,
	  SMTPCODE_EVIDENCE_NONE, "RFC 5321 §4.3.2" },
	/* §4.3.2: 421 may answer any command (§3.8) */
	{ S5, 421, "RCPT", NULL, "closing", 0, SMTPCODE_JUDGED_VALID, SMTPCODE_ANY_COMMAND,
	  SMTPCODE_EVIDENCE_NONE, "RFC 5321 §4.3.2" },
	/* DATA: "I: 354 -> data -> S: 250"; CONNECT: "S: 220 E: 554" */
	{ S5, 354, "DATA", NULL, "Go ahead", 0, SMTPCODE_JUDGED_VALID, SMTPCODE_LISTED,
	  SMTPCODE_EVIDENCE_NONE, "RFC 5321 §4.3.2" },
	{ S5, 554, "CONNECT", NULL, "No SMTP service here", 0, SMTPCODE_JUDGED_VALID,
	  SMTPCODE_LISTED, SMTPCODE_EVIDENCE_NONE, "RFC 5321 §4.3.2" },
	{ S5, 354, "RCPT", NULL, "Go ahead", 0, SMTPCODE_JUDGED_NOT_LISTED, SMTPCODE_NOT_LISTED,
	  SMTPCODE_EVIDENCE_NONE, "RFC 5321 §4.3.2" },
	{ S5, 221, "DATA", NULL, "Bye", 0, SMTPCODE_JUDGED_NOT_LISTED, SMTPCODE_NOT_LISTED,
	  SMTPCODE_EVIDENCE_NONE, NULL },
	/* 500 and 501 answer command lines: not the greeting */
	{ S5, 500, "CONNECT", NULL, "what", 0, SMTPCODE_JUDGED_NOT_LISTED, SMTPCODE_NOT_LISTED,
	  SMTPCODE_EVIDENCE_NONE, NULL },
	/* RFC 4954 §6: "530 5.7.0 Authentication required" */
	{ S5, 530, "MAIL", "5.7.0", "Authentication required", 0, SMTPCODE_JUDGED_CONDITIONAL,
	  SMTPCODE_CONDITIONAL, SMTPCODE_EVIDENCE_SHOWN, "RFC 4954 §6" },
	/* RFC 3207 §4: "530 Must issue a STARTTLS command first" */
	{ S5, 530, "MAIL", NULL, "Must issue a STARTTLS command first", 0,
	  SMTPCODE_JUDGED_CONDITIONAL, SMTPCODE_CONDITIONAL, SMTPCODE_EVIDENCE_SHOWN,
	  "RFC 3207 §4" },
	{ S5, 530, "RCPT", NULL, "Go away", 0, SMTPCODE_JUDGED_NOT_LISTED, SMTPCODE_CONDITIONAL,
	  SMTPCODE_EVIDENCE_NOT_SHOWN, NULL },
	{ S5, 530, "MAIL", NULL, "", 0, SMTPCODE_JUDGED_NOT_LISTED, SMTPCODE_CONDITIONAL,
	  SMTPCODE_EVIDENCE_NOT_SHOWN, NULL },
	{ S5, 530, "MAIL", NULL, NO_TEXT, 0, SMTPCODE_JUDGED_CONDITIONAL, SMTPCODE_CONDITIONAL,
	  SMTPCODE_EVIDENCE_NO_TEXT, NULL },
	/* §4: EHLO, NOOP, STARTTLS and QUIT still answered; RFC 4954 §6 too.
	 * RFC 5321 §4.2.3 does not list 530: the table says code-unknown */
	{ S5, 530, "EHLO", NULL, "Must issue a STARTTLS command first", 0,
	  SMTPCODE_JUDGED_NOT_LISTED, SMTPCODE_CODE_UNKNOWN, SMTPCODE_EVIDENCE_NONE, NULL },
	{ S5, 530, "QUIT", NULL, NO_TEXT, 0, SMTPCODE_JUDGED_NOT_LISTED, SMTPCODE_CODE_UNKNOWN,
	  SMTPCODE_EVIDENCE_NONE, NULL },
	/* RFC 3207 §4.1: "554 Command refused due to lack of security", every
	 * command but QUIT */
	{ S5, 554, "RCPT", "5.7.0", "Command refused due to lack of security", 0,
	  SMTPCODE_JUDGED_CONDITIONAL, SMTPCODE_CONDITIONAL, SMTPCODE_EVIDENCE_SHOWN,
	  "RFC 3207 §4.1" },
	{ S5, 554, "RCPT", "5.7.1", "<x@example.org>: Relay access denied", 0,
	  SMTPCODE_JUDGED_NOT_LISTED, SMTPCODE_CONDITIONAL, SMTPCODE_EVIDENCE_NOT_SHOWN, NULL },
	{ S5, 554, "RCPT", NULL, NO_TEXT, 0, SMTPCODE_JUDGED_CONDITIONAL, SMTPCODE_CONDITIONAL,
	  SMTPCODE_EVIDENCE_NO_TEXT, "RFC 3207 §4.1" },
	{ S5, 554, "QUIT", NULL, "lack of security", 0, SMTPCODE_JUDGED_NOT_LISTED,
	  SMTPCODE_NOT_LISTED, SMTPCODE_EVIDENCE_NONE, NULL },
	/* 454 (RFC 3207, RFC 4954) is registered, not in RFC 5321's list */
	{ S5, 454, "RCPT", "4.7.0", "TLS not available", 0, SMTPCODE_JUDGED_NOT_LISTED,
	  SMTPCODE_CODE_UNKNOWN, SMTPCODE_EVIDENCE_NONE, NULL },
	{ S5, 454, "RCPT", NULL, NO_TEXT, 0, SMTPCODE_JUDGED_NOT_LISTED, SMTPCODE_CODE_UNKNOWN,
	  SMTPCODE_EVIDENCE_NONE, NULL },
	/* §4.2: within the grammar, registered by no one */
	{ S5, 557, "RCPT", NULL, "odd", 0, SMTPCODE_JUDGED_UNREGISTERED_CODE,
	  SMTPCODE_CODE_UNKNOWN, SMTPCODE_EVIDENCE_NONE, NULL },
	{ S5, 557, NULL, NULL, "odd", 0, SMTPCODE_JUDGED_UNREGISTERED_CODE,
	  SMTPCODE_BAD_ARGUMENT, SMTPCODE_EVIDENCE_NONE, NULL },
	/* §4.2: Reply-code = %x32-35 %x30-35 %x30-39 */
	{ S5, 599, "RCPT", NULL, "odd", 0, SMTPCODE_JUDGED_MALFORMED_CODE, SMTPCODE_CODE_UNKNOWN,
	  SMTPCODE_EVIDENCE_NONE, NULL },
	{ S5, 650, "RCPT", NULL, "odd", 0, SMTPCODE_JUDGED_MALFORMED_CODE, SMTPCODE_CODE_UNKNOWN,
	  SMTPCODE_EVIDENCE_NONE, NULL },
	{ S5, 150, "RCPT", NULL, "odd", 0, SMTPCODE_JUDGED_MALFORMED_CODE, SMTPCODE_CODE_UNKNOWN,
	  SMTPCODE_EVIDENCE_NONE, NULL },
	{ S5, 50, "RCPT", NULL, "odd", 0, SMTPCODE_JUDGED_MALFORMED_CODE, SMTPCODE_BAD_ARGUMENT,
	  SMTPCODE_EVIDENCE_NONE, NULL },
	/* RFC 3463 §2: the classes agree, the code registered */
	{ S5, 550, "RCPT", "4.1.1", "odd", 0, SMTPCODE_JUDGED_ENHANCED_MISMATCH, SMTPCODE_LISTED,
	  SMTPCODE_EVIDENCE_NONE, NULL },
	{ S5, 250, "RCPT", "5.0.0", "odd", 0, SMTPCODE_JUDGED_ENHANCED_MISMATCH, SMTPCODE_LISTED,
	  SMTPCODE_EVIDENCE_NONE, NULL },
	{ S5, 550, "RCPT", "5.1.99", "odd", 0, SMTPCODE_JUDGED_UNREGISTERED_ENHANCED,
	  SMTPCODE_LISTED, SMTPCODE_EVIDENCE_NONE, NULL },
	/* a problem of the code comes before the enhanced code's */
	{ S5, 557, "RCPT", "4.1.1", "odd", 0, SMTPCODE_JUDGED_UNREGISTERED_CODE,
	  SMTPCODE_CODE_UNKNOWN, SMTPCODE_EVIDENCE_NONE, NULL },
	/* no command: the table cannot be asked */
	{ S5, 550, NULL, "5.1.1", "User unknown", 0, SMTPCODE_JUDGED_NO_COMMAND,
	  SMTPCODE_BAD_ARGUMENT, SMTPCODE_EVIDENCE_NONE, NULL },
	/* RFC 5321 §4.2.1: one code on every line, the last with a space;
	 * §4.5.3.1.5: 512 octets a line. The reply's flags come first. */
	{ S5, 550, "RCPT", NULL, "x", SMTPCODE_REPLY_MIXED_CODES, SMTPCODE_JUDGED_MALFORMED_REPLY,
	  SMTPCODE_LISTED, SMTPCODE_EVIDENCE_NONE, NULL },
	{ S5, 550, "RCPT", NULL, "x", SMTPCODE_REPLY_LONG_LINE, SMTPCODE_JUDGED_MALFORMED_REPLY,
	  SMTPCODE_LISTED, SMTPCODE_EVIDENCE_NONE, NULL },
	{ S5, 999, "RCPT", NULL, "x", SMTPCODE_REPLY_UNTERMINATED,
	  SMTPCODE_JUDGED_MALFORMED_REPLY, SMTPCODE_CODE_UNKNOWN, SMTPCODE_EVIDENCE_NONE, NULL },
	/* RFC 821 §4.3: TURN "S: 250 F: 502 E: 500, 503"; RFC 5321 has no
	 * TURN */
	{ SMTPCODE_STD_RFC821, 250, "TURN", NULL, "OK", 0, SMTPCODE_JUDGED_VALID, SMTPCODE_LISTED,
	  SMTPCODE_EVIDENCE_NONE, "RFC 821 §4.3" },
	{ S5, 250, "TURN", NULL, "OK", 0, SMTPCODE_JUDGED_NOT_LISTED, SMTPCODE_COMMAND_UNKNOWN,
	  SMTPCODE_EVIDENCE_NONE, NULL },
#undef S5
};
#define NCASES (sizeof cases / sizeof cases[0])

/* The reply state of a case, as the reply reader leaves it. */
static void reply_of(struct smtpcode_reply_state *r, int code, const char *ecode,
                     const char *text, unsigned flags)
{
	memset(r, 0, sizeof *r);
	r->code = r->first_code = code;
	r->lines = 1;
	r->flags = flags;
	if (flags & SMTPCODE_REPLY_MIXED_CODES)
		r->first_code = 451;
	if (ecode != NULL) {
		r->has_ecode = smtpcode_ecode_parse(ecode, strlen(ecode), &r->ecode) ==
		               SMTPCODE_EFORM_OK;
		if (!r->has_ecode)
			bail("bad enhanced code in the table: %s", ecode);
	}
	r->text = text;
	r->text_len = text ? strlen(text) : 0;
}

/* CODE COMMAND|- [TEXT...]: the verdict's name on standard output. */
static int one(int argc, char **argv)
{
	struct smtpcode_reply_state r;
	const struct smtpcode_command *cmd = NULL;
	char line[2048];
	size_t at = 0;
	int v;

	if (strcmp(argv[2], "-") != 0 && (cmd = smtpcode_command(argv[2], strlen(argv[2]))) == NULL)
		return 2;
	at = (size_t)snprintf(line, sizeof line, "%s", argv[1]);
	for (int i = 3; i < argc && at < sizeof line; i++)
		at += (size_t)snprintf(line + at, sizeof line - at, " %s", argv[i]);
	if (at >= sizeof line || !smtpcode_reply_flat(line, strlen(line), &r))
		return 2;
	if (argc == 3)
		r.text = NULL; /* no text: as the lookup of a code and a command */
	v = smtpcode_judge(SMTPCODE_STD_RFC5321, cmd, &r, NULL, NULL, 0);
	if (v < 0)
		return 2;
	puts(smtpcode_judged_name((enum smtpcode_judged)v));
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const names[] = {
		"valid", "conditional", "no-command", "not-listed", "malformed-code",
		"unregistered-code", "enhanced-mismatch", "unregistered-enhanced",
		"malformed-reply"
	};
	struct smtpcode_reply_state r;
	struct smtpcode_judgement j;
	struct smtpcode_log_event ev;
	char msg[1024], small[8];
	int v;

	if (argc >= 3)
		return one(argc, argv);
	plan(NCASES * 4 + 31);

	for (size_t i = 0; i < NCASES; i++) {
		const struct smtpcode_command *cmd =
			cases[i].command ? smtpcode_command(cases[i].command, strlen(cases[i].command))
			                 : NULL;
		char what[96];

		if (cases[i].command && cmd == NULL)
			bail("unknown command in the table: %s", cases[i].command);
		snprintf(what, sizeof what, "%s %03d %s %s%s", smtpcode_standard_info(cases[i].std)->id,
		         cases[i].code, cases[i].command ? cases[i].command : "(none)",
		         cases[i].ecode ? cases[i].ecode : "",
		         cases[i].text == NO_TEXT ? " (no text)" : "");
		reply_of(&r, cases[i].code, cases[i].ecode, cases[i].text, cases[i].flags);
		v = smtpcode_judge(cases[i].std, cmd, &r, &j, msg, sizeof msg);
		if (!is_string(smtpcode_judged_name(cases[i].verdict),
		               v < 0 ? "(-1)" : smtpcode_judged_name((enum smtpcode_judged)v),
		               "%s: verdict", what))
			diag("message: %s", msg);
		is_string(smtpcode_verdict_name(cases[i].table), smtpcode_verdict_name(j.table.verdict),
		          "%s: the table's verdict", what);
		is_string(smtpcode_evidence_name(cases[i].evidence),
		          smtpcode_evidence_name(j.evidence), "%s: evidence", what);
		ok(msg[0] != '\0' && (cases[i].rule == NULL ||
		                      strncmp(j.table.rule, cases[i].rule, strlen(cases[i].rule)) == 0),
		   "%s: a message, and the rule %s", what, cases[i].rule ? cases[i].rule : "(any)");
	}

	/* the vocabulary, in check's order (from not-listed on, problems) */
	for (int k = 0; k < SMTPCODE_JUDGED_COUNT; k++) {
		const char *n = smtpcode_judged_name((enum smtpcode_judged)k);
		ok(n && strcmp(n, names[k]) == 0 && smtpcode_judged_by_name(n, strlen(n)) == k &&
		           smtpcode_judged_problem((enum smtpcode_judged)k) ==
		                   (k >= SMTPCODE_JUDGED_NOT_LISTED),
		   "verdict %d is %s, found by its name, a problem from not-listed on", k, names[k]);
	}
	ok(smtpcode_judged_name(SMTPCODE_JUDGED_COUNT) == NULL &&
	           smtpcode_judged_name((enum smtpcode_judged)-1) == NULL,
	   "no name outside the enum");
	ok(smtpcode_judged_by_name("listed", 6) == -1 && smtpcode_judged_by_name("valid", 4) == -1 &&
	           smtpcode_judged_by_name(NULL, 0) == -1 &&
	           smtpcode_judged_by_name("valid!", 5) == SMTPCODE_JUDGED_VALID,
	   "by name: exact names only, len bytes read");
	ok(smtpcode_judged_problem(SMTPCODE_JUDGED_COUNT) == 0, "no problem outside the enum");
	ok(strcmp(smtpcode_evidence_name(SMTPCODE_EVIDENCE_NONE), "none") == 0 &&
	           strcmp(smtpcode_evidence_name(SMTPCODE_EVIDENCE_SHOWN), "shown") == 0 &&
	           strcmp(smtpcode_evidence_name(SMTPCODE_EVIDENCE_NOT_SHOWN), "not-shown") == 0 &&
	           strcmp(smtpcode_evidence_name(SMTPCODE_EVIDENCE_NO_TEXT), "no-text") == 0 &&
	           smtpcode_evidence_name((enum smtpcode_evidence)4) == NULL,
	   "evidence names");

	/* bad arguments */
	reply_of(&r, 550, NULL, "x", 0);
	j.verdict = SMTPCODE_JUDGED_COUNT;
	strcpy(msg, "untouched");
	is_int(-1, smtpcode_judge(SMTPCODE_STD_COUNT, NULL, &r, &j, msg, sizeof msg),
	       "a bad standard: -1");
	ok(j.verdict == SMTPCODE_JUDGED_COUNT && strcmp(msg, "untouched") == 0,
	   "a bad standard: out and msg untouched");
	is_int(-1, smtpcode_judge(SMTPCODE_STD_RFC5321, NULL, NULL, &j, msg, sizeof msg),
	       "a NULL reply: -1");
	is_int(-1, smtpcode_judge_event(SMTPCODE_STD_RFC5321, NULL, &j, msg, sizeof msg),
	       "a NULL event: -1");
	is_int(SMTPCODE_JUDGED_NO_COMMAND, smtpcode_judge(SMTPCODE_STD_RFC5321, NULL, &r, NULL, NULL, 99),
	       "out NULL, msg NULL: the verdict alone");

	/* the messages */
	reply_of(&r, 554, "5.7.1", "Relay access denied", 0);
	smtpcode_judge(SMTPCODE_STD_RFC5321, smtpcode_command("RCPT", 4), &r, &j, msg, sizeof msg);
	ok(strstr(msg, "554 is not listed for RCPT; it is allowed only when") == msg &&
	           strstr(msg, "which the reply does not show") != NULL &&
	           strstr(msg, "RFC 5321 §3.6.2 asks for 550") != NULL && j.hint != NULL,
	   "554 RCPT, the condition not shown: says so, and why MTAs send it (%s)", msg);
	reply_of(&r, 530, NULL, "Authentication required", 0);
	smtpcode_judge(SMTPCODE_STD_RFC5321, smtpcode_command("MAIL", 4), &r, &j, msg, sizeof msg);
	ok(strstr(msg, "530 is valid for MAIL only when the server requires authentication") == msg &&
	           strstr(msg, "; the reply says so") != NULL && j.rule != NULL &&
	           j.rule->reply->code == 530,
	   "530 MAIL, the condition shown: the reply says so (%s)", msg);
	reply_of(&r, 530, NULL, NO_TEXT, 0);
	smtpcode_judge(SMTPCODE_STD_RFC5321, smtpcode_command("MAIL", 4), &r, &j, msg, sizeof msg);
	ok(strstr(msg, "530 is valid for MAIL only when") == msg &&
	           strstr(msg, "; with no reply text, whether it held is not known") != NULL &&
	           strstr(msg, "the reply says") == NULL && j.rule == NULL,
	   "530 MAIL, no text: the condition, and that no text settles it (%s)", msg);
	reply_of(&r, 550, NULL, "x", 0);
	smtpcode_judge(SMTPCODE_STD_RFC5321, smtpcode_command("RCPT", 4), &r, &j, msg, sizeof msg);
	is_string("550 is listed for RCPT as an error reply, RFC 5321 §4.3.2", msg,
	          "550 RCPT: the validity sentence");
	smtpcode_judge(SMTPCODE_STD_RFC5321, smtpcode_command("RCPT", 4), &r, &j, small, sizeof small);
	is_string("550 is ", small, "a small buffer: cut, NUL-terminated");
	reply_of(&r, 557, NULL, "x", 0);
	smtpcode_judge(SMTPCODE_STD_RFC5321, NULL, &r, &j, msg, sizeof msg);
	is_string("557 is not a registered reply code; clients read it by its first digit "
	          "(RFC 5321 §4.2)", msg, "557: what a client does with it");
	reply_of(&r, 550, "4.1.1", "x", 0);
	smtpcode_judge(SMTPCODE_STD_RFC5321, NULL, &r, &j, msg, sizeof msg);
	is_string("550 with 4.1.1: the classes must agree (RFC 3463 §2)", msg,
	          "550 4.1.1: the classes");

	/* a log's event: what the log adds */
	memset(&ev, 0, sizeof ev);
	ev.format = SMTPCODE_LOG_POSTFIX_SMTPD;
	ev.command = smtpcode_command("RCPT", 4);
	reply_of(&ev.reply, 504, "5.5.2", "<x>: Helo command rejected", 0);
	v = smtpcode_judge_event(SMTPCODE_STD_RFC5321, &ev, &j, msg, sizeof msg);
	ok(v == SMTPCODE_JUDGED_NOT_LISTED && strstr(msg, "smtpd_delay_reject = yes") != NULL,
	   "Postfix smtpd at RCPT: not-listed, the restriction named (%s)", msg);
	ev.format = SMTPCODE_LOG_POSTFIX_REJECT_WARNING;
	ev.command = smtpcode_command("RCPT", 4);
	reply_of(&ev.reply, 550, "5.1.1", "User unknown", 0);
	v = smtpcode_judge_event(SMTPCODE_STD_RFC5321, &ev, &j, msg, sizeof msg);
	ok(v == SMTPCODE_JUDGED_VALID &&
	           strstr(msg, "; Postfix logged it (warn_if_reject) and did not send it") != NULL,
	   "warn_if_reject: valid, not sent (%s)", msg);
	ev.format = SMTPCODE_LOG_EXIM;
	ev.command = NULL;
	ev.command_text = "XFORWARD";
	ev.command_text_len = 8;
	v = smtpcode_judge_event(SMTPCODE_STD_RFC5321, &ev, &j, msg, sizeof msg);
	ok(v == SMTPCODE_JUDGED_NO_COMMAND &&
	           strcmp(msg, "the log names XFORWARD, a command smtpcode does not know") == 0,
	   "an unknown command the log names (%s)", msg);
	ev.command_text = NULL;
	ev.command = smtpcode_command("MAIL", 4);
	reply_of(&ev.reply, 530, NULL, NULL, 0); /* a log's reply always has a text */
	v = smtpcode_judge_event(SMTPCODE_STD_RFC5321, &ev, &j, msg, sizeof msg);
	ok(v == SMTPCODE_JUDGED_NOT_LISTED && j.evidence == SMTPCODE_EVIDENCE_NOT_SHOWN,
	   "an event's reply without text shows no condition: not-listed");
	ev.pipelined = 1;
	reply_of(&ev.reply, 354, NULL, "go", 0);
	ev.command = smtpcode_command("RCPT", 4);
	v = smtpcode_judge_event(SMTPCODE_STD_RFC5321, &ev, &j, msg, sizeof msg);
	ok(v == SMTPCODE_JUDGED_NOT_LISTED && strstr(msg, "PIPELINING (RFC 2920)") != NULL,
	   "pipelined: the message says a reply may be another command's");
	reply_of(&r, 354, NULL, "go", 0);
	smtpcode_judge(SMTPCODE_STD_RFC5321, ev.command, &r, NULL, small, sizeof small);
	v = smtpcode_judge_event(SMTPCODE_STD_RFC5321, &ev, NULL, NULL, 0);
	ok(v == SMTPCODE_JUDGED_NOT_LISTED, "an event: the verdict alone, out and msg NULL");
	return 0;
}
