/* SPDX-License-Identifier: MIT */
/*
 * test-enhanced.c - enhanced status codes: the grammar of RFC 3463 §2, the
 * class and subject names it gives, reading a code out of a reply's text
 * (RFC 2034), pairing with basic codes, and round trips over the registry.
 * Expectations are typed from RFC 3463 and the IANA registry, not data/.
 */
#include <stdio.h>
#include <string.h>

#include "smtpcode.h"
#include "tap.h"

static const struct {
	const char *text;
	enum smtpcode_eform form;
} forms[] = {
	{ "5.1.1", SMTPCODE_EFORM_OK },         { "2.0.0", SMTPCODE_EFORM_OK },
	{ "4.7.30", SMTPCODE_EFORM_OK },        { "5.999.999", SMTPCODE_EFORM_OK },
	{ "2.1.23", SMTPCODE_EFORM_OK },        /* RFC 3463 §2's example */
	{ "5.01.1", SMTPCODE_EFORM_LEADING_ZERO }, { "5.1.01", SMTPCODE_EFORM_LEADING_ZERO },
	{ "05.1.1", SMTPCODE_EFORM_LEADING_ZERO },
	{ "6.1.1", SMTPCODE_EFORM_BAD_CLASS },  { "3.1.1", SMTPCODE_EFORM_BAD_CLASS },
	{ "1.1.1", SMTPCODE_EFORM_BAD_CLASS },  { "0.1.1", SMTPCODE_EFORM_BAD_CLASS },
	{ "55.1.1", SMTPCODE_EFORM_BAD_CLASS },
	{ "5.1.1000", SMTPCODE_EFORM_TOO_LONG }, { "5.1000.1", SMTPCODE_EFORM_TOO_LONG },
	{ "5.1", SMTPCODE_EFORM_SYNTAX },       { "5", SMTPCODE_EFORM_SYNTAX },
	{ "", SMTPCODE_EFORM_SYNTAX },          { "5.1.", SMTPCODE_EFORM_SYNTAX },
	{ ".1.1", SMTPCODE_EFORM_SYNTAX },      { "5..1", SMTPCODE_EFORM_SYNTAX },
	{ "5.1.1.", SMTPCODE_EFORM_SYNTAX },    { "5.1.1.1", SMTPCODE_EFORM_SYNTAX },
	{ "5.1.1 ", SMTPCODE_EFORM_SYNTAX },    { " 5.1.1", SMTPCODE_EFORM_SYNTAX },
	{ "5,1,1", SMTPCODE_EFORM_SYNTAX },     { "x.1.1", SMTPCODE_EFORM_SYNTAX },
	{ "5.1.a", SMTPCODE_EFORM_SYNTAX },     { "5.-1.1", SMTPCODE_EFORM_SYNTAX },
	{ "+5.1.1", SMTPCODE_EFORM_SYNTAX },
};
#define NFORMS (sizeof forms / sizeof forms[0])

/* Reply texts (after the basic code and a space) and the code they begin
 * with; "" for none. */
static const struct {
	const char *text;
	const char *code;
} scans[] = {
	{ "5.1.1 <x@example.org>: Recipient address rejected", "5.1.1" },
	{ "2.0.0 Ok: queued as 4F2C1", "2.0.0" },
	{ "4.7.1\tGreylisted", "4.7.1" },
	{ "5.7.1", "5.7.1" },
	{ "5.7.1: Relay access denied", "" },   /* not followed by a space */
	{ "Mailbox unavailable", "" },
	{ "234 Text beginning with numbers", "" }, /* RFC 5321 §4.2.1's example */
	{ "6.1.1 odd class", "" },
	{ "5.01.1 leading zero", "" },
	{ "5.1.1000 too long", "" },
	{ "", "" },
};
#define NSCANS (sizeof scans / sizeof scans[0])

