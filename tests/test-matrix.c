/* SPDX-License-Identifier: MIT */
/*
 * test-matrix.c - the command-reply tables, typed in by hand from RFC 821
 * §4.3, RFC 2821 §4.3.2 (as quoted in shared/rfc/MISSING.md) and RFC 5321
 * §4.3.2, checked both ways: every listed pair is valid with its role, and
 * every other pair of a known code and command is not, apart from the
 * any-command rule. Nothing here is read from data/.
 */
#include <stdio.h>
#include <string.h>

#include "smtpcode.h"
#include "tap.h"

struct line {
	const char *command;
	char role;          /* the RFC's prefix letter */
	const char *codes;  /* in the RFC's order */
};

/* RFC 821 §4.3, "COMMAND-REPLY SEQUENCES". */
static const struct line rfc821[] = {
	{ "CONNECT", 'S', "220" },
	{ "CONNECT", 'F', "421" },
	{ "HELO", 'S', "250" },
	{ "HELO", 'E', "500 501 504 421" },
	{ "MAIL", 'S', "250" },
	{ "MAIL", 'F', "552 451 452" },
	{ "MAIL", 'E', "500 501 421" },
	{ "RCPT", 'S', "250 251" },
	{ "RCPT", 'F', "550 551 552 553 450 451 452" },
	{ "RCPT", 'E', "500 501 503 421" },
	{ "DATA", 'I', "354" },
	{ "DATA", 'F', "451 554" },
	{ "DATA", 'E', "500 501 503 421" },
	{ "end-of-data", 'S', "250" },             /* 354 -> data -> S: 250 */
	{ "end-of-data", 'F', "552 554 451 452" }, /*             F: ...   */
	{ "RSET", 'S', "250" },
	{ "RSET", 'E', "500 501 504 421" },
	{ "SEND", 'S', "250" },
	{ "SEND", 'F', "552 451 452" },
	{ "SEND", 'E', "500 501 502 421" },
	{ "SOML", 'S', "250" },
	{ "SOML", 'F', "552 451 452" },
	{ "SOML", 'E', "500 501 502 421" },
	{ "SAML", 'S', "250" },
	{ "SAML", 'F', "552 451 452" },
	{ "SAML", 'E', "500 501 502 421" },
	{ "VRFY", 'S', "250 251" },
	{ "VRFY", 'F', "550 551 553" },
	{ "VRFY", 'E', "500 501 502 504 421" },
	{ "EXPN", 'S', "250" },
	{ "EXPN", 'F', "550" },
	{ "EXPN", 'E', "500 501 502 504 421" },
	{ "HELP", 'S', "211 214" },
	{ "HELP", 'E', "500 501 502 504 421" },
	{ "NOOP", 'S', "250" },
	{ "NOOP", 'E', "500 421" },
	{ "QUIT", 'S', "221" },
	{ "QUIT", 'E', "500" },
	{ "TURN", 'S', "250" },
	{ "TURN", 'F', "502" },
	{ "TURN", 'E', "500 503" },
	{ NULL, 0, NULL }
};

/* RFC 2821 §4.3.2 as MISSING.md quotes it ("EHLO or HELO" is one entry;
 * the RFC lists 550 twice for RCPT). */
static const struct line rfc2821[] = {
	{ "CONNECT", 'S', "220" },
	{ "CONNECT", 'E', "554" },
	{ "EHLO", 'S', "250" },
	{ "EHLO", 'E', "504 550" },
	{ "HELO", 'S', "250" },
	{ "HELO", 'E', "504 550" },
	{ "MAIL", 'S', "250" },
	{ "MAIL", 'E', "552 451 452 550 553 503" },
	{ "RCPT", 'S', "250 251" },
	{ "RCPT", 'E', "550 551 552 553 450 451 452 503" },
	{ "DATA", 'I', "354" },
	{ "DATA", 'E', "451 554 503" },
	{ "end-of-data", 'S', "250" },
	{ "end-of-data", 'E', "552 554 451 452" },
	{ "RSET", 'S', "250" },
	{ "VRFY", 'S', "250 251 252" },
	{ "VRFY", 'E', "550 551 553 502 504" },
	{ "EXPN", 'S', "250 252" },
	{ "EXPN", 'E', "550 500 502 504" },
	{ "HELP", 'S', "211 214" },
	{ "HELP", 'E', "502 504" },
	{ "NOOP", 'S', "250" },
	{ "QUIT", 'S', "221" },
	{ NULL, 0, NULL }
};

