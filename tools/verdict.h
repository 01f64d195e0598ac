/* SPDX-License-Identifier: MIT */
/* verdict.h - check's verdicts on a reply, which the judgement gives, the
 * records print and the summary counts: the library's (enum
 * smtpcode_judged, smtpcode_judged_name), under the tool's short names.
 * Header only: it puts no file above another. */
#ifndef SMTPCODE_VERDICT_H
#define SMTPCODE_VERDICT_H

#include <stddef.h>

#include "smtpcode.h"

/* From V_NOT_LISTED on, a verdict is a problem. */
enum verdict {
	V_VALID = SMTPCODE_JUDGED_VALID,
	V_CONDITIONAL = SMTPCODE_JUDGED_CONDITIONAL,
	V_NO_COMMAND = SMTPCODE_JUDGED_NO_COMMAND,
	V_NOT_LISTED = SMTPCODE_JUDGED_NOT_LISTED,
	V_MALFORMED_CODE = SMTPCODE_JUDGED_MALFORMED_CODE,
	V_UNREGISTERED_CODE = SMTPCODE_JUDGED_UNREGISTERED_CODE,
	V_ENHANCED_MISMATCH = SMTPCODE_JUDGED_ENHANCED_MISMATCH,
	V_UNREGISTERED_ENHANCED = SMTPCODE_JUDGED_UNREGISTERED_ENHANCED,
	V_MALFORMED_REPLY = SMTPCODE_JUDGED_MALFORMED_REPLY,
	V_COUNT = SMTPCODE_JUDGED_COUNT
};

/* The verdict's name, as records and summaries print it. */
static inline const char *verdict_name(enum verdict v)
{
	return smtpcode_judged_name((enum smtpcode_judged)v);
}

/* The verdict named s[0..n), or -1. */
static inline int verdict_by_name(const char *s, size_t n)
{
	return smtpcode_judged_by_name(s, n);
}

#endif
