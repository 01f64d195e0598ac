/* SPDX-License-Identifier: MIT */
/*
 * export.c - smtpcode --export=json|csv: the whole reference, for other
 * tools and languages: enough to decide every verdict without the library.
 * Schema version 4 (man smtpcode(1), EXPORT: since 4 the lookups' verdict
 * objects name check's verdict in "verdict" and the table's in "table"; a
 * code's and a command's standards are "defined_by", as in the lookups'
 * JSON, since 3):
 *
 * JSON: one object {"schema": "smtpcode-export", "schema_version": 4,
 * "smtpcode_version", "standards", "codes", "enhanced", "commands",
 * "matrix", "any_command", "conditional", "meanings", "notes"}, each list
 * an array of objects; a conditional rule carries "except" and "commands"
 * (every command line but those, or only those) and "evidence".
 *
 * CSV (RFC 4180, UTF-8, a header line): one row per record with the
 * columns kind, standard, command, code, role, status, text, description,
 * basic, condition, sources, evidence; kind is standard, code, enhanced,
 * command, alias, listing, any-command, conditional, meaning or note, and
 * a column a kind does not use is empty. A conditional row's command is
 * "* except NAME ..." or the one command it is for. Lists inside a cell
 * are joined with "; ".
 *
 * Everything comes from the library's iteration functions: nothing here
 * knows a code.
 *
 * Layer: under smtpcode.c; calls json.c, text.c and the library only.
 */
#include <string.h>

#include "smtpcode.h"
#include "export.h"
#include "json.h"
#include "text.h"

#define SCHEMA_VERSION 4

static const char *const csv_columns[] = {
	"kind", "standard", "command", "code", "role", "status", "text",
	"description", "basic", "condition", "sources", "evidence"
};
enum { C_KIND, C_STD, C_CMD, C_CODE, C_ROLE, C_STATUS, C_TEXT, C_DESC, C_BASIC,
       C_COND, C_SOURCES, C_EVIDENCE, C_COUNT };

/* One CSV field: quoted when it holds a comma, a quote or a line end. */
static void csv_field(FILE *f, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

static void csv_row(FILE *f, const char *const cell[C_COUNT])
{
	for (int i = 0; i < C_COUNT; i++) {
		if (i)
			putc(',', f);
		csv_field(f, cell[i]);
	}
	fputs("\r\n", f);
}

/* Joins v[0..n) with "; " into buf (cut at its size). */
static const char *joined(char *buf, size_t size, const char *const *v, size_t n)
{
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && at < size; i++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s", i ? "; " : "", v[i]);
	return buf;
}

/* The ids of the standards in mask, space-separated. */
static const char *std_ids(char *buf, size_t size, unsigned mask)
{
	size_t at = 0;

	buf[0] = '\0';
	for (int s = 0; s < SMTPCODE_STD_COUNT && at < size; s++)
		if (mask & (1u << s))
			at += (size_t)snprintf(buf + at, size - at, "%s%s", at ? " " : "",
			                       smtpcode_standard_info((enum smtpcode_standard)s)->id);
	return buf;
}

/* Calls back once per listing, any-command rule and conditional rule of
 * every standard, so that both formats walk the tables the same way. */
struct rule {
	const char *kind;     /* "listing", "any-command", "conditional" */
	const struct smtpcode_standard_info *std;
	const struct smtpcode_command *command;   /* listings only */
	int code;
	const char *role;     /* listings only */
	const char *condition;
	int pseudo_too;       /* any-command only */
	const char *source;
	const struct smtpcode_conditional *cond; /* conditional only */
};

static void each_rule(void (*fn)(const struct rule *, void *), void *arg)
{
	for (int s = 0; s < SMTPCODE_STD_COUNT; s++) {
		enum smtpcode_standard std = (enum smtpcode_standard)s;
		const struct smtpcode_command *c;
		const struct smtpcode_listing *l;
		const struct smtpcode_any_rule *a;
		const struct smtpcode_conditional *cd;
		struct rule r;

		for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++)
			for (size_t k = 0; (l = smtpcode_listing_at(std, c, k)) != NULL; k++) {
				r = (struct rule){ "listing", smtpcode_standard_info(std), c,
				                   l->reply->code, smtpcode_role_name(l->role), NULL, 0,
				                   l->source, NULL };
				fn(&r, arg);
			}
		for (size_t i = 0; (a = smtpcode_any_rule_at(std, i)) != NULL; i++) {
			r = (struct rule){ "any-command", smtpcode_standard_info(std), NULL,
			                   a->reply->code, NULL, NULL, a->pseudo_too, a->source, NULL };
			fn(&r, arg);
		}
		for (size_t i = 0; (cd = smtpcode_conditional_at(std, i)) != NULL; i++) {
			r = (struct rule){ "conditional", smtpcode_standard_info(std), NULL,
			                   cd->reply->code, NULL, cd->condition, 0, cd->source, cd };
			fn(&r, arg);
		}
	}
}