/* RFC 5321 §4.3.2, "Command-Reply Sequences". */
static const struct line rfc5321[] = {
	{ "CONNECT", 'S', "220" },
	{ "CONNECT", 'E', "554" },
	{ "EHLO", 'S', "250" },
	{ "EHLO", 'E', "504 550 502" },
	{ "HELO", 'S', "250" },
	{ "HELO", 'E', "504 550 502" },
	{ "MAIL", 'S', "250" },
	{ "MAIL", 'E', "552 451 452 550 553 503 455 555" },
	{ "RCPT", 'S', "250 251" },
	{ "RCPT", 'E', "550 551 552 553 450 451 452 503 455 555" },
	{ "DATA", 'I', "354" },
	{ "DATA", 'E', "503 554" },
	{ "end-of-data", 'S', "250" },
	{ "end-of-data", 'E', "552 554 451 452 450 550" },
	{ "RSET", 'S', "250" },
	{ "VRFY", 'S', "250 251 252" },
	{ "VRFY", 'E', "550 551 553 502 504" },
	{ "EXPN", 'S', "250 252" },
	{ "EXPN", 'E', "550 500 502 504" },
	{ "HELP", 'S', "211 214" },
	{ "HELP", 'E', "502 504" },
	{ "NOOP", 'S', "250" },
	{ "QUIT", 'S', "221" },
	{ NULL, 0, NULL }
};

/* Service extensions, the same under RFC 2821 and RFC 5321: RFC 3207
 * (STARTTLS), RFC 4954 §4 and §6 (AUTH), RFC 3030 (BDAT), RFC 4468 (BURL),
 * RFC 1985 (ETRN), RFC 2645 (ATRN), RFC 2033 §4.1 (LHLO has EHLO's
 * replies), as shared/rfc/MISSING.md and RFC 4954 give them. */
static const struct line extensions[] = {
	{ "STARTTLS", 'S', "220" },
	{ "STARTTLS", 'E', "454 501" },
	{ "AUTH", 'I', "334" },
	{ "AUTH", 'S', "235" },
	{ "AUTH", 'E', "432 454 534 535 538 500 501 503 504" },
	{ "BDAT", 'S', "250" },
	{ "BDAT", 'E', "503 451 452 552 554" },
	{ "BURL", 'S', "250" },
	{ "BURL", 'E', "503 554 451 552" },
	{ "ETRN", 'S', "250 251 252 253" },
	{ "ETRN", 'E', "458 459" },
	{ "ATRN", 'S', "250" },
	{ "ATRN", 'E', "450 451 453 502 530" },
	{ "LHLO", 'S', "250" },
	{ "LHLO", 'E', "504 550" },
	{ NULL, 0, NULL }
};

static const struct standard {
	enum smtpcode_standard std;
	const char *name;
	const struct line *table;
	const struct line *ext;  /* the extensions' replies, or NULL */
	/* The code list: RFC 821 §4.2.2; RFC 2821's table; RFC 5321 §4.2.3. */
	const char *codes;
	/* Commands in its table (the pseudo-commands too). */
	const char *commands;
	/* Any-command codes: for every command and pseudo-command ... */
	const char *any_all;
	/* ... and for command lines only. */
	const char *any_commands;
	/* Conditional: 530 (RFC 4954 §6: any command but AUTH, EHLO, HELO,
	 * NOOP, RSET, QUIT; RFC 3207 §4: any but NOOP, EHLO, STARTTLS, QUIT),
	 * so every command line but EHLO, NOOP and QUIT; 554 (RFC 3207 §4.1:
	 * any but QUIT); 521 to the greeting (RFC 7504, RFC 5321 only). */
	const char *cond530_except, *cond554_except, *cond521;
} standards[] = {
	{ SMTPCODE_STD_RFC821, "RFC 821", rfc821, NULL,
	  "211 214 220 221 250 251 354 421 450 451 452 500 501 502 503 504 550 551 552 553 554",
	  "CONNECT HELO MAIL RCPT DATA end-of-data RSET SEND SOML SAML VRFY EXPN HELP NOOP QUIT TURN",
	  "421", "", NULL, NULL, NULL },
	{ SMTPCODE_STD_RFC2821, "RFC 2821", rfc2821, extensions,
	  "211 214 220 221 250 251 252 354 421 450 451 452 500 501 502 503 504 550 551 552 553 554",
	  "CONNECT EHLO HELO MAIL RCPT DATA end-of-data RSET VRFY EXPN HELP NOOP QUIT "
	  "STARTTLS AUTH BDAT BURL ETRN ATRN LHLO",
	  "421", "500 501", "EHLO NOOP QUIT", "QUIT", NULL },
	{ SMTPCODE_STD_RFC5321, "RFC 5321", rfc5321, extensions,
	  "211 214 220 221 250 251 252 354 421 450 451 452 455 500 501 502 503 504 550 551 552 553 554 555",
	  "CONNECT EHLO HELO MAIL RCPT DATA end-of-data RSET VRFY EXPN HELP NOOP QUIT "
	  "STARTTLS AUTH BDAT BURL ETRN ATRN LHLO",
	  "421", "500 501", "EHLO NOOP QUIT", "QUIT", "CONNECT" },
};
#define NSTD (sizeof standards / sizeof standards[0])

