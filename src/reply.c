/* SPDX-License-Identifier: MIT */
/* reply.c - reply codes: lookup by number and by text, form, class, category.
 *
 * Layer: the code tables' library (with command.c and enhanced.c), above
 * only the generated tables. Calls only gen-tables.c (and its gperf
 * lookup, gen-replies.c, included here). */
#include "internal.h"

#include <string.h>

/* gperf's perfect hash over the registered codes' text (data/codes.txt),
 * static as command.c's is. */
#include "gen-replies.c"

const char *smtpcode_version(void)
{
	return SMTPCODE_VERSION_STRING;
}

int smtpcode_parse_code(const char *s, size_t len)
{
	unsigned a, b, c;

	if (s == NULL || len != 3)
		return -1;
	a = (unsigned)((unsigned char)s[0] - '0');
	b = (unsigned)((unsigned char)s[1] - '0');
	c = (unsigned)((unsigned char)s[2] - '0');
	if (a > 9 || b > 9 || c > 9)
		return -1;
	return (int)(a * 100 + b * 10 + c);
}

const struct smtpcode_reply *smtpcode_reply(int code)
{
	if (code < 0 || code > 999 || sc_reply_by_number[code] == 0)
		return NULL;
	return &sc_replies[sc_reply_by_number[code] - 1];
}

const struct smtpcode_reply *smtpcode_reply_from_text(const char *s, size_t len)
{
	const struct sc_reply_key *k;

	if (s == NULL)
		return NULL;
	k = sc_reply_lookup(s, len);
	return k ? k->reply : NULL;
}

const struct smtpcode_reply *smtpcode_reply_at(size_t i)
{
	return i < sc_nreplies ? &sc_replies[i] : NULL;
}

size_t smtpcode_reply_count(void)
{
	return sc_nreplies;
}

enum smtpcode_form smtpcode_code_form(int code)
{
	/* 0..99 are "000".."099": three digits, the first 0 */
	if (code < 0 || code > 999)
		return SMTPCODE_FORM_NOT_THREE_DIGITS;
	if (code / 100 < 2 || code / 100 > 5)
		return SMTPCODE_FORM_BAD_CLASS;
	if (code / 10 % 10 > 5)
		return SMTPCODE_FORM_BAD_CATEGORY;
	return SMTPCODE_FORM_OK;
}

const char *smtpcode_form_reason(enum smtpcode_form form)
{
	switch (form) {
	case SMTPCODE_FORM_OK:
		return "";
	case SMTPCODE_FORM_NOT_THREE_DIGITS:
		return "a reply code is three digits (RFC 5321 §4.2, Reply-code)";
		/* RFC 5321 §4.2.1: FTP's 1yz replies are not part of SMTP. */
	case SMTPCODE_FORM_BAD_CLASS:
		return "first digit must be 2-5 (RFC 5321 §4.2, Reply-code; §4.2.1)";
	case SMTPCODE_FORM_BAD_CATEGORY:
		return "second digit must be 0-5 (RFC 5321 §4.2, Reply-code; §4.2.1)";
	}
	return NULL;
}

const struct smtpcode_digit *smtpcode_class(int code)
{
	/* class 1 is RFC 821's alone */
	return smtpcode_class_in(SMTPCODE_STD_RFC5321, code);
}

const struct smtpcode_digit *smtpcode_class_in(enum smtpcode_standard std, int code)
{
	if ((unsigned)std >= SMTPCODE_STD_COUNT || code < 0 || code > 999 ||
	    sc_classes[code / 100].name == NULL || (code / 100 == 1 && std != SMTPCODE_STD_RFC821))
		return NULL;
	return &sc_classes[code / 100];
}

const struct smtpcode_digit *smtpcode_category(int code)
{
	if (code < 0 || code > 999 || sc_categories[code / 10 % 10].name == NULL)
		return NULL;
	return &sc_categories[code / 10 % 10];
}
