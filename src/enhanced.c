/* SPDX-License-Identifier: MIT */
/* enhanced.c - enhanced status codes: grammar, registry lookup, pairing.
 *
 * Layer: the code tables' library (with reply.c and command.c), above
 * only the generated tables. Calls only gen-tables.c (and its gperf
 * lookup, gen-enhanced.c, included here). */
#include "internal.h"

#include <string.h>

/* gperf's perfect hash over the registry's codes in each class
 * (data/enhanced.txt), static as command.c's is. */
#include "gen-enhanced.c"

#define DIGIT(c) ((unsigned)((unsigned char)(c) - '0') <= 9)

/* Parses class.subject.detail at the start of s[0..len); *end is set to the
 * length parsed. The first broken rule wins, reading left to right: in each
 * sub-code, no digit (SYNTAX), then more than 3 digits (TOO_LONG), then a
 * leading zero (LEADING_ZERO); a missing dot (SYNTAX); and last a class
 * other than 2, 4 or 5 (BAD_CLASS). */
static enum smtpcode_eform parse_prefix(const char *s, size_t len,
                                        struct smtpcode_ecode *out, size_t *end)
{
	int v[3];
	size_t i = 0;

	*end = 0;
	if (s == NULL)
		return SMTPCODE_EFORM_SYNTAX;
	/* The registry's own shapes first, "5.1.1" and "5.7.30", straight;
	 * anything else takes the loop. */
	if (len >= 5 && DIGIT(s[0]) && s[1] == '.' && DIGIT(s[2]) && s[3] == '.' &&
	    DIGIT(s[4]) && (s[0] == '2' || s[0] == '4' || s[0] == '5')) {
		int detail = s[4] - '0';
		i = 5;
		if (len > 5 && DIGIT(s[5]) && s[4] != '0') {
			detail = detail * 10 + (s[5] - '0');
			i = 6;
		}
		if (i == len || !DIGIT(s[i])) {
			*end = i;
			if (out != NULL) {
				out->cls = s[0] - '0';
				out->subject = s[2] - '0';
				out->detail = detail;
			}
			return SMTPCODE_EFORM_OK;
		}
		i = 0;
	}
	for (int part = 0; part < 3; part++) {
		size_t start = i;
		int value = 0;
		unsigned d;

		if (part > 0) {
			if (i >= len || s[i] != '.')
				return SMTPCODE_EFORM_SYNTAX;
			start = ++i;
		}
		while (i < len && (d = (unsigned)((unsigned char)s[i] - '0')) <= 9) {
			if (i - start < 3)
				value = value * 10 + (int)d;
			i++;
		}
		if (i == start)
			return SMTPCODE_EFORM_SYNTAX;
		if (i - start > 3)
			return SMTPCODE_EFORM_TOO_LONG;
		if (i - start > 1 && s[start] == '0')
			return SMTPCODE_EFORM_LEADING_ZERO;
		v[part] = value;
	}
	if (v[0] != 2 && v[0] != 4 && v[0] != 5)
		return SMTPCODE_EFORM_BAD_CLASS;
	*end = i;
	if (out != NULL) {
		out->cls = v[0];
		out->subject = v[1];
		out->detail = v[2];
	}
	return SMTPCODE_EFORM_OK;
}

enum smtpcode_eform
smtpcode_ecode_parse(const char *s, size_t len, struct smtpcode_ecode *out)
{
	struct smtpcode_ecode e;
	size_t end;
	enum smtpcode_eform f = parse_prefix(s, len, &e, &end);

	if (f == SMTPCODE_EFORM_OK && end != len) {
		/* Trailing bytes: a fourth digit makes a sub-code too long, a dot
		 * or anything else breaks the syntax. */
		f = SMTPCODE_EFORM_SYNTAX;
	}
	if (f == SMTPCODE_EFORM_OK && out != NULL)
		*out = e;
	return f;
}