/* ---- JSON --------------------------------------------------------------- */

struct json_rules {
	const char *kind;
	int n;
};

static void json_rule(const struct rule *r, void *arg)
{
	struct json_rules *jr = arg;

	if (strcmp(r->kind, jr->kind) != 0)
		return;
	fputs(jr->n++ ? ",\n  {" : "\n  {", stdout);
	json_member(stdout, "standard", r->std->id);
	if (r->command) {
		putchar(',');
		json_member(stdout, "command", r->command->name);
	}
	printf(",\"code\":%d", r->code);
	if (r->role) {
		putchar(',');
		json_member(stdout, "role", r->role);
	}
	if (strcmp(r->kind, "any-command") == 0)
		printf(",\"pseudo_too\":%s", r->pseudo_too ? "true" : "false");
	if (r->condition) {
		putchar(',');
		json_member(stdout, "condition", r->condition);
	}
	if (r->cond) {
		printf(",\"except\":%s,\"commands\":[", r->cond->except ? "true" : "false");
		for (size_t i = 0; i < r->cond->ncommands; i++) {
			if (i)
				putchar(',');
			json_string(stdout, r->cond->commands[i]->name);
		}
		fputs("],\"evidence\":", stdout);
		json_strings(stdout, r->cond->evidence, r->cond->nevidence);
	}
	putchar(',');
	json_member(stdout, "source", r->source);
	putchar('}');
}

static void json_rules(const char *name, const char *kind)
{
	struct json_rules jr = { kind, 0 };

	printf(",\n\"%s\": [", name);
	each_rule(json_rule, &jr);
	fputs("\n]", stdout);
}

/* "meanings" and "notes", and the end of the document. */
static void export_json_tail(void)
{
	const struct smtpcode_meaning *m;
	const struct smtpcode_note *n;

	fputs(",\n\"meanings\": [", stdout);
	for (size_t i = 0; (m = smtpcode_meaning_at(i)) != NULL; i++) {
		fputs(i ? ",\n  {" : "\n  {", stdout);
		json_member(stdout, "command", m->command->name);
		printf(",\"code\":%d,", m->reply->code);
		json_member(stdout, "text", m->text);
		putchar(',');
		json_member(stdout, "source", m->source);
		putchar('}');
	}
	fputs("\n],\n\"notes\": [", stdout);
	for (size_t i = 0; (n = smtpcode_note_at(i)) != NULL; i++) {
		printf("%s{\"code\":%d,", i ? ",\n  " : "\n  ", n->code);
		json_member(stdout, "command", n->command ? n->command->name : NULL);
		putchar(',');
		json_member(stdout, "text", n->text);
		putchar(',');
		json_member(stdout, "source", n->source);
		putchar('}');
	}
	fputs("\n]\n}\n", stdout);
}

