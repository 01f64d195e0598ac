/* SPDX-License-Identifier: MIT */
/*
 * test-codes.c - the code table against the RFC texts, typed in by hand from
 * RFC 5321 §4.2.3 and §4.2.1, RFC 821 §4.2.2 and RFC 2821 §4.3.2 (as quoted
 * in shared/rfc/MISSING.md). Nothing here is read from data/.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"
#include "tap.h"

#define B821 (1u << SMTPCODE_STD_RFC821)
#define B2821 (1u << SMTPCODE_STD_RFC2821)
#define B5321 (1u << SMTPCODE_STD_RFC5321)
#define ALL3 (B821 | B2821 | B5321)

static const struct {
	int code;
	const char *text;
	const char *explanation; /* NULL: the RFC gives none */
	unsigned standards;
	enum smtpcode_status status;
} codes[] = {
	/* RFC 5321 §4.2.3, "Reply Codes in Numeric Order". RFC 821 §4.2.2 has
	 * all but 252, 455, 555; RFC 2821's table has 252 but not 455, 555.
	 * Where RFC 5321 says "(See Section N)" the table says which RFC. */
	{ 211, "System status, or system help reply", NULL, ALL3, SMTPCODE_STATUS_STANDARD },
	{ 214, "Help message", "Information on how to use the receiver or the "
	  "meaning of a particular non-standard command; this reply is useful "
	  "only to the human user", ALL3, SMTPCODE_STATUS_STANDARD },
	{ 220, "<domain> Service ready", NULL, ALL3, SMTPCODE_STATUS_STANDARD },
	{ 221, "<domain> Service closing transmission channel", NULL, ALL3, SMTPCODE_STATUS_STANDARD },
	{ 250, "Requested mail action okay, completed", NULL, ALL3, SMTPCODE_STATUS_STANDARD },
	{ 251, "User not local; will forward to <forward-path>", "See RFC 5321 §3.4", ALL3, SMTPCODE_STATUS_STANDARD },
	{ 252, "Cannot VRFY user, but will accept message and attempt delivery",
	  "See RFC 5321 §3.5.3", B2821 | B5321, SMTPCODE_STATUS_STANDARD },
	{ 354, "Start mail input; end with <CRLF>.<CRLF>", NULL, ALL3, SMTPCODE_STATUS_STANDARD },
	{ 421, "<domain> Service not available, closing transmission channel",
	  "This may be a reply to any command if the service knows it must shut down",
	  ALL3, SMTPCODE_STATUS_STANDARD },
	{ 450, "Requested mail action not taken: mailbox unavailable",
	  "e.g., mailbox busy or temporarily blocked for policy reasons", ALL3, SMTPCODE_STATUS_STANDARD },
	{ 451, "Requested action aborted: local error in processing", NULL, ALL3, SMTPCODE_STATUS_STANDARD },
	{ 452, "Requested action not taken: insufficient system storage", NULL, ALL3, SMTPCODE_STATUS_STANDARD },
	{ 455, "Server unable to accommodate parameters", NULL, B5321, SMTPCODE_STATUS_STANDARD },
	{ 500, "Syntax error, command unrecognized",
	  "This may include errors such as command line too long", ALL3, SMTPCODE_STATUS_STANDARD },
	{ 501, "Syntax error in parameters or arguments", NULL, ALL3, SMTPCODE_STATUS_STANDARD },
	{ 502, "Command not implemented", "See RFC 5321 §4.2.4", ALL3, SMTPCODE_STATUS_STANDARD },
	{ 503, "Bad sequence of commands", NULL, ALL3, SMTPCODE_STATUS_STANDARD },
	{ 504, "Command parameter not implemented", NULL, ALL3, SMTPCODE_STATUS_STANDARD },
	{ 550, "Requested action not taken: mailbox unavailable",
	  "e.g., mailbox not found, no access, or command rejected for policy reasons",
	  ALL3, SMTPCODE_STATUS_STANDARD },
	{ 551, "User not local; please try <forward-path>", "See RFC 5321 §3.4", ALL3, SMTPCODE_STATUS_STANDARD },
	{ 552, "Requested mail action aborted: exceeded storage allocation", NULL, ALL3, SMTPCODE_STATUS_STANDARD },
	{ 553, "Requested action not taken: mailbox name not allowed",
	  "e.g., mailbox syntax incorrect", ALL3, SMTPCODE_STATUS_STANDARD },
	{ 554, "Transaction failed", "Or, in the case of a connection-opening "
	  "response, \"No SMTP service here\"", ALL3, SMTPCODE_STATUS_STANDARD },
	{ 555, "MAIL FROM/RCPT TO parameters not recognized or not implemented",
	  NULL, B5321, SMTPCODE_STATUS_STANDARD },
	/* Outside those lists. 200: RFC 876's survey, non-standard. 521: RFC
	 * 1846 ("<domain> does not accept mail"), standardised by RFC 7504,
	 * which updates RFC 5321 (its §3; and §4 for 556), so the default
	 * standard, RFC 5321 as updated, has both. 530: RFC 4954 §6 "530
	 * 5.7.0 Authentication required". */
	{ 200, "Non-standard success reply", NULL, 0, SMTPCODE_STATUS_NONSTANDARD },
	{ 521, "<domain> does not accept mail", NULL, B5321, SMTPCODE_STATUS_STANDARD },
	{ 530, "Authentication required", NULL, 0, SMTPCODE_STATUS_STANDARD },
	{ 556, "Domain does not accept mail", NULL, B5321, SMTPCODE_STATUS_STANDARD },
	/* Service extensions' codes (in no standard's own code list). RFC 4954
	 * §6: 235, 432, 454, 534, 535, 538; §4: 334 (a server challenge).
	 * RFC 1985: 253, 458, 459. RFC 2645: 453. */
	{ 235, "Authentication Succeeded", NULL, 0, SMTPCODE_STATUS_STANDARD },
	{ 253, "OK, <n> pending messages for node <x> started", NULL, 0, SMTPCODE_STATUS_STANDARD },
	{ 334, "Server challenge", NULL, 0, SMTPCODE_STATUS_STANDARD },
	{ 432, "A password transition is needed", NULL, 0, SMTPCODE_STATUS_STANDARD },
	{ 453, "You have no mail", NULL, 0, SMTPCODE_STATUS_STANDARD },
	{ 454, "Temporary authentication failure", NULL, 0, SMTPCODE_STATUS_STANDARD },
	{ 458, "Unable to queue messages for node <x>", NULL, 0, SMTPCODE_STATUS_STANDARD },
	{ 459, "Node <x> not allowed: <reason>", NULL, 0, SMTPCODE_STATUS_STANDARD },
	{ 534, "Authentication mechanism is too weak", NULL, 0, SMTPCODE_STATUS_STANDARD },
	{ 535, "Authentication credentials invalid", NULL, 0, SMTPCODE_STATUS_STANDARD },
	{ 538, "Encryption required for requested authentication mechanism", NULL, 0, SMTPCODE_STATUS_STANDARD },
	/* Basic codes the IANA registry lists beside enhanced codes (RFC 5248)
	 * that no RFC defines as replies: non-standard, with the sample text of
	 * the enhanced code they stand beside. */
	{ 422, "A password transition is needed", NULL, 0, SMTPCODE_STATUS_NONSTANDARD },
	{ 430, "Invalid command", NULL, 0, SMTPCODE_STATUS_NONSTANDARD },
	{ 523, "Encryption Needed", NULL, 0, SMTPCODE_STATUS_NONSTANDARD },
	{ 524, "Encryption required for requested authentication mechanism", NULL, 0, SMTPCODE_STATUS_NONSTANDARD },
	{ 525, "User Account Disabled", NULL, 0, SMTPCODE_STATUS_NONSTANDARD },
	{ 533, "Delivery not authorized, message refused", NULL, 0, SMTPCODE_STATUS_NONSTANDARD },
};
#define NCODES (sizeof codes / sizeof codes[0])
#define NSTDLIST 24 /* the first 24 rows: RFC 5321's list; the rest have no
                       explanation to check */