const char *smtpcode_eform_reason(enum smtpcode_eform form)
{
	switch (form) {
	case SMTPCODE_EFORM_OK:
		return "";
	case SMTPCODE_EFORM_SYNTAX:
		return "an enhanced status code is class.subject.detail, three numbers "
		       "separated by dots (RFC 3463 §2)";
	case SMTPCODE_EFORM_BAD_CLASS:
		return "the class must be 2, 4 or 5 (RFC 3463 §2)";
	case SMTPCODE_EFORM_LEADING_ZERO:
		return "sub-codes are written without leading zeros (RFC 3463 §2)";
	case SMTPCODE_EFORM_TOO_LONG:
		return "subject and detail have 1 to 3 digits (RFC 3463 §2)";
	}
	return NULL;
}

size_t smtpcode_ecode_scan(const char *s, size_t len, struct smtpcode_ecode *out)
{
	struct smtpcode_ecode e;
	size_t end;

	if (parse_prefix(s, len, &e, &end) != SMTPCODE_EFORM_OK)
		return 0;
	if (end < len && s[end] != ' ' && s[end] != '\t')
		return 0;
	if (out != NULL)
		*out = e;
	return end;
}

const struct smtpcode_enhanced *smtpcode_enhanced(int subject, int detail)
{
	unsigned at;

	if (subject < 0 || detail < 0 || (unsigned)subject >= sc_enhanced_subjects ||
	    (unsigned)detail >= sc_enhanced_details)
		return NULL;
	at = sc_enhanced_by_number[(unsigned)subject * sc_enhanced_details + (unsigned)detail];
	return at ? &sc_enhanced[at - 1] : NULL;
}

const struct smtpcode_enhanced *smtpcode_enhanced_from_text(const char *s, size_t len)
{
	const struct sc_enhanced_key *k;

	if (s == NULL)
		return NULL;
	k = sc_enhanced_lookup(s, len);
	return k ? k->enhanced : NULL;
}

const struct smtpcode_enhanced *smtpcode_enhanced_at(size_t i)
{
	return i < sc_nenhanced ? &sc_enhanced[i] : NULL;
}

size_t smtpcode_enhanced_count(void)
{
	return sc_nenhanced;
}

const struct smtpcode_digit *smtpcode_eclass(int cls)
{
	if (cls < 0 || cls > 9 || sc_eclasses[cls].name == NULL)
		return NULL;
	return &sc_eclasses[cls];
}

const struct smtpcode_digit *smtpcode_subject(int subject)
{
	if (subject < 0 || subject > 7 || sc_subjects[subject].name == NULL)
		return NULL;
	return &sc_subjects[subject];
}

/* Whether the registry's basic-code entry `b` ("550", "5XX", "any") covers
 * `code`. */
static int basic_covers(const char *b, int code)
{
	if (b[0] == 'a') /* "any": the generator allows no other word */
		return 1;
	if (b[1] == 'X')
		return b[0] - '0' == code / 100;
	return (b[0] - '0') * 100 + (b[1] - '0') * 10 + (b[2] - '0') == code;
}

enum smtpcode_pairing smtpcode_pair(int code, const struct smtpcode_ecode *e)
{
	const struct smtpcode_enhanced *r;

	if (code < 100 || code > 999 || e == NULL ||
	    (e->cls != 2 && e->cls != 4 && e->cls != 5) ||
	    e->subject < 0 || e->subject > 999 || e->detail < 0 || e->detail > 999)
		return SMTPCODE_PAIR_BAD_ARGUMENT;
	if (code / 100 != e->cls)
		return SMTPCODE_PAIR_CLASS_MISMATCH;
	r = smtpcode_enhanced(e->subject, e->detail);
	if (r == NULL)
		return SMTPCODE_PAIR_UNREGISTERED;
	for (size_t i = 0; i < r->nbasic; i++)
		if (basic_covers(r->basic[i], code))
			return SMTPCODE_PAIR_ASSOCIATED;
	return SMTPCODE_PAIR_NOT_ASSOCIATED;
}

const char *smtpcode_pairing_name(enum smtpcode_pairing p)
{
	switch (p) {
	case SMTPCODE_PAIR_ASSOCIATED:
		return "associated";
	case SMTPCODE_PAIR_NOT_ASSOCIATED:
		return "not-associated";
	case SMTPCODE_PAIR_UNREGISTERED:
		return "unregistered-enhanced";
	case SMTPCODE_PAIR_CLASS_MISMATCH:
		return "class-mismatch";
	case SMTPCODE_PAIR_BAD_ARGUMENT:
		return "bad-argument";
	}
	return NULL;
}