static const struct {
	int code;
	const char *ecode;
	enum smtpcode_pairing want;
} pairs[] = {
	{ 550, "5.1.1", SMTPCODE_PAIR_ASSOCIATED },     /* X.1.1: 451, 550 */
	{ 451, "4.1.1", SMTPCODE_PAIR_ASSOCIATED },
	{ 550, "4.1.1", SMTPCODE_PAIR_CLASS_MISMATCH },
	{ 250, "5.1.1", SMTPCODE_PAIR_CLASS_MISMATCH },
	{ 354, "2.0.0", SMTPCODE_PAIR_CLASS_MISMATCH }, /* 3yz carry none */
	{ 334, "5.7.0", SMTPCODE_PAIR_CLASS_MISMATCH },
	{ 552, "5.2.2", SMTPCODE_PAIR_ASSOCIATED },     /* X.2.2: 552 */
	{ 452, "4.2.2", SMTPCODE_PAIR_NOT_ASSOCIATED }, /* RFC 2033's example; the registry gives 552 */
	{ 250, "2.0.0", SMTPCODE_PAIR_ASSOCIATED },     /* X.0.0: Any */
	{ 554, "5.0.0", SMTPCODE_PAIR_ASSOCIATED },
	{ 550, "5.7.17", SMTPCODE_PAIR_ASSOCIATED },    /* X.7.17: 5XX */
	{ 450, "4.7.17", SMTPCODE_PAIR_NOT_ASSOCIATED }, /* 5XX only */
	{ 450, "4.7.15", SMTPCODE_PAIR_ASSOCIATED },    /* 450, 550, other 4XX/5XX */
	{ 451, "4.7.15", SMTPCODE_PAIR_ASSOCIATED },
	{ 550, "5.1.2", SMTPCODE_PAIR_NOT_ASSOCIATED }, /* Not given */
	{ 550, "5.1.99", SMTPCODE_PAIR_UNREGISTERED },
	{ 550, "5.8.1", SMTPCODE_PAIR_UNREGISTERED },
	{ 535, "5.7.8", SMTPCODE_PAIR_ASSOCIATED },     /* RFC 4954 §6 */
	{ 235, "2.7.0", SMTPCODE_PAIR_ASSOCIATED },
	{ 530, "5.7.0", SMTPCODE_PAIR_ASSOCIATED },
	{ 556, "5.1.10", SMTPCODE_PAIR_ASSOCIATED },    /* RFC 7505 */
	{ 99, "5.1.1", SMTPCODE_PAIR_BAD_ARGUMENT },
};
#define NPAIRS (sizeof pairs / sizeof pairs[0])

/* RFC 3463 §2. */
static const char *const eclass[10] = {
	NULL, NULL, "Success", NULL, "Persistent Transient Failure",
	"Permanent Failure", NULL, NULL, NULL, NULL
};
static const char *const subjects[9] = {
	"Other or Undefined Status", "Addressing Status", "Mailbox Status",
	"Mail System Status", "Network and Routing Status",
	"Mail Delivery Protocol Status", "Message Content or Media Status",
	"Security or Policy Status", NULL
};