/* RFC 5321 §4.2.1: the names of the first and second digits. */
static const char *const class_names[10] = {
	NULL, NULL, "Positive Completion", "Positive Intermediate",
	"Transient Negative Completion", "Permanent Negative Completion",
	NULL, NULL, NULL, NULL
};
static const char *const category_names[10] = {
	"Syntax", "Information", "Connections", "Unspecified", "Unspecified",
	"Mail system", NULL, NULL, NULL, NULL
};

/* Codes that are not registered, and what the grammar of RFC 5321 §4.2
 * (Reply-code = %x32-35 %x30-35 %x30-39) says of them. */
static const struct {
	int code;
	enum smtpcode_form form;
} unregistered[] = {
	{ 571, SMTPCODE_FORM_BAD_CATEGORY }, { 199, SMTPCODE_FORM_BAD_CLASS },
	{ 100, SMTPCODE_FORM_BAD_CLASS },    { 600, SMTPCODE_FORM_BAD_CLASS },
	{ 999, SMTPCODE_FORM_BAD_CLASS },    { 260, SMTPCODE_FORM_BAD_CATEGORY },
	{ 469, SMTPCODE_FORM_BAD_CATEGORY }, { 259, SMTPCODE_FORM_OK },
	{ 599, SMTPCODE_FORM_BAD_CATEGORY }, { 300, SMTPCODE_FORM_OK }, { 549, SMTPCODE_FORM_OK },
	/* 000 to 099 are three digits whose first is 0 (RFC 5321 §4.2) */
	{ 0, SMTPCODE_FORM_BAD_CLASS },  { 55, SMTPCODE_FORM_BAD_CLASS }, { 99, SMTPCODE_FORM_BAD_CLASS },
	{ 1000, SMTPCODE_FORM_NOT_THREE_DIGITS }, { -550, SMTPCODE_FORM_NOT_THREE_DIGITS },
};
#define NUNREG (sizeof unregistered / sizeof unregistered[0])

