/* SPDX-License-Identifier: MIT */
/* internal.h - the generated tables as the library's own code sees them. */
#ifndef SMTPCODE_INTERNAL_H
#define SMTPCODE_INTERNAL_H

#include <stddef.h>

#include "smtpcode.h"

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
extern const struct smtpcode_reply sc_replies[];
extern const size_t sc_nreplies;
extern const unsigned char sc_reply_by_number[1000];
extern const struct smtpcode_command sc_commands[];
extern const size_t sc_ncommands;
extern const struct sc_alias sc_aliases[];
extern const size_t sc_naliases;
extern const struct smtpcode_listing sc_listings[];
extern const unsigned short sc_listing_start[];
extern const unsigned short sc_cell[];
extern const struct smtpcode_any_rule sc_any_rules[];
extern const unsigned char sc_any_start[];
extern const unsigned char sc_any_cell[];
extern const struct smtpcode_conditional sc_cond_rules[];
extern const unsigned char sc_cond_start[];
extern const unsigned char sc_cond_cell[];
extern const struct smtpcode_digit sc_eclasses[10];
extern const struct smtpcode_digit sc_subjects[8];
extern const struct smtpcode_enhanced sc_enhanced[];
extern const size_t sc_nenhanced;
extern const struct smtpcode_note sc_notes[];
extern const size_t sc_nnotes;

#endif
