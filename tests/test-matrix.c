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

/* Service extensions, the same under RFC 2821 and RFC 5321: RFC 3207 §4
 * (STARTTLS), RFC 4954 §4 and §6 (AUTH), RFC 3030 §2 (BDAT: 250 for each
 * chunk, 503 out of sequence, and after a failure "the appropriate 5XX or
 * 4XX code"), RFC 4468 §6 (BURL: example replies, "not exhaustive", and
 * clients "MUST tolerate any valid SMTP response code"), RFC 1985 §5.1
 * (ETRN), RFC 2645 §5.2.1 and §7 (ATRN), RFC 2033 §4.1 (LHLO has EHLO's
 * semantics). "4xx" stands for every code of the class in the standard's
 * code list that the command's rows before it do not list. */
static const struct line extensions[] = {
	{ "STARTTLS", 'S', "220" },
	{ "STARTTLS", 'E', "454 501" },
	{ "AUTH", 'I', "334" },
	{ "AUTH", 'S', "235" },
	{ "AUTH", 'E', "432 454 534 535 538 500 501 503 504" },
	{ "BDAT", 'S', "250" },
	{ "BDAT", 'E', "503" },
	{ "BDAT", 'E', "4xx 5xx" },
	{ "BURL", 'S', "250" },
	{ "BURL", 'E', "554 503 552 451" },
	{ "BURL", 'E', "4xx 5xx" },
	{ "ETRN", 'S', "250 251 252 253" },
	{ "ETRN", 'E', "458 459 500 501" },
	{ "ATRN", 'S', "250" },
	{ "ATRN", 'E', "450 451 453 530" },
	{ "ATRN", 'E', "502" },
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
	/* Whether the conditional rules below apply (not to RFC 821). */
	int conditions;
	/* RFC 5321 as updated by RFC 7504: 521 and 556. */
	int rfc7504;
} standards[] = {
	{ SMTPCODE_STD_RFC821, "RFC 821", rfc821, NULL,
	  "211 214 220 221 250 251 354 421 450 451 452 500 501 502 503 504 550 551 552 553 554",
	  "CONNECT HELO MAIL RCPT DATA end-of-data RSET SEND SOML SAML VRFY EXPN HELP NOOP QUIT TURN",
	  "421", "", 0, 0 },
	{ SMTPCODE_STD_RFC2821, "RFC 2821", rfc2821, extensions,
	  "211 214 220 221 250 251 252 354 421 450 451 452 500 501 502 503 504 550 551 552 553 554",
	  "CONNECT EHLO HELO MAIL RCPT DATA end-of-data RSET VRFY EXPN HELP NOOP QUIT "
	  "STARTTLS AUTH BDAT BURL ETRN ATRN LHLO",
	  "421", "500 501", 1, 0 },
	{ SMTPCODE_STD_RFC5321, "RFC 5321", rfc5321, extensions,
	  "211 214 220 221 250 251 252 354 421 450 451 452 455 500 501 502 503 504 521 550 551 552 553 554 555 556",
	  "CONNECT EHLO HELO MAIL RCPT DATA end-of-data RSET VRFY EXPN HELP NOOP QUIT "
	  "STARTTLS AUTH BDAT BURL ETRN ATRN LHLO",
	  "421", "500 501", 1, 1 },
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

/* Whether the standard allows (command, code) under a condition only:
 *   530: RFC 4954 §6 (any command but AUTH, EHLO, HELO, NOOP, RSET, QUIT)
 *        or RFC 3207 §4 (any but NOOP, EHLO, STARTTLS, QUIT): so every
 *        command line but EHLO, NOOP and QUIT, and LHLO, which RFC 2033
 *        §4.1 gives EHLO's semantics;
 *   554: RFC 3207 §4.1, any command but QUIT;
 *   503: RFC 5321 §3.1 (and RFC 2821 §3.1), after a 554 greeting: any
 *        command but QUIT;
 *   502: RFC 2645 §5.4, an ODMR server: any but EHLO, AUTH, ATRN, QUIT;
 *   521: RFC 7504 §3: the greeting, and any command but QUIT;
 *   556: RFC 7504 §4: after RCPT. */
static int conditional(const struct standard *st, const struct smtpcode_command *cmd,
                       int code)
{
	const int line = !cmd->pseudo;

	if (!st->conditions)
		return 0;
	switch (code) {
	case 530: return line && !in_list("EHLO LHLO NOOP QUIT", cmd->name);
	case 554:
	case 503: return line && strcmp(cmd->name, "QUIT") != 0;
	case 502: return line && !in_list("EHLO AUTH ATRN QUIT", cmd->name);
	case 521: return st->rfc7504 && (strcmp(cmd->name, "CONNECT") == 0 ||
	                                 (line && strcmp(cmd->name, "QUIT") != 0));
	case 556: return st->rfc7504 && strcmp(cmd->name, "RCPT") == 0;
	}
	return 0;
}

/* Whether a hand table's codes (with "4xx" for a class) take `code`:
 * "4xx" takes the standard's codes of that class. */
static int takes(const struct standard *st, const char *codes, const char *code)
{
	char cls[4] = { code[0], 'x', 'x', '\0' };

	return in_list(codes, code) || (in_list(codes, cls) && in_list(st->codes, code));
}

/* The role the hand table gives (command, code), or NONE. */
static enum smtpcode_role expected_role(const struct standard *st, const struct line *t,
                                        const char *cmd, const char *code)
{
	for (; t->command; t++)
		if (strcmp(t->command, cmd) == 0 && takes(st, t->codes, code))
			return role_of(t->role);
	return SMTPCODE_ROLE_NONE;
}

/* The hand table's codes for one command, in order, as one string: a
 * class in the order of the standard's code list, less the codes listed
 * already. */
static void expected_order(const struct standard *st, const struct line *t, const char *cmd,
                           char *out, size_t size)
{
	out[0] = '\0';
	for (; t && t->command; t++) {
		char list[128], *w, *save = NULL;
		if (strcmp(t->command, cmd) != 0)
			continue;
		snprintf(list, sizeof list, "%s", t->codes);
		for (w = strtok_r(list, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
			char one[8];
			const char *c = st->codes;
			if (w[1] != 'x') {
				if (out[0])
					strncat(out, " ", size - strlen(out) - 1);
				strncat(out, w, size - strlen(out) - 1);
				continue;
			}
			while (sscanf(c, "%7s", one) == 1) {
				c = strstr(c, one) + strlen(one);
				if (one[0] == w[0] && !in_list(out, one)) {
					if (out[0])
						strncat(out, " ", size - strlen(out) - 1);
					strncat(out, one, size - strlen(out) - 1);
				}
			}
		}
	}
}

int main(void)
{
	const size_t ncmd = smtpcode_command_count();
	const size_t nrep = smtpcode_reply_count();
	char code[8], want[512], got[512];

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
				want_role = expected_role(st, st->table, cmd->name, code);
				if (want_role == SMTPCODE_ROLE_NONE && st->ext)
					want_role = expected_role(st, st->ext, cmd->name, code);
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
			expected_order(st, cmd->extension ? st->ext : st->table, cmd->name, want, sizeof want);
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
