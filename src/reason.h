/* SPDX-License-Identifier: MIT */
/* reason.h - the tables of why a reply refused, as gen/reasons.awk writes
 * them (src/gen-reasons.c) and src/reason.c reads them. Internal. */
#ifndef SMTPCODE_REASON_H
#define SMTPCODE_REASON_H

#include <stddef.h>
#include <stdint.h>

#include "smtpcode.h"

/* A row's commands: a bit per command id (its place in data/commands.txt),
 * and one for a reply whose command is not known ("-"). */
#define SC_REASON_CMD(id) ((uint64_t)1 << (id))
#define SC_REASON_NOCMD ((uint64_t)1 << 63)
#define SC_REASON_ANYCMD (~(uint64_t)0)

/* The limits of the phrase table that src/reason.c sizes its window and
 * bit sets by: gen/reasons.awk refuses a longer phrase, and the generated
 * file asserts both. */
#define SC_REASON_PHRASE_LIMIT 128
#define SC_REASON_PHRASES_LIMIT 1024

struct sc_reason_def {
	const char *name;
	const char *definition;
	const char *source;
};

struct sc_reason_phrase {
	const char *text; /* lower case */
	size_t len;
	/* the rows that name it, ascending: phrase rows (indexes in
	 * sc_reason_phrase_rows) and provider rows */
	const unsigned short *rows, *providers;
	unsigned char nrows, nproviders;
};

struct sc_reason_phrase_row {
	uint64_t commands;
	unsigned short phrase; /* index into sc_reason_phrases */
	unsigned char cls;     /* 4, 5, or 0 for either */
	unsigned char reason;
	const char *text;      /* as written */
	const char *what;      /* or NULL */
	const char *software;
	const char *source;
};

struct sc_reason_status_row {
	uint64_t commands;
	int ecls;              /* 4, 5, or 0 for either (X) */
	int subject, detail;
	unsigned char reason;
	const char *code;      /* as written: "X.1.1" */
	const char *source;
};

struct sc_reason_reply_row {
	uint64_t commands;
	int code;
	unsigned char reason;
	const char *code_text; /* "552" */
	const char *source;
};

/* A host pattern: a whole name, or (wild) the end of one: ".google.com"
 * for "*.google.com". */
struct sc_reason_host {
	const char *text;
	size_t len;
	int wild;
};

struct sc_reason_hostlist {
	size_t first, count; /* in sc_reason_hosts */
};

/* A provider row's tests, small so that the rows tried for every reply
 * stay within a few cache lines; what it means is sc_reason_providers[]
 * at the same index. */
struct sc_reason_provider_row {
	const unsigned short *phrases; /* all must be in the text */
	short code;               /* 0: any; with code_class, the class digit */
	signed char code_class;
	signed char ecls;         /* -1: no test; 0: either class; 4 or 5 */
	short subject, detail;
	signed char hostlist;     /* index in sc_reason_hostlists, -1: none */
	unsigned char nphrases;
	unsigned char host_required; /* HOSTS "only ...": no host named, no match */
};

extern const struct sc_reason_def sc_reason_defs[];
extern const struct sc_reason_phrase sc_reason_phrases[];
extern const size_t sc_reason_nphrases;
/* The phrases by the hash of their last three bytes (w: the three bytes
 * as one number, the last the lowest): those of hash h are
 * sc_reason_tail_phrases[sc_reason_tail_start[h] .. [h + 1]). */
#define SC_REASON_TAIL_SIZE 4096
#define SC_REASON_TAIL(w) ((uint32_t)((uint32_t)(w) * 2654435761u) >> 20)
extern const unsigned short sc_reason_tail_start[SC_REASON_TAIL_SIZE + 1];
extern const unsigned short sc_reason_tail_phrases[];
extern const struct sc_reason_phrase_row sc_reason_phrase_rows[];
extern const size_t sc_reason_phrase_strong, sc_reason_phrase_nrows;
extern const struct sc_reason_status_row sc_reason_status_rows[];
extern const size_t sc_reason_status_strong, sc_reason_status_nrows;
extern const struct sc_reason_reply_row sc_reason_reply_rows[];
extern const size_t sc_reason_reply_nrows;
extern const struct sc_reason_host sc_reason_hosts[];
extern const struct sc_reason_hostlist sc_reason_hostlists[];
extern const struct sc_reason_provider_row sc_reason_provider_rows[];
extern const struct smtpcode_provider sc_reason_providers[];
/* The rows that a reply without any phrase may meet: the provider rows
 * that test no enhanced code and no phrase; and by each enhanced code that
 * a row tests (subject * 1000 + detail, ascending), the provider rows that
 * test it and no phrase, and the status rows that test it, all as indexes
 * ascending in sc_reason_key_rows. */
extern const unsigned short sc_reason_prov_bare[];
extern const size_t sc_reason_prov_nbare;
struct sc_reason_key {
	unsigned key;
	unsigned short providers, nproviders; /* in sc_reason_key_rows */
	unsigned short status, nstatus;
};
extern const struct sc_reason_key sc_reason_keys[];
extern const size_t sc_reason_nkeys;
extern const unsigned short sc_reason_key_rows[];
extern const size_t sc_reason_provider_nrows;

#endif