/* Whether the space-separated `list` has the word w. */
static int in_list(const char *list, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = list; (p = strstr(p, w)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

static enum smtpcode_role role_of(char letter)
{
	switch (letter) {
	case 'I': return SMTPCODE_ROLE_INTERMEDIATE;
	case 'S': return SMTPCODE_ROLE_SUCCESS;
	case 'F': return SMTPCODE_ROLE_FAILURE;
	case 'E': return SMTPCODE_ROLE_ERROR;
	}
	return SMTPCODE_ROLE_NONE;
}

/* Whether the standard allows (command, code) under a condition only. */
static int conditional(const struct standard *st, const struct smtpcode_command *cmd,
                       int code)
{
	if (code == 530 && st->cond530_except)
		return !cmd->pseudo && !in_list(st->cond530_except, cmd->name);
	if (code == 554 && st->cond554_except)
		return !cmd->pseudo && !in_list(st->cond554_except, cmd->name);
	if (code == 521 && st->cond521)
		return in_list(st->cond521, cmd->name);
	return 0;
}

/* The role the hand table gives (command, code), or NONE. */
static enum smtpcode_role expected_role(const struct line *t, const char *cmd, const char *code)
{
	for (; t->command; t++)
		if (strcmp(t->command, cmd) == 0 && in_list(t->codes, code))
			return role_of(t->role);
	return SMTPCODE_ROLE_NONE;
}

/* The hand table's codes for one command, in order, as one string. */
static void expected_order(const struct line *t, const char *cmd, char *out, size_t size)
{
	out[0] = '\0';
	for (; t && t->command; t++)
		if (strcmp(t->command, cmd) == 0) {
			if (out[0])
				strncat(out, " ", size - strlen(out) - 1);
			strncat(out, t->codes, size - strlen(out) - 1);
		}
}

int main(void)
{
	const size_t ncmd = smtpcode_command_count();
	const size_t nrep = smtpcode_reply_count();
	char code[8], want[256], got[256];

	plan(NSTD * ncmd * nrep + NSTD * ncmd);

	for (size_t s = 0; s < NSTD; s++) {
		const struct standard *st = &standards[s];
		for (size_t c = 0; c < ncmd; c++) {
			const struct smtpcode_command *cmd = smtpcode_command_at(c);
			const int in_std = in_list(st->commands, cmd->name);
			const struct smtpcode_listing *l;

			for (size_t r = 0; r < nrep; r++) {
				const struct smtpcode_reply *rep = smtpcode_reply_at(r);
				enum smtpcode_verdict want_v;
				enum smtpcode_role want_role;
				struct smtpcode_validity v;

				snprintf(code, sizeof code, "%d", rep->code);
				want_role = expected_role(st->table, cmd->name, code);
				if (want_role == SMTPCODE_ROLE_NONE && st->ext)
					want_role = expected_role(st->ext, cmd->name, code);
				if (!in_std)
					want_v = SMTPCODE_COMMAND_UNKNOWN;
				else if (want_role != SMTPCODE_ROLE_NONE)
					want_v = SMTPCODE_LISTED;
				else if (in_list(st->any_all, code) ||
				         (!cmd->pseudo && in_list(st->any_commands, code)))
					want_v = SMTPCODE_ANY_COMMAND;
				else if (conditional(st, cmd, rep->code))
					want_v = SMTPCODE_CONDITIONAL;
				else if (!in_list(st->codes, code))
					want_v = SMTPCODE_CODE_UNKNOWN;
				else
					want_v = SMTPCODE_NOT_LISTED;
				smtpcode_validate(st->std, cmd, rep->code, &v);
				if (!ok(v.verdict == want_v && v.role == want_role &&
				        v.rule != NULL && strstr(v.rule, "RFC ") != NULL &&
				        (want_v == SMTPCODE_CONDITIONAL) == (v.condition != NULL),
				        "%s %s %s: %s%s%s", st->name, cmd->name, code,
				        smtpcode_verdict_name(want_v),
				        want_role ? " " : "",
				        want_role ? smtpcode_role_name(want_role) : ""))
					diag("got %s, role %d, rule %s", smtpcode_verdict_name(v.verdict),
					     (int)v.role, v.rule ? v.rule : "(null)");
			}

			/* The listing gives the replies in the RFC's order. */
			expected_order(cmd->extension ? st->ext : st->table, cmd->name, want, sizeof want);
			got[0] = '\0';
			for (size_t i = 0; (l = smtpcode_listing_at(st->std, cmd, i)) != NULL; i++) {
				snprintf(code, sizeof code, "%s%d", got[0] ? " " : "", l->reply->code);
				strncat(got, code, sizeof got - strlen(got) - 1);
			}
			is_string(want, got, "%s %s: listed replies in the RFC's order", st->name, cmd->name);
		}
	}
	return 0;
}