int main(void)
{
	const size_t nenh = smtpcode_enhanced_count();
	struct smtpcode_ecode e;
	char buf[32];

	plan(NFORMS + NSCANS + NPAIRS + 10 + 9 + nenh * 2 + 12);

	for (size_t i = 0; i < NFORMS; i++)
		is_int(forms[i].form, smtpcode_ecode_parse(forms[i].text, strlen(forms[i].text), &e),
		       "'%s': %s", forms[i].text, forms[i].form == SMTPCODE_EFORM_OK ? "well-formed" :
		       smtpcode_eform_reason(forms[i].form));

	for (size_t i = 0; i < NSCANS; i++) {
		size_t n = smtpcode_ecode_scan(scans[i].text, strlen(scans[i].text), &e);
		if (n)
			snprintf(buf, sizeof buf, "%d.%d.%d", e.cls, e.subject, e.detail);
		else
			buf[0] = '\0';
		ok(strcmp(buf, scans[i].code) == 0 && n == strlen(scans[i].code),
		   "scan '%s' -> '%s'", scans[i].text, scans[i].code);
	}

	for (size_t i = 0; i < NPAIRS; i++) {
		struct smtpcode_ecode pe = { 0, 0, 0 };
		smtpcode_ecode_parse(pairs[i].ecode, strlen(pairs[i].ecode), &pe);
		is_string(smtpcode_pairing_name(pairs[i].want), smtpcode_pairing_name(smtpcode_pair(pairs[i].code, &pe)),
		          "%d with %s", pairs[i].code, pairs[i].ecode);
	}

	for (int d = 0; d < 10; d++) {
		const struct smtpcode_digit *c = smtpcode_eclass(d);
		is_string(eclass[d], c ? c->name : NULL, "enhanced class %d (RFC 3463 §2)", d);
	}
	for (int d = 0; d < 9; d++) {
		const struct smtpcode_digit *c = smtpcode_subject(d);
		is_string(subjects[d], c ? c->name : NULL, "subject %d (RFC 3463 §2)", d);
	}

	/* Round trips: every registry entry, from its text, in each class. */
	for (size_t i = 0; i < nenh; i++) {
		const struct smtpcode_enhanced *r = smtpcode_enhanced_at(i);
		int n = snprintf(buf, sizeof buf, "5.%d.%d", r->subject, r->detail);
		ok(smtpcode_enhanced_from_text(buf, (size_t)n) == r &&
		   smtpcode_enhanced(r->subject, r->detail) == r,
		   "%s: text -> entry -> subject and detail", buf);
		n = snprintf(buf, sizeof buf, "2.%d.%d", r->subject, r->detail);
		/* X.6.10 alone has no sample text in the registry */
		ok(smtpcode_enhanced_from_text(buf, (size_t)n) == r && r->nsources > 0 &&
		   (r->text[0] != '\0') == !(r->subject == 6 && r->detail == 10),
		   "%s: the same entry in class 2, with a source (and text, but X.6.10)", buf);
	}

	is_int(81, (long)nenh, "the registry has 81 entries (X.0.0 to X.7.30)");
	ok(smtpcode_enhanced_at(nenh) == NULL, "iteration ends with NULL");
	ok(smtpcode_enhanced(7, 31) == NULL && smtpcode_enhanced(8, 0) == NULL &&
	   smtpcode_enhanced(-1, 1) == NULL && smtpcode_enhanced(1, 1000) == NULL,
	   "unregistered and out-of-range entries are NULL");
	ok(smtpcode_enhanced_from_text("5.1.1", 3) == NULL, "length is respected (\"5.1\")");
	ok(smtpcode_enhanced_from_text(NULL, 5) == NULL, "NULL text finds nothing");
	is_int(SMTPCODE_EFORM_SYNTAX, smtpcode_ecode_parse(NULL, 5, &e), "NULL does not parse");
	ok(smtpcode_ecode_scan(NULL, 5, &e) == 0, "NULL scans to nothing");
	ok(smtpcode_eform_reason((enum smtpcode_eform)42) == NULL &&
	   smtpcode_pairing_name((enum smtpcode_pairing)42) == NULL, "out-of-range enums name nothing");
	is_int(SMTPCODE_PAIR_BAD_ARGUMENT, smtpcode_pair(550, NULL), "pairing with NULL");
	memcpy(buf, "5.1.1", 5);
	ok(smtpcode_enhanced_from_text(buf, 5) == smtpcode_enhanced(1, 1), "unterminated text read by length");
	ok(strcmp(smtpcode_enhanced(1, 1)->text, "Bad destination mailbox address") == 0,
	   "X.1.1 is Bad destination mailbox address");
	/* The registry of 2024-12-06: X.6.10's sample text is empty, and its
	 * description calls it a duplicate of X.6.8. */
	ok(smtpcode_enhanced(6, 10) != NULL && smtpcode_enhanced(6, 10)->text[0] == '\0' &&
	   strstr(smtpcode_enhanced(6, 10)->description, "duplicate of X.6.8") != NULL,
	   "X.6.10 is there, without sample text, its description naming X.6.8");
	return 0;
}