static void export_json(void)
{
	const struct smtpcode_reply *r;
	const struct smtpcode_enhanced *e;
	const struct smtpcode_command *c, *to;
	const char *alias;

	printf("{\"schema\":\"smtpcode-export\",\"schema_version\":%d,", SCHEMA_VERSION);
	json_member(stdout, "smtpcode_version", smtpcode_version());
	fputs(",\n\"standards\": [", stdout);
	for (int s = 0; s < SMTPCODE_STD_COUNT; s++) {
		const struct smtpcode_standard_info *si =
			smtpcode_standard_info((enum smtpcode_standard)s);
		fputs(s ? ",\n  {" : "\n  {", stdout);
		json_member(stdout, "id", si->id);
		putchar(',');
		json_member(stdout, "document", si->document);
		printf(",\"year\":%d,", si->year);
		json_member(stdout, "table_section", si->table_section);
		putchar(',');
		json_member(stdout, "codes_section", si->codes_section);
		putchar(',');
		json_member(stdout, "source", si->source);
		putchar('}');
	}
	fputs("\n],\n\"codes\": [", stdout);
	for (size_t i = 0; (r = smtpcode_reply_at(i)) != NULL; i++) {
		printf("%s{\"code\":%d,", i ? ",\n  " : "\n  ", r->code);
		json_reply_facts(stdout, r);
		putchar('}');
	}
	fputs("\n],\n\"enhanced\": [", stdout);
	for (size_t i = 0; (e = smtpcode_enhanced_at(i)) != NULL; i++) {
		printf("%s{\"code\":\"X.%d.%d\",\"subject\":%d,\"detail\":%d,", i ? ",\n  " : "\n  ",
		       e->subject, e->detail, e->subject, e->detail);
		json_enhanced_facts(stdout, e);
		putchar('}');
	}
	fputs("\n],\n\"commands\": [", stdout);
	for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++) {
		int n = 0;
		fputs(i ? ",\n  {" : "\n  {", stdout);
		json_member(stdout, "name", c->name);
		putchar(',');
		json_member(stdout, "description", c->description);
		printf(",\"pseudo\":%s,\"extension\":%s,\"defined_by\":", c->pseudo ? "true" : "false",
		       c->extension ? "true" : "false");
		json_std_ids(stdout, c->standards);
		fputs(",\"aliases\":[", stdout);
		for (size_t k = 0; (alias = smtpcode_alias_at(k, &to)) != NULL; k++)
			if (to == c) {
				if (n++)
					putchar(',');
				json_string(stdout, alias);
			}
		fputs("],\"sources\":", stdout);
		json_strings(stdout, c->sources, c->nsources);
		putchar('}');
	}
	fputs("\n]", stdout);
	json_rules("matrix", "listing");
	json_rules("any_command", "any-command");
	json_rules("conditional", "conditional");
	export_json_tail();
}

/* ---- CSV ---------------------------------------------------------------- */

static void csv_rule(const struct rule *r, void *arg)
{
	const char *cell[C_COUNT] = { 0 };
	char code[8];

	(void)arg;
	snprintf(code, sizeof code, "%d", r->code);
	cell[C_KIND] = r->kind;
	cell[C_STD] = r->std->id;
	cell[C_CMD] = r->command ? r->command->name : NULL;
	cell[C_CODE] = code;
	cell[C_ROLE] = r->role;
	if (strcmp(r->kind, "any-command") == 0)
		cell[C_COND] = r->pseudo_too ? "any command, CONNECT and end-of-data too"
		                             : "any command sent (not CONNECT or end-of-data)";
	else
		cell[C_COND] = r->condition;
	cell[C_SOURCES] = r->source;
	if (r->cond) {
		/* "* except NAME ..." or the one command; the evidence words */
		const struct smtpcode_conditional *cd = r->cond;
		static char cmds[512], words[512];
		size_t at = 0;
		cmds[0] = '\0';
		if (cd->except)
			at = (size_t)snprintf(cmds, sizeof cmds, "* except");
		for (size_t i = 0; i < cd->ncommands && at < sizeof cmds; i++)
			at += (size_t)snprintf(cmds + at, sizeof cmds - at, "%s%s", at ? " " : "",
			                       cd->commands[i]->name);
		cell[C_CMD] = cmds;
		cell[C_EVIDENCE] = joined(words, sizeof words, cd->evidence, cd->nevidence);
	}
	csv_row(stdout, cell);
}

