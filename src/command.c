/* SPDX-License-Identifier: MIT */
/* command.c - standards, commands and aliases, and the validity of a reply.
 *
 * Layer: the code tables' library (with reply.c and enhanced.c), above
 * only the generated tables. Calls only gen-tables.c (and its gperf
 * lookup, gen-commands.c, included here). */
#include "internal.h"

#include <string.h>

/* gperf's perfect hash over command names and aliases (data/commands.txt,
 * data/aliases.txt), case-insensitive. Declared static first, its
 * definition has internal linkage and the compiler may inline it into its
 * one caller. */
#include "gen-commands.c"

static int valid_standard(enum smtpcode_standard std)
{
	return (int)std >= 0 && std < SMTPCODE_STD_COUNT;
}

/* Whether `c` points at one of the library's own command records. */
static int own_command(const struct smtpcode_command *c)
{
	return c != NULL && c->id < sc_ncommands && c == &sc_commands[c->id];
}

const struct smtpcode_standard_info *
smtpcode_standard_info(enum smtpcode_standard std)
{
	return valid_standard(std) ? &sc_standards[std] : NULL;
}

static int lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

const struct smtpcode_standard_info *
smtpcode_standard_by_name(const char *name, size_t len)
{
	size_t skip = 0;

	if (name == NULL)
		return NULL;
	/* "rfc5321", "RFC 5321", "rfc-5321" and "5321" all name RFC 5321. */
	if (len >= 3 && lower(name[0]) == 'r' && lower(name[1]) == 'f' &&
	    lower(name[2]) == 'c') {
		skip = 3;
		if (len > 3 && (name[3] == ' ' || name[3] == '-'))
			skip = 4;
	}
	for (size_t i = 0; i < SMTPCODE_STD_COUNT; i++) {
		const char *digits = sc_standards[i].id + 3; /* past "rfc" */
		if (len - skip == strlen(digits) && len > skip &&
		    memcmp(name + skip, digits, len - skip) == 0)
			return &sc_standards[i];
	}
	return NULL;
}

const struct smtpcode_command *smtpcode_command(const char *s, size_t len)
{
	const struct sc_command_key *k;

	if (s == NULL)
		return NULL;
	k = sc_command_lookup(s, len);
	return k ? k->command : NULL;
}

const struct smtpcode_command *smtpcode_command_at(size_t i)
{
	return i < sc_ncommands ? &sc_commands[i] : NULL;
}

size_t smtpcode_command_count(void)
{
	return sc_ncommands;
}

const char *smtpcode_alias_at(size_t i, const struct smtpcode_command **command)
{
	if (i >= sc_naliases)
		return NULL;
	if (command != NULL)
		*command = &sc_commands[sc_aliases[i].command];
	return sc_aliases[i].alias;
}

const char *smtpcode_role_name(enum smtpcode_role role)
{
	switch (role) {
	case SMTPCODE_ROLE_INTERMEDIATE:
		return "intermediate";
	case SMTPCODE_ROLE_SUCCESS:
		return "success";
	case SMTPCODE_ROLE_FAILURE:
		return "failure";
	case SMTPCODE_ROLE_ERROR:
		return "error";
	case SMTPCODE_ROLE_NONE:
		break;
	}
	return NULL;
}

int smtpcode_verdict_valid(enum smtpcode_verdict verdict)
{
	return verdict == SMTPCODE_LISTED || verdict == SMTPCODE_ANY_COMMAND ||
	       verdict == SMTPCODE_CONDITIONAL;
}

const char *smtpcode_verdict_name(enum smtpcode_verdict verdict)
{
	switch (verdict) {
	case SMTPCODE_LISTED:
		return "listed";
	case SMTPCODE_ANY_COMMAND:
		return "any-command";
	case SMTPCODE_CONDITIONAL:
		return "conditional";
	case SMTPCODE_NOT_LISTED:
		return "not-listed";
	case SMTPCODE_CODE_UNKNOWN:
		return "code-unknown";
	case SMTPCODE_COMMAND_UNKNOWN:
		return "command-unknown";
	case SMTPCODE_BAD_ARGUMENT:
		return "bad-argument";
	}
	return NULL;
}

