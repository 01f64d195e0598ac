/* SPDX-License-Identifier: MIT */
/*
 * test-iterate.c - round trips over every generated entry: code -> record
 * -> code, text -> record -> text, name and alias -> command, listings and
 * any-command rules -> the verdict they promise, notes -> real records.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "smtpcode.h"
#include "tap.h"

/* Aliases typed in by hand (the list): each must name its command. */
static const struct { const char *alias, *command; } aliases[] = {
	{ "conn", "CONNECT" }, { "greeting", "CONNECT" }, { "banner", "CONNECT" },
	{ "eod", "end-of-data" }, { "data-end", "end-of-data" },
	{ "received-data", "end-of-data" }, { "end-of-message", "end-of-data" },
	{ ".", "end-of-data" }, { "GREETING", "CONNECT" }, { "Eod", "end-of-data" },
};
#define NALIASES (sizeof aliases / sizeof aliases[0])

int main(void)
{
	const size_t nrep = smtpcode_reply_count();
	const size_t ncmd = smtpcode_command_count();
	size_t nalias = 0, nlist = 0, nany = 0, nnote = 0, ncond = 0;
	const struct smtpcode_command *c;
	char text[16], lower[64];

	while (smtpcode_alias_at(nalias, NULL))
		nalias++;
	for (int s = 0; s < SMTPCODE_STD_COUNT; s++)
		for (size_t i = 0; i < ncmd; i++)
			for (size_t k = 0; smtpcode_listing_at((enum smtpcode_standard)s, smtpcode_command_at(i), k); k++)
				nlist++;
	for (int s = 0; s < SMTPCODE_STD_COUNT; s++)
		for (size_t k = 0; smtpcode_any_rule_at((enum smtpcode_standard)s, k); k++)
			nany++;
	while (smtpcode_note_at(nnote))
		nnote++;
	for (int s = 0; s < SMTPCODE_STD_COUNT; s++)
		for (size_t k = 0; smtpcode_conditional_at((enum smtpcode_standard)s, k); k++)
			ncond++;

	plan(nrep * 3 + ncmd * 3 + nalias + NALIASES + nlist + nany + nnote + ncond + 6);

	ok(nrep > 0 && ncmd > 0 && nalias > 0 && nlist > 0 && nany > 0 && nnote > 0,
	   "every table has entries");
	ok(smtpcode_reply_at(nrep) == NULL && smtpcode_command_at(ncmd) == NULL,
	   "iteration ends with NULL");

	for (size_t i = 0; i < nrep; i++) {
		const struct smtpcode_reply *r = smtpcode_reply_at(i);
		snprintf(text, sizeof text, "%d", r->code);
		ok(smtpcode_reply(r->code) == r, "%d: number -> record", r->code);
		ok(smtpcode_reply_from_text(text, strlen(text)) == r, "%d: text -> record", r->code);
		ok(i == 0 || smtpcode_reply_at(i - 1)->code < r->code, "%d: in numeric order", r->code);
	}

	for (size_t i = 0; i < ncmd; i++) {
		size_t n;
		c = smtpcode_command_at(i);
		n = strlen(c->name);
		for (size_t k = 0; k <= n && k < sizeof lower; k++)
			lower[k] = (char)tolower((unsigned char)c->name[k]);
		ok(c->id == i, "%s: id is its index", c->name);
		ok(smtpcode_command(c->name, n) == c, "%s: name -> command", c->name);
		ok(smtpcode_command(lower, n) == c, "%s: lower case '%s' -> command", c->name, lower);
	}

	for (size_t i = 0; i < nalias; i++) {
		const struct smtpcode_command *to = NULL;
		const char *a = smtpcode_alias_at(i, &to);
		ok(to != NULL && smtpcode_command(a, strlen(a)) == to,
		   "alias '%s' -> %s", a, to ? to->name : "(none)");
	}
	for (size_t i = 0; i < NALIASES; i++) {
		c = smtpcode_command(aliases[i].alias, strlen(aliases[i].alias));
		is_string(aliases[i].command, c ? c->name : NULL, "alias '%s' names %s",
		          aliases[i].alias, aliases[i].command);
	}

	for (int s = 0; s < SMTPCODE_STD_COUNT; s++) {
		const char *doc = smtpcode_standard_info((enum smtpcode_standard)s)->document;
		for (size_t i = 0; i < ncmd; i++) {
			const struct smtpcode_listing *l;
			c = smtpcode_command_at(i);
			for (size_t k = 0; (l = smtpcode_listing_at((enum smtpcode_standard)s, c, k)); k++) {
				struct smtpcode_validity v;
				smtpcode_validate((enum smtpcode_standard)s, c, l->reply->code, &v);
				ok(v.verdict == SMTPCODE_LISTED && v.role == l->role && v.rule == l->source,
				   "%s %s %d: listing -> listed, same role and source", doc, c->name, l->reply->code);
			}
		}
		for (size_t k = 0; smtpcode_any_rule_at((enum smtpcode_standard)s, k); k++) {
			const struct smtpcode_any_rule *a = smtpcode_any_rule_at((enum smtpcode_standard)s, k);
			const struct smtpcode_command *noop = smtpcode_command("NOOP", 4);
			enum smtpcode_verdict v = smtpcode_validate((enum smtpcode_standard)s, noop, a->reply->code, NULL);
			/* NOOP lists only 250 (and, in RFC 821, 500 and 421). */
			ok(smtpcode_verdict_valid(v), "%s any-command %d is valid for NOOP", doc, a->reply->code);
		}
	}

	/* Each conditional rule decides the verdict for some command. */
	for (int s = 0; s < SMTPCODE_STD_COUNT; s++) {
		const struct smtpcode_conditional *cr;
		for (size_t k = 0; (cr = smtpcode_conditional_at((enum smtpcode_standard)s, k)); k++) {
			int used = 0;
			for (size_t i = 0; i < ncmd && !used; i++) {
				struct smtpcode_validity v;
				smtpcode_validate((enum smtpcode_standard)s, smtpcode_command_at(i), cr->reply->code, &v);
				used = v.verdict == SMTPCODE_CONDITIONAL && v.condition == cr->condition && v.rule == cr->source;
			}
			ok(used, "%s conditional %d (%s) decides some verdict",
			   smtpcode_standard_info((enum smtpcode_standard)s)->document, cr->reply->code, cr->condition);
		}
	}

	for (size_t i = 0; i < nnote; i++) {
		const struct smtpcode_note *n = smtpcode_note_at(i);
		ok(smtpcode_reply(n->code) != NULL && n->text && n->source &&
		   strstr(n->source, "RFC ") != NULL &&
		   (n->command == NULL || smtpcode_command_at(n->command->id) == n->command),
		   "note %zu (%d %s) points at real records and names an RFC", i, n->code,
		   n->command ? n->command->name : "*");
	}

	ok(smtpcode_note_at(nnote) == NULL && smtpcode_alias_at(nalias, NULL) == NULL,
	   "notes and aliases end with NULL");
	ok(smtpcode_standard_info(SMTPCODE_STD_RFC5321) ==
	   smtpcode_standard_by_name("rfc5321", 7), "rfc5321 round trip");
	ok(smtpcode_standard_info(SMTPCODE_STD_RFC821) ==
	   smtpcode_standard_by_name(smtpcode_standard_info(SMTPCODE_STD_RFC821)->id, 6),
	   "rfc821 round trip");
	ok(SMTPCODE_STD_DEFAULT == SMTPCODE_STD_RFC5321, "the default standard is RFC 5321");
	return 0;
}