/* The meaning and note rows. */
static void export_csv_tail(void)
{
	const struct smtpcode_meaning *m;
	const struct smtpcode_note *nt;
	char code[16];

	for (size_t i = 0; (m = smtpcode_meaning_at(i)) != NULL; i++) {
		const char *cell[C_COUNT] = { 0 };
		snprintf(code, sizeof code, "%d", m->reply->code);
		cell[C_KIND] = "meaning";
		cell[C_CMD] = m->command->name;
		cell[C_CODE] = code;
		cell[C_TEXT] = m->text;
		cell[C_SOURCES] = m->source;
		csv_row(stdout, cell);
	}
	for (size_t i = 0; (nt = smtpcode_note_at(i)) != NULL; i++) {
		const char *cell[C_COUNT] = { 0 };
		snprintf(code, sizeof code, "%d", nt->code);
		cell[C_KIND] = "note";
		cell[C_CMD] = nt->command ? nt->command->name : NULL;
		cell[C_CODE] = code;
		cell[C_TEXT] = nt->text;
		cell[C_SOURCES] = nt->source;
		csv_row(stdout, cell);
	}
}

static void export_csv(void)
{
	const struct smtpcode_reply *r;
	const struct smtpcode_enhanced *e;
	const struct smtpcode_command *c, *to;
	const char *alias;
	char code[16], stds[64], sources[1024], basic[256];

	csv_row(stdout, csv_columns);
	for (int s = 0; s < SMTPCODE_STD_COUNT; s++) {
		const struct smtpcode_standard_info *si =
			smtpcode_standard_info((enum smtpcode_standard)s);
		const char *cell[C_COUNT] = { 0 };
		char year[8];
		snprintf(year, sizeof year, "%d", si->year);
		cell[C_KIND] = "standard";
		cell[C_STD] = si->id;
		cell[C_TEXT] = si->document;
		cell[C_DESC] = year;
		cell[C_SOURCES] = si->source;
		csv_row(stdout, cell);
	}
	for (size_t i = 0; (r = smtpcode_reply_at(i)) != NULL; i++) {
		const char *cell[C_COUNT] = { 0 };
		snprintf(code, sizeof code, "%d", r->code);
		cell[C_KIND] = "code";
		cell[C_STD] = std_ids(stds, sizeof stds, r->standards);
		cell[C_CODE] = code;
		cell[C_STATUS] = status_name(r->status);
		cell[C_TEXT] = r->text;
		cell[C_DESC] = r->explanation;
		cell[C_SOURCES] = joined(sources, sizeof sources, r->sources, r->nsources);
		csv_row(stdout, cell);
	}
	for (size_t i = 0; (e = smtpcode_enhanced_at(i)) != NULL; i++) {
		const char *cell[C_COUNT] = { 0 };
		snprintf(code, sizeof code, "X.%d.%d", e->subject, e->detail);
		cell[C_KIND] = "enhanced";
		cell[C_CODE] = code;
		cell[C_TEXT] = e->text;
		cell[C_DESC] = e->description;
		cell[C_BASIC] = joined(basic, sizeof basic, e->basic, e->nbasic);
		cell[C_SOURCES] = joined(sources, sizeof sources, e->sources, e->nsources);
		csv_row(stdout, cell);
	}
	for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++) {
		const char *cell[C_COUNT] = { 0 };
		cell[C_KIND] = "command";
		cell[C_STD] = std_ids(stds, sizeof stds, c->standards);
		cell[C_CMD] = c->name;
		cell[C_STATUS] = c->pseudo ? "pseudo" : c->extension ? "extension" : "command";
		cell[C_DESC] = c->description;
		cell[C_SOURCES] = joined(sources, sizeof sources, c->sources, c->nsources);
		csv_row(stdout, cell);
	}
	for (size_t k = 0; (alias = smtpcode_alias_at(k, &to)) != NULL; k++) {
		const char *cell[C_COUNT] = { 0 };
		cell[C_KIND] = "alias";
		cell[C_CMD] = to->name;
		cell[C_TEXT] = alias;
		csv_row(stdout, cell);
	}
	each_rule(csv_rule, NULL);
	export_csv_tail();
}

int export_main(const char *format)
{
	if (strcmp(format, "json") == 0)
		export_json();
	else if (strcmp(format, "csv") == 0)
		export_csv();
	else
		return bad_input(format, "unknown export format (json or csv)");
	return EXIT_YES;
}