enum smtpcode_verdict
smtpcode_validate(enum smtpcode_standard std,
                  const struct smtpcode_command *command, int code,
                  struct smtpcode_validity *out)
{
	struct smtpcode_validity v = { SMTPCODE_BAD_ARGUMENT, SMTPCODE_ROLE_NONE, "", NULL };
	unsigned cell, row;

	if (!valid_standard(std) || !own_command(command) || code < 100 ||
	    code > 999) {
		if (out != NULL)
			*out = v;
		return v.verdict;
	}
	/* The generator decided every triple (sc_verdict); column 0 is any
	 * unregistered code. */
	cell = sc_verdict[std][command->id][sc_reply_by_number[code]];
	if (out == NULL)
		return (enum smtpcode_verdict)(cell & SC_VERDICT_MASK);
	v.verdict = (enum smtpcode_verdict)(cell & SC_VERDICT_MASK);
	row = cell >> SC_VERDICT_SHIFT;
	switch (v.verdict) {
	case SMTPCODE_LISTED:
		v.role = sc_listings[row].role;
		v.rule = sc_listings[row].source;
		break;
	case SMTPCODE_ANY_COMMAND:
		v.rule = sc_any_rules[row].source;
		break;
	case SMTPCODE_CONDITIONAL:
		v.rule = sc_cond_rules[row].source;
		v.condition = sc_cond_rules[row].condition;
		break;
	case SMTPCODE_CODE_UNKNOWN:
		v.rule = sc_codes_rule[std];
		break;
	case SMTPCODE_NOT_LISTED:
		/* An extension's replies are listed by its own RFC. */
		v.rule = command->extension ? command->sources[0] : sc_table_rule[std];
		break;
	case SMTPCODE_COMMAND_UNKNOWN:
	case SMTPCODE_BAD_ARGUMENT:
		v.rule = sc_table_rule[std];
		break;
	}
	*out = v;
	return v.verdict;
}

const struct smtpcode_listing *
smtpcode_listing_at(enum smtpcode_standard std,
                    const struct smtpcode_command *command, size_t i)
{
	size_t row, first, end;

	if (!valid_standard(std) || !own_command(command))
		return NULL;
	row = std * (sc_ncommands + 1) + command->id;
	first = sc_listing_start[row];
	end = sc_listing_start[row + 1];
	return i < end - first ? &sc_listings[first + i] : NULL;
}

/* The index of std's i-th row in a table grouped by standard whose groups
 * begin at start[std] (start[SMTPCODE_STD_COUNT] ends the last); -1 when
 * there is no such row. */
static long grouped_row(const unsigned char *start, enum smtpcode_standard std, size_t i)
{
	if (!valid_standard(std) || i >= (size_t)(start[std + 1] - start[std]))
		return -1;
	return (long)(start[std] + i);
}

const struct smtpcode_any_rule *
smtpcode_any_rule_at(enum smtpcode_standard std, size_t i)
{
	long row = grouped_row(sc_any_start, std, i);
	return row < 0 ? NULL : &sc_any_rules[row];
}

const struct smtpcode_conditional *
smtpcode_conditional_at(enum smtpcode_standard std, size_t i)
{
	long row = grouped_row(sc_cond_start, std, i);
	return row < 0 ? NULL : &sc_cond_rules[row];
}

const struct smtpcode_note *smtpcode_note_at(size_t i)
{
	return i < sc_nnotes ? &sc_notes[i] : NULL;
}

const struct smtpcode_meaning *smtpcode_meaning(const struct smtpcode_command *command,
                                                int code)
{
	/* a few dozen rows: a scan */
	for (size_t i = 0; command != NULL && i < sc_nmeanings; i++)
		if (sc_meanings[i].command == command && sc_meanings[i].reply->code == code)
			return &sc_meanings[i];
	return NULL;
}

const struct smtpcode_meaning *smtpcode_meaning_at(size_t i)
{
	return i < sc_nmeanings ? &sc_meanings[i] : NULL;
}