/* Text that is not exactly three ASCII digits. */
static const char *const not_codes[] = {
	"", "5", "55", "5500", "abc", "5.5", "+55", "-55", " 55", "55 ",
	"5a0", "٥٥٠", "\xff\xff\xff", "0x1",
};
#define NNOT (sizeof not_codes / sizeof not_codes[0])

int main(void)
{
	char buf[8];
	char *exact;

	plan(NCODES * 6 + NSTDLIST + 10 * 2 + NUNREG * 4 + NNOT * 2 + 19);

	is_int((long)NCODES, (long)smtpcode_reply_count(), "the table has every code and no more");
	for (size_t i = 0; i < NCODES; i++) {
		const struct smtpcode_reply *r = smtpcode_reply(codes[i].code);
		if (!ok(r != NULL, "%d is registered", codes[i].code)) {
			for (int k = 0; k < 5 + (i < NSTDLIST); k++)
				ok(0, "%d: no record", codes[i].code);
			continue;
		}
		is_int(codes[i].code, r->code, "%d: code", codes[i].code);
		is_string(codes[i].text, r->text, "%d: text", codes[i].code);
		is_int((long)codes[i].standards, (long)r->standards, "%d: standards whose code list has it", codes[i].code);
		is_int(codes[i].status, r->status, "%d: status", codes[i].code);
		ok(r->nsources > 0 && r->sources[0] && strstr(r->sources[0], "RFC ") != NULL,
		   "%d: names an RFC as its source", codes[i].code);
		if (i < NSTDLIST)
			is_string(codes[i].explanation, r->explanation, "%d: explanation", codes[i].code);
	}

	for (int d = 0; d < 10; d++) {
		const struct smtpcode_digit *c = smtpcode_class(d * 100 + 50);
		const struct smtpcode_digit *g = smtpcode_category(200 + d * 10);
		is_string(class_names[d], c ? c->name : NULL, "class %d name (RFC 5321 §4.2.1)", d);
		is_string(category_names[d], g ? g->name : NULL, "category %d name (RFC 5321 §4.2.1)", d);
	}

	for (size_t i = 0; i < NUNREG; i++) {
		int c = unregistered[i].code;
		const char *why = smtpcode_form_reason(unregistered[i].form);
		ok(smtpcode_reply(c) == NULL, "%d is not registered", c);
		is_int(unregistered[i].form, smtpcode_code_form(c), "%d: form", c);
		ok(why != NULL && (unregistered[i].form == SMTPCODE_FORM_OK) == (*why == '\0'),
		   "%d: a reason exactly when malformed", c);
		ok(unregistered[i].form != SMTPCODE_FORM_NOT_THREE_DIGITS ||
		   (smtpcode_class(c) == NULL && smtpcode_category(c) == NULL),
		   "%d: no class or category outside 000..999", c);
	}
	/* RFC 821 §4.2.1: "1yz Positive Preliminary reply"; RFC 5321 §4.2.1:
	 * FTP's 1yz codes are not part of SMTP. */
	ok(smtpcode_class_in(SMTPCODE_STD_RFC821, 150) != NULL &&
	   strcmp(smtpcode_class_in(SMTPCODE_STD_RFC821, 150)->name, "Positive Preliminary") == 0,
	   "RFC 821's class 1: Positive Preliminary");
	ok(smtpcode_class_in(SMTPCODE_STD_RFC5321, 150) == NULL && smtpcode_class(150) == NULL &&
	   smtpcode_class_in(SMTPCODE_STD_RFC2821, 150) == NULL,
	   "no class 1 under RFC 2821 or RFC 5321");
	ok(smtpcode_class_in((enum smtpcode_standard)99, 550) == NULL &&
	   smtpcode_class_in(SMTPCODE_STD_RFC821, 550) == smtpcode_class(550),
	   "class_in: a bad standard gets NULL, a class 5 is the same");
	ok(smtpcode_class(55) == NULL && smtpcode_category(55) != NULL &&
	   smtpcode_category(55)->name != NULL,
	   "055: no class (first digit 0), category 5");
	/* Per-command meanings, typed from RFC 1985 §5.1, RFC 2645 §7, RFC
	 * 3207 §4 and RFC 4954 §6. */
	{
		static const struct { const char *cmd; int code; const char *text; } m[] = {
			{ "ETRN", 251, "OK, no messages waiting for node <x>" },
			{ "ETRN", 459, "Node <x> not allowed: <reason>" },
			{ "ATRN", 453, "You have no mail" },
			{ "STARTTLS", 220, "Ready to start TLS" },
			{ "AUTH", 535, "Authentication credentials invalid (5.7.8)" },
		};
		const struct smtpcode_meaning *e;
		size_t n = 0, found = 0;
		for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
			const struct smtpcode_meaning *x =
				smtpcode_meaning(smtpcode_command(m[i].cmd, strlen(m[i].cmd)), m[i].code);
			found += x != NULL && strcmp(x->text, m[i].text) == 0 &&
			         strncmp(x->source, "RFC ", 4) == 0;
		}
		ok(found == sizeof m / sizeof m[0], "ETRN 251, ETRN 459, ATRN 453, STARTTLS 220, AUTH 535: "
		   "their RFCs' own texts");
		ok(smtpcode_meaning(smtpcode_command("RCPT", 4), 251) == NULL &&
		   smtpcode_meaning(NULL, 251) == NULL, "RCPT 251 has none (the code's own text)");
		for (; (e = smtpcode_meaning_at(n)) != NULL; n++)
			if (smtpcode_meaning(e->command, e->reply->code) != e)
				break;
		ok(n > 0 && smtpcode_meaning_at(n) == NULL, "every meaning is found again (%zu)", n);
	}
	ok(strstr(smtpcode_form_reason(SMTPCODE_FORM_BAD_CATEGORY), "0-5") != NULL,
	   "the reason for 571 says the second digit must be 0-5");

	for (size_t i = 0; i < NNOT; i++) {
		is_int(-1, smtpcode_parse_code(not_codes[i], strlen(not_codes[i])),
		       "'%s' is not a code", not_codes[i]);
		ok(smtpcode_reply_from_text(not_codes[i], strlen(not_codes[i])) == NULL,
		   "'%s' finds no record", not_codes[i]);
	}

	/* From text: a code inside a longer buffer is read by its length only. */
	memcpy(buf, "5500", 5);
	is_int(550, smtpcode_parse_code(buf, 3), "first three bytes of \"5500\" parse as 550");
	is_int(-1, smtpcode_parse_code(buf, 4), "all four bytes of \"5500\" do not");
	ok(smtpcode_reply_from_text(buf, 3) == smtpcode_reply(550), "\"550\" finds the 550 record");
	ok(smtpcode_reply_from_text("571", 3) == NULL, "\"571\" finds no record");
	ok(smtpcode_reply_from_text("099", 3) == NULL, "\"099\" finds no record");
	is_int(99, smtpcode_parse_code("099", 3), "\"099\" parses as 99");
	ok(smtpcode_reply_from_text(NULL, 3) == NULL, "NULL text finds no record");
	is_int(-1, smtpcode_parse_code(NULL, 3), "NULL text does not parse");
	/* Exactly three bytes on the heap: ASan and valgrind catch a read past. */
	exact = malloc(3);
	if (exact == NULL)
		bail("out of memory");
	memcpy(exact, "421", 3);
	ok(smtpcode_reply_from_text(exact, 3) == smtpcode_reply(421),
	   "unterminated \"421\" finds 421 without reading past it");
	free(exact);
	ok(smtpcode_reply(-1) == NULL && smtpcode_reply(1000) == NULL &&
	   smtpcode_reply(2147483647) == NULL, "out-of-range numbers find nothing");
	return 0;
}
