/* SPDX-License-Identifier: MIT */
/* fuzz-command.c - a command name or alias and a standard name from
 * outside text, then the validity of a code for it.
 * Input: byte 0 picks the standard, bytes 1-2 the code, the rest is the
 * command as a log or a user would write it. */
#include <string.h>

#include "smtpcode.h"
#include "fuzz.h"

/* Whether s[0..n) is `name`, ASCII letters compared without case. */
static int same_name(const char *name, const char *s, size_t n)
{
	if (strlen(name) != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned a = (unsigned char)name[i], b = (unsigned char)s[i];
		if (a - 'A' < 26)
			a += 'a' - 'A';
		if (b - 'A' < 26)
			b += 'a' - 'A';
		if (a != b)
			return 0;
	}
	return 1;
}

/* smtpcode_command() the plain way: every name and alias in turn. */
static const struct smtpcode_command *scan_names(const char *s, size_t n)
{
	const struct smtpcode_command *c, *to;
	const char *a;

	for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++)
		if (same_name(c->name, s, n))
			return c;
	for (size_t i = 0; (a = smtpcode_alias_at(i, &to)) != NULL; i++)
		if (same_name(a, s, n))
			return to;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct smtpcode_standard_info *si;
	const struct smtpcode_command *c;
	struct smtpcode_validity v;
	enum smtpcode_verdict vd;
	int std, code;

	si = smtpcode_standard_by_name((const char *)data, size);
	if (si) {
		/* "rfc5321", "RFC 5321", "rfc-5321", "5321": the number ends it. */
		size_t n = strlen(si->id + 3);
		FUZZ_ASSERT(size >= n && size <= n + 4);
		FUZZ_ASSERT(memcmp(si->id + 3, data + size - n, n) == 0);
	}
	if (size < 3)
		return 0;
	std = data[0] % 4;   /* 3: not a standard */
	code = ((data[1] << 8) | data[2]) % 1100 - 50;
	c = smtpcode_command((const char *)data + 3, size - 3);
	FUZZ_ASSERT(c == scan_names((const char *)data + 3, size - 3));
	if (c) {
		FUZZ_ASSERT(c == smtpcode_command_at(c->id));
		fuzz_touch_str(c->name);
		fuzz_touch_str(c->description);
	}
	vd = smtpcode_validate((enum smtpcode_standard)std, c, code, &v);
	FUZZ_ASSERT(v.verdict == vd && v.rule != NULL);
	fuzz_touch_str(v.rule);
	fuzz_touch_str(v.condition);
	fuzz_touch_str(smtpcode_role_name(v.role));
	fuzz_touch_str(smtpcode_verdict_name(vd));
	FUZZ_ASSERT((vd == SMTPCODE_CONDITIONAL) == (v.condition != NULL));
	if (c == NULL || std == 3 || code < 100 || code > 999) {
		FUZZ_ASSERT(vd == SMTPCODE_BAD_ARGUMENT);
	} else {
		/* LISTED exactly when the standard's table, read by
		 * smtpcode_listing_at(), has the pair, with that role. */
		const struct smtpcode_listing *l;
		int listed = 0;
		FUZZ_ASSERT(vd != SMTPCODE_BAD_ARGUMENT);
		for (size_t k = 0; (l = smtpcode_listing_at((enum smtpcode_standard)std, c, k)) != NULL; k++)
			if (l->reply->code == code) {
				listed = 1;
				FUZZ_ASSERT(vd != SMTPCODE_LISTED || (v.role == l->role && v.rule == l->source));
			}
		if (c->standards & (1u << std))
			FUZZ_ASSERT((vd == SMTPCODE_LISTED) == listed);
		else
			FUZZ_ASSERT(vd == SMTPCODE_COMMAND_UNKNOWN);
	}
	return 0;
}
