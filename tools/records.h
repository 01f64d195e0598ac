/* SPDX-License-Identifier: MIT */
/* records.h - check's records written out (records.c). */
#ifndef SMTPCODE_RECORDS_H
#define SMTPCODE_RECORDS_H

#include "smtpcode.h"
#include "out.h"
#include "verdict.h"

struct explanations;

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
	size_t msg_len;
	int valid;                    /* JSON: judge_valid() */
	const char *enhanced_problem; /* JSON: judge_enhanced_problem() */
	int reason;                   /* judge_reason(): -1 for none (no
	                                 failure, or not read) */
	const struct smtpcode_provider *provider; /* whose row decided it */
	struct explanations *ex;      /* text: the explanations printed */
};

/* The record as one line of JSON. */
void record_json(struct out *o, const struct record *rec);

/* The record as one line of text (colours as colour_on says): FILE:LINE:
 * the time, queue id, recipient and remote host where the event has them,
 * then CODE[ ENHANCED] COMMAND: verdict [N], N the mark of the judgement's
 * message in rec->ex; the first record of a mark prints the message on
 * the next line, "  [N] MESSAGE" (explanation_line). */
void record_text(struct out *o, const struct record *rec);

/* The messages the text records have printed, each under its number (from
 * 1, in the order first printed): a message's first record prints it, the
 * others its number only. The first EXPLANATIONS_MAX are remembered; a
 * message past them is printed with each record, marked "*". */
#define EXPLANATIONS_MAX 4096
#define EXPLANATIONS_SLOTS 8192 /* a power of 2, twice the most */
struct explanations {
	struct explanation_slot {
		unsigned hash;   /* of the text */
		unsigned number; /* 0: a free slot */
		size_t len;      /* the text's */
	} *slots;                   /* [EXPLANATIONS_SLOTS], made by the first */
	char **texts;               /* [number - 1], each terminated */
	unsigned count;
	unsigned last;              /* the number given last, or 0 */
	size_t last_len;            /* its text's length */
	int failed;                 /* out of memory: all marked "*" */
	FILE *spill;                /* NULL, or (a job of --jobs) where the texts
	                               marked "*" go, each ended by a NUL */
};

/* The number of text[0..len) in ex, added as the next when it is new
 * (*added set to 1, else 0); 0 when ex is full or out of memory. */
unsigned explanation_number(struct explanations *ex, const char *text, size_t len, int *added);

/* The text of number (1..count). */
const char *explanation_text(const struct explanations *ex, unsigned number);

/* " [N]\n" (N 0: " [*]\n"): the end of a record's line. */
void record_mark(struct out *o, unsigned number);

/* "  [N] TEXT\n" (N 0: "*"), the text escaped: the line that explains a
 * mark. */
void explanation_line(struct out *o, unsigned number, const char *text, size_t len);

/* Frees what ex holds and zeroes it. */
void explanations_free(struct explanations *ex);

#endif
