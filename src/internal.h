/* SPDX-License-Identifier: MIT */
/* internal.h - the generated tables as the library's own code sees them
 * (log.h says the library's layers). */
#ifndef SMTPCODE_INTERNAL_H
#define SMTPCODE_INTERNAL_H

#include <stddef.h>

#include "smtpcode.h"
#include "gen-ids.h"

/* Nothing here is exported: declared hidden, the tables and functions are
 * reached directly, not through the GOT. */
#if defined(__GNUC__)
#pragma GCC visibility push(hidden)
#endif

struct sc_alias {
	const char *alias;
	unsigned short command;
};

/* All defined in gen-tables.c, generated from data/ by gen/smtpcode-gen.awk. */
extern const struct smtpcode_standard_info sc_standards[SMTPCODE_STD_COUNT];
extern const char *const sc_table_rule[SMTPCODE_STD_COUNT];
extern const char *const sc_codes_rule[SMTPCODE_STD_COUNT];
extern const struct smtpcode_digit sc_classes[10];
extern const struct smtpcode_digit sc_categories[10];
extern const struct smtpcode_reply sc_replies[SC_NREPLIES];
extern const size_t sc_nreplies;
extern const unsigned char sc_reply_by_number[1000];
extern const struct smtpcode_command sc_commands[SC_NCOMMANDS];
extern const size_t sc_ncommands;
extern const struct sc_alias sc_aliases[];
extern const size_t sc_naliases;
extern const struct smtpcode_listing sc_listings[];
extern const unsigned short sc_listing_start[];
extern const struct smtpcode_any_rule sc_any_rules[];
extern const unsigned char sc_any_start[];
extern const struct smtpcode_conditional sc_cond_rules[];
extern const unsigned char sc_cond_start[];
/* smtpcode_validate()'s answers, decided by the generator (gen-ids.h
 * says how a cell is encoded). */
extern const unsigned short sc_verdict[SMTPCODE_STD_COUNT][SC_VERDICT_COMMANDS][SC_VERDICT_COLUMNS];
extern const struct smtpcode_digit sc_eclasses[10];
extern const struct smtpcode_digit sc_subjects[8];
extern const struct smtpcode_enhanced sc_enhanced[];
extern const size_t sc_nenhanced;
extern const unsigned sc_enhanced_subjects, sc_enhanced_details;
extern const unsigned char sc_enhanced_by_number[];
extern const struct smtpcode_note sc_notes[];
extern const struct smtpcode_meaning sc_meanings[];
extern const size_t sc_nmeanings;
extern const size_t sc_nnotes;

/* smtpcode_reply_flat(); with `whole`, 1 only when s[0..len) holds a
 * reply's final line. A reply of more than one line writes its lines into
 * out[0..size) (out may be NULL), joined with '\n', into *n (0 for a reply
 * of one line: s[0..len) is its line); see sc_lines_add (replyparse.c). */
int sc_reply_flat_lines(const char *s, size_t len, struct smtpcode_reply_state *st, int whole,
                        char *out, size_t size, size_t *n);

/* smtpcode_reply_feed() of a line already parsed into *l. */
enum smtpcode_feed sc_reply_feed_line(struct smtpcode_reply_state *st, const char *line,
                                      size_t len, const struct smtpcode_line *l);

/* Appends a reply's line to the lines out[0..*n) kept so far, after a
 * '\n': a line that does not fit in `size` whole is left out, with every
 * line after it (*full set, until the caller clears it). */
void sc_lines_add(char *out, size_t size, size_t *n, int *full, const char *line, size_t len);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
