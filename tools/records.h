/* SPDX-License-Identifier: MIT */
/* records.h - check's records written out (records.c). */
#ifndef SMTPCODE_RECORDS_H
#define SMTPCODE_RECORDS_H

#include "smtpcode.h"
#include "out.h"
#include "verdict.h"

/* One record, judged: where it is, the reply the reader found, what the
 * judgement said of it. */
struct record {
	const char *file;
	unsigned long message;        /* an mbox's message number, or 0 */
	const char *part;             /* the MIME part ("2.1"), or NULL */
	unsigned long line;
	const struct smtpcode_log_event *ev;
	enum verdict verdict;
	const char *msg;              /* the judgement's message */
	int valid;                    /* JSON: judge_valid() */
	const char *enhanced_problem; /* JSON: judge_enhanced_problem() */
	int reason;                   /* judge_reason(): -1 for none (no
	                                 failure, or not read) */
	const struct smtpcode_provider *provider; /* whose row decided it */
};

/* The record as one line of JSON. */
void record_json(struct out *o, const struct record *rec);

/* The record as one line of text (colours as colour_on says). */
void record_text(struct out *o, const struct record *rec);

#endif
