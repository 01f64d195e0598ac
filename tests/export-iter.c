/* SPDX-License-Identifier: MIT */
/* export-iter.c - prints what the library's iteration functions give, one
 * tab-separated record per line, for tests/export.test to hold the export
 * against. Not a TAP test itself. */
#include <stdio.h>

#include "smtpcode.h"

int main(void)
{
	const struct smtpcode_reply *r;
	const struct smtpcode_enhanced *e;
	const struct smtpcode_command *c, *to;
	const char *a;

	for (size_t i = 0; (r = smtpcode_reply_at(i)) != NULL; i++)
		printf("code\t%d\t%s\t%zu\n", r->code, r->text, r->nsources);
	for (size_t i = 0; (e = smtpcode_enhanced_at(i)) != NULL; i++)
		printf("enhanced\tX.%d.%d\t%s\t%zu\n", e->subject, e->detail, e->text, e->nbasic);
	for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++)
		printf("command\t%s\t%d\t%d\n", c->name, c->pseudo, c->extension);
	for (size_t i = 0; (a = smtpcode_alias_at(i, &to)) != NULL; i++)
		printf("alias\t%s\t%s\n", a, to->name);
	for (int s = 0; s < SMTPCODE_STD_COUNT; s++) {
		enum smtpcode_standard std = (enum smtpcode_standard)s;
		const char *id = smtpcode_standard_info(std)->id;
		const struct smtpcode_listing *l;
		const struct smtpcode_any_rule *ar;
		const struct smtpcode_conditional *cd;
		for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++)
			for (size_t k = 0; (l = smtpcode_listing_at(std, c, k)) != NULL; k++)
				printf("listing\t%s\t%s\t%d\t%s\t%s\n", id, c->name, l->reply->code,
				       smtpcode_role_name(l->role), l->source);
		for (size_t i = 0; (ar = smtpcode_any_rule_at(std, i)) != NULL; i++)
			printf("any\t%s\t%d\t%s\n", id, ar->reply->code, ar->source);
		for (size_t i = 0; (cd = smtpcode_conditional_at(std, i)) != NULL; i++)
			printf("cond\t%s\t%d\t%s\t%s\n", id, cd->reply->code, cd->condition, cd->source);
		/* every verdict, for the export test to recompute */
		for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++)
			for (size_t k = 0; (r = smtpcode_reply_at(k)) != NULL; k++) {
				struct smtpcode_validity v;
				smtpcode_validate(std, c, r->code, &v);
				printf("verdict\t%s\t%s\t%d\t%s\t%s\n", id, c->name, r->code,
				       smtpcode_verdict_name(v.verdict), v.condition ? v.condition : "");
			}
	}
	{
		const struct smtpcode_meaning *m;
		for (size_t i = 0; (m = smtpcode_meaning_at(i)) != NULL; i++)
			printf("meaning\t%s\t%d\t%s\t%s\n", m->command->name, m->reply->code, m->text,
			       m->source);
	}
	return 0;
}
