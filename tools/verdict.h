/* SPDX-License-Identifier: MIT */
/* verdict.h - check's verdicts on a reply and their names, which the
 * judgement gives, the records print and the summary counts. Header only:
 * it puts no file above another. */
#ifndef SMTPCODE_VERDICT_H
#define SMTPCODE_VERDICT_H

#include <stddef.h>
#include <string.h>

/* From V_NOT_LISTED on, a verdict is a problem. */
enum verdict {
	V_VALID, V_CONDITIONAL, V_NO_COMMAND, V_NOT_LISTED, V_MALFORMED_CODE,
	V_UNREGISTERED_CODE, V_ENHANCED_MISMATCH, V_UNREGISTERED_ENHANCED,
	V_MALFORMED_REPLY, V_COUNT
};

/* The verdict's name, as records and summaries print it. */
static inline const char *verdict_name(enum verdict v)
{
	static const char *const names[V_COUNT] = {
		"valid", "conditional", "no-command", "not-listed", "malformed-code",
		"unregistered-code", "enhanced-mismatch", "unregistered-enhanced",
		"malformed-reply"
	};

	return names[v];
}

/* The verdict named s[0..n), or -1. */
static inline int verdict_by_name(const char *s, size_t n)
{
	for (int v = 0; v < V_COUNT; v++)
		if (strlen(verdict_name((enum verdict)v)) == n &&
		    strncmp(verdict_name((enum verdict)v), s, n) == 0)
			return v;
	return -1;
}

#endif
