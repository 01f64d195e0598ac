/* SPDX-License-Identifier: MIT */
/* render.c - the lookups' records, as text and as JSON: a reply code, a
 * verdict, an enhanced code, a pairing. A reply code's table entry is
 * written by json_reply_facts (json.c), as --export writes it.
 * Layer: under lookup.c; calls json.c, text.c and the library only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"
#include "json.h"
#include "lookup.h"
#include "render.h"
#include "text.h"

static const char *std_doc(enum smtpcode_standard std)
{
	return smtpcode_standard_info(std)->document;
}

/* The length of a source's "RFC N §S" before its remark in parentheses. */
static size_t section_len(const char *source)
{
	const char *p = strstr(source, " (");

	return p ? (size_t)(p - source) : strlen(source);
}

/* ---- JSON pieces ------------------------------------------------------ */

static void json_notes(FILE *f, int code, const struct smtpcode_command *cmd)
{
	const struct smtpcode_note *n;
	int first = 1;

	fputs("\"notes\":[", f);
	for (size_t i = 0; (n = smtpcode_note_at(i)) != NULL; i++) {
		if (n->code != code || (cmd && n->command && n->command != cmd))
			continue;
		fputs(first ? "{" : ",{", f);
		first = 0;
		json_member(f, "command", n->command ? n->command->name : NULL);
		putc(',', f);
		json_member(f, "text", n->text);
		putc(',', f);
		json_member(f, "source", n->source);
		putc('}', f);
	}
	putc(']', f);
}

/* The any-command rule of `std` for `code`, or NULL. */
static const struct smtpcode_any_rule *any_rule(enum smtpcode_standard std, int code)
{
	const struct smtpcode_any_rule *a;

	for (size_t i = 0; (a = smtpcode_any_rule_at(std, i)) != NULL; i++)
		if (a->reply->code == code)
			return a;
	return NULL;
}

/* A code as a JSON object: registered or not. */
void json_code(FILE *f, const struct opts *o, int code)
{
	const struct smtpcode_reply *r = smtpcode_reply(code);
	const struct smtpcode_digit *cl = smtpcode_class_in(o->std, code);
	const struct smtpcode_digit *ca = smtpcode_category(code);
	const struct smtpcode_command *c;
	const struct smtpcode_any_rule *any = any_rule(o->std, code);
	enum smtpcode_form form = smtpcode_code_form(code);
	int first = 1;

	fprintf(f, "{\"kind\":\"reply\",\"code\":%d,\"registered\":%s,", code, r ? "true" : "false");
	json_reply_facts(f, r); /* as --export writes it */
	fprintf(f, ",\"class\":%d,", code / 100);
	json_member(f, "class_name", cl ? cl->name : NULL);
	fprintf(f, ",\"category\":%d,", code / 10 % 10);
	json_member(f, "category_name", ca ? ca->name : NULL);
	fprintf(f, ",\"well_formed\":%s,", form == SMTPCODE_FORM_OK ? "true" : "false");
	json_member(f, "reason", form == SMTPCODE_FORM_OK ? NULL : smtpcode_form_reason(form));
	putc(',', f);
	json_member(f, "standard", smtpcode_standard_info(o->std)->id);
	fputs(",\"replies_to\":[", f);
	for (size_t i = 0; r && (c = smtpcode_command_at(i)) != NULL; i++) {
		struct smtpcode_validity v;
		if (smtpcode_validate(o->std, c, code, &v) != SMTPCODE_LISTED)
			continue;
		fputs(first ? "{" : ",{", f);
		first = 0;
		json_member(f, "command", c->name);
		putc(',', f);
		json_member(f, "role", smtpcode_role_name(v.role));
		putc(',', f);
		json_member(f, "source", v.rule);
		putc('}', f);
	}
	fprintf(f, "],\"any_command\":%s,", any ? "true" : "false");
	json_member(f, "any_command_rule", any ? any->source : NULL);
	putc(',', f);
	json_notes(f, code, NULL);
	putc('}', f);
}

enum smtpcode_judged judge_lookup(const struct opts *o, struct judged *jd,
                                  const struct smtpcode_reply_state *r,
                                  const struct smtpcode_command *cmd)
{
	jd->code = r->code;
	jd->cmd = cmd;
	return (enum smtpcode_judged)smtpcode_judge(o->std, cmd, r, &jd->j, jd->msg,
	                                            sizeof jd->msg);
}

enum smtpcode_judged judge_code(const struct opts *o, struct judged *jd, int code,
                                const struct smtpcode_ecode *e,
                                const struct smtpcode_command *cmd)
{
	struct smtpcode_reply_state r;

	memset(&r, 0, sizeof r);
	r.code = r.first_code = code;
	r.lines = 1;
	if (e != NULL) {
		r.has_ecode = 1;
		r.ecode = *e;
	}
	r.text = NULL; /* no text: a conditional code stays conditional */
	return judge_lookup(o, jd, &r, cmd);
}

/* Whether the judgement lets the code answer the command, whatever the
 * enhanced code says (as check's records' "valid"). */
static int judged_valid(const struct judged *jd)
{
	return smtpcode_verdict_valid(jd->j.table.verdict) &&
	       jd->j.evidence != SMTPCODE_EVIDENCE_NOT_SHOWN;
}

void json_validity(FILE *f, const struct opts *o, const struct judged *jd)
{
	const struct smtpcode_reply *r = smtpcode_reply(jd->code);
	const struct smtpcode_validity *v = &jd->j.table;

	fprintf(f, "{\"kind\":\"verdict\",\"code\":%d,", jd->code);
	json_member(f, "command", jd->cmd->name);
	putc(',', f);
	json_member(f, "standard", smtpcode_standard_info(o->std)->id);
	fprintf(f, ",\"valid\":%s,", judged_valid(jd) ? "true" : "false");
	json_member(f, "verdict", smtpcode_judged_name(jd->j.verdict));
	putc(',', f);
	json_member(f, "table", smtpcode_verdict_name(v->verdict));
	putc(',', f);
	json_member(f, "evidence", smtpcode_evidence_name(jd->j.evidence));
	putc(',', f);
	json_member(f, "message", jd->msg);
	putc(',', f);
	json_member(f, "role", smtpcode_role_name(v->role));
	putc(',', f);
	json_member(f, "rule", v->rule);
	putc(',', f);
	json_member(f, "condition", v->condition);
	putc(',', f);
	json_member(f, "text", r ? r->text : NULL);
	putc(',', f);
	{
		const struct smtpcode_meaning *m = smtpcode_meaning(jd->cmd, jd->code);
		fputs("\"meaning\":", f);
		if (m) {
			putc('{', f);
			json_member(f, "text", m->text);
			putc(',', f);
			json_member(f, "source", m->source);
			putc('}', f);
		} else {
			fputs("null", f);
		}
	}
	putc(',', f);
	json_notes(f, jd->code, jd->cmd);
	putc('}', f);
}

/* ---- Text pieces ------------------------------------------------------ */

static void print_notes(int code, const struct smtpcode_command *cmd)
{
	const struct smtpcode_note *n;

	for (size_t i = 0; (n = smtpcode_note_at(i)) != NULL; i++)
		if (n->code == code && (!cmd || !n->command || n->command == cmd))
			printf("note:        %s%s%s (%s)\n",
			       n->command ? n->command->name : "",
			       n->command ? ": " : "", n->text, n->source);
}

void print_code(const struct opts *o, int code)
{
	const struct smtpcode_reply *r = smtpcode_reply(code);
	const struct smtpcode_digit *cl = smtpcode_class_in(o->std, code);
	const struct smtpcode_digit *ca = smtpcode_category(code);
	const struct smtpcode_any_rule *any = any_rule(o->std, code);
	const struct smtpcode_command *c;
	enum smtpcode_form form = smtpcode_code_form(code);
	int n = 0;

	if (r) {
		printf("%s%d%s %s\n", colour_code(code), code, colour_end(), r->text);
		if (r->explanation)
			printf("    (%s)\n", r->explanation);
	} else {
		printf("%03d is not a registered reply code\n", code);
	}
	if (cl)
		printf("class:       %d %s\n", code / 100, cl->name);
	else
		printf("class:       %d (none)\n", code / 100);
	if (ca)
		printf("category:    %d %s\n", code / 10 % 10, ca->name);
	else
		printf("category:    %d (none)\n", code / 10 % 10);
	if (form != SMTPCODE_FORM_OK)
		printf("malformed:   %s\n", smtpcode_form_reason(form));
	if (!r) {
		if (form == SMTPCODE_FORM_OK)
			printf("unusual:     no standard defines it; a client interprets "
			       "it by its first digit (RFC 5321 §4.2)\n");
		return;
	}
	printf("status:      %s\n", status_name(r->status));
	fputs("defined by:  ", stdout);
	for (int s = 0; s < SMTPCODE_STD_COUNT; s++)
		if (r->standards & (1u << s))
			printf("%s%s", n++ ? ", " : "", std_doc((enum smtpcode_standard)s));
	if (n == 0)
		fputs("none of RFC 821, 2821, 5321's code lists", stdout);
	putchar('\n');
	fputs("sources:     ", stdout);
	for (size_t i = 0; i < r->nsources; i++)
		printf("%s%s", i ? "; " : "", r->sources[i]);
	putchar('\n');
	printf("replies to:  ");
	n = 0;
	/* the standard's own commands under its table, then each extension
	 * command under its own RFC's section */
	for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++)
		if (!c->extension && smtpcode_validate(o->std, c, code, NULL) == SMTPCODE_LISTED)
			printf("%s%s", n++ ? " " : "", c->name);
	if (n > 0)
		printf(" (%s %s)", std_doc(o->std), smtpcode_standard_info(o->std)->table_section);
	for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++) {
		struct smtpcode_validity v;
		if (c->extension && smtpcode_validate(o->std, c, code, &v) == SMTPCODE_LISTED)
			printf("%s%s (%.*s)", n++ ? "; " : "", c->name, (int)section_len(v.rule), v.rule);
	}
	if (n == 0)
		printf("no command in the %s table (%s %s)", std_doc(o->std), std_doc(o->std),
		       smtpcode_standard_info(o->std)->table_section);
	putchar('\n');
	if (any)
		printf("any command: yes: %s\n", any->source);
	print_notes(code, NULL);
}

/* Whether a conditional rule names cmd among its commands (those it
 * exempts, or those it is for). */
static int cond_names(const struct smtpcode_conditional *c, const struct smtpcode_command *cmd)
{
	for (size_t i = 0; i < c->ncommands; i++)
		if (c->commands[i] == cmd)
			return 1;
	return 0;
}

/* Calls fn for each code that `cmd` may get only under a condition, once
 * per code, with the verdict that says which condition; returns how many. */
int for_conditional(const struct opts *o, const struct smtpcode_command *cmd,
                    void (*fn)(int, const struct smtpcode_validity *, int, void *),
                    void *arg)
{
	const struct smtpcode_conditional *c;
	int n = 0;

	for (size_t i = 0; (c = smtpcode_conditional_at(o->std, i)) != NULL; i++) {
		struct smtpcode_validity v;
		if (smtpcode_validate(o->std, cmd, c->reply->code, &v) != SMTPCODE_CONDITIONAL ||
		    v.condition != c->condition)
			continue;
		fn(c->reply->code, &v, n++, arg);
	}
	return n;
}

static void print_code_only(int code, const struct smtpcode_validity *v, int n, void *arg)
{
	(void)v;
	(void)arg;
	printf("%s %d", n ? "" : "; conditionally:", code);
}

/* The replies a command's table lists, for "not valid" messages. */
static void print_listed_codes(const struct opts *o, const struct smtpcode_command *cmd)
{
	const struct smtpcode_listing *l;
	const struct smtpcode_any_rule *a;

	printf("%s may get:", cmd->name);
	for (size_t i = 0; (l = smtpcode_listing_at(o->std, cmd, i)) != NULL; i++)
		printf(" %d", l->reply->code);
	/* an extension command's replies are its own RFC's; the any-command
	 * codes the standard's */
	if (cmd->extension && cmd->nsources > 0)
		printf(" (%.*s); any command:", (int)section_len(cmd->sources[0]), cmd->sources[0]);
	for (size_t i = 0; (a = smtpcode_any_rule_at(o->std, i)) != NULL; i++)
		if (smtpcode_validate(o->std, cmd, a->reply->code, NULL) == SMTPCODE_ANY_COMMAND)
			printf(" %d", a->reply->code);
	printf(" (%s)", std_doc(o->std));
	for_conditional(o, cmd, print_code_only, NULL);
	putchar('\n');
}

/* For a code that is not valid for cmd: the conditional rules of the code
 * that leave cmd out (it is exempt, or the rule is for other commands), as
 * one "not-listed:" line; 0 when the code has none. */
static int print_left_out(const struct opts *o, int code, const struct smtpcode_command *cmd)
{
	const struct smtpcode_conditional *c;
	int n = 0;

	for (size_t i = 0; (c = smtpcode_conditional_at(o->std, i)) != NULL; i++) {
		if (c->reply->code != code)
			continue;
		if (n++)
			fputs("; ", stdout);
		else
			printf("%s%s%s: %d is not sent to %s: ", colour_tone(TONE_BAD),
			       smtpcode_judged_name(SMTPCODE_JUDGED_NOT_LISTED), colour_end(), code,
			       cmd->name);
		if (c->except && cond_names(c, cmd))
			printf("%s is exempt where %s, %s", cmd->name, c->condition, c->source);
		else if (c->except)
			printf("the rule where %s is for command lines, %s", c->condition, c->source);
		else {
			printf("only");
			for (size_t k = 0; k < c->ncommands; k++)
				printf(" %s", c->commands[k]->name);
			printf(" gets it, where %s, %s", c->condition, c->source);
		}
	}
	if (n)
		putchar('\n');
	return n;
}

static void print_code_text(int code, const struct smtpcode_command *cmd);

/* The verdict's lines: its name and message, as check prints them, and
 * for a code the table does not pair with cmd, what the command may get. */
void print_verdict(const struct opts *o, const struct judged *jd)
{
	const struct smtpcode_validity *v = &jd->j.table;
	enum colour_tone tone = TONE_BAD;

	if (jd->j.verdict == SMTPCODE_JUDGED_VALID)
		tone = TONE_GOOD;
	else if (jd->j.verdict == SMTPCODE_JUDGED_CONDITIONAL)
		tone = TONE_MAYBE;
	else if (jd->j.verdict == SMTPCODE_JUDGED_NOT_LISTED &&
	         jd->j.evidence == SMTPCODE_EVIDENCE_NONE &&
	         (v->verdict == SMTPCODE_NOT_LISTED || v->verdict == SMTPCODE_CODE_UNKNOWN) &&
	         print_left_out(o, jd->code, jd->cmd)) {
		/* a registered code that a conditional rule leaves cmd out of
		 * says which rule instead */
		if (v->verdict == SMTPCODE_NOT_LISTED)
			print_listed_codes(o, jd->cmd);
		return;
	}
	printf("%s%s%s: %s\n", colour_tone(tone), smtpcode_judged_name(jd->j.verdict), colour_end(),
	       jd->msg);
	if (jd->j.verdict == SMTPCODE_JUDGED_NOT_LISTED && v->verdict == SMTPCODE_NOT_LISTED)
		print_listed_codes(o, jd->cmd);
}

void print_validity(const struct opts *o, const struct judged *jd)
{
	print_verdict(o, jd);
	print_code_text(jd->code, jd->cmd);
	print_notes(jd->code, jd->cmd);
}

/* The code's text, or the meaning the command's RFC gives it. */
static void print_code_text(int code, const struct smtpcode_command *cmd)
{
	const struct smtpcode_reply *r = smtpcode_reply(code);

	if (r) {
		/* the command's RFC may give the code a meaning of its own */
		const struct smtpcode_meaning *m = smtpcode_meaning(cmd, code);
		if (m)
			printf("%s%d%s %s (to %s, %s)\n", colour_code(code), code, colour_end(),
			       m->text, cmd->name, m->source);
		else
			printf("%s%d%s %s\n", colour_code(code), code, colour_end(), r->text);
	}
}

/* ---- Enhanced status codes ------------------------------------------ */

/* The text of an enhanced code: "5.1.1", or "X.1.1" when cls is 0. */
void ecode_text(char *buf, size_t size, int cls, int subject, int detail)
{
	if (cls)
		snprintf(buf, size, "%d.%d.%d", cls, subject, detail);
	else
		snprintf(buf, size, "X.%d.%d", subject, detail);
}

/* An enhanced code as a JSON object; cls 0 stands for any class. */
void json_enhanced(FILE *f, int cls, int subject, int detail)
{
	const struct smtpcode_enhanced *e = smtpcode_enhanced(subject, detail);
	const struct smtpcode_digit *c = smtpcode_eclass(cls);
	const struct smtpcode_digit *sub = smtpcode_subject(subject);
	char text[16];

	ecode_text(text, sizeof text, cls, subject, detail);
	fputs("{\"kind\":\"enhanced\",", f);
	json_member(f, "code", text);
	fprintf(f, ",\"registered\":%s,", e ? "true" : "false");
	json_enhanced_facts(f, e); /* as --export writes it */
	if (cls)
		fprintf(f, ",\"class\":%d,", cls);
	else
		fputs(",\"class\":null,", f);
	json_member(f, "class_name", c ? c->name : NULL);
	fprintf(f, ",\"subject\":%d,", subject);
	json_member(f, "subject_name", sub ? sub->name : NULL);
	fprintf(f, ",\"detail\":%d}", detail);
}

/* An enhanced code's sample text, or what stands for none (X.6.10 has
 * none in the registry). */
const char *sample_text(const struct smtpcode_enhanced *e)
{
	return e->text[0] ? e->text : "(the registry gives no sample text)";
}

void print_enhanced(int cls, int subject, int detail)
{
	const struct smtpcode_enhanced *e = smtpcode_enhanced(subject, detail);
	const struct smtpcode_digit *c = smtpcode_eclass(cls);
	const struct smtpcode_digit *sub = smtpcode_subject(subject);
	char text[16];

	ecode_text(text, sizeof text, cls, subject, detail);
	if (e) {
		printf("%s %s\n", text, sample_text(e));
		printf("    %s\n", e->description);
	} else {
		printf("%s is not a registered enhanced status code\n", text);
	}
	if (c)
		printf("class:       %d %s\n", cls, c->name);
	if (sub)
		printf("subject:     %d %s\n", subject, sub->name);
	else
		printf("subject:     %d (none registered)\n", subject);
	printf("detail:      %d\n", detail);
	if (!e) {
		printf("unusual:     not in the IANA registry; a client reports the "
		       "class and subject when it does not know the detail (RFC 3463 §2)\n");
		return;
	}
	fputs("basic codes: ", stdout);
	for (size_t i = 0; i < e->nbasic; i++)
		printf("%s%s", i ? " " : "", e->basic[i]);
	puts(e->nbasic ? "" : "not given");
	fputs("sources:     ", stdout);
	for (size_t i = 0; i < e->nsources; i++)
		printf("%s%s", i ? "; " : "", e->sources[i]);
	putchar('\n');
}

/* One line of a list of enhanced codes. */
void print_enhanced_line(int cls, const struct smtpcode_enhanced *e)
{
	char text[16];

	ecode_text(text, sizeof text, cls, e->subject, e->detail);
	printf("%-7s  %s\n", text, sample_text(e));
}

/* CODE X.Y.Z [COMMAND]: the pairing, and the command's verdict if given. */
/* The pairing of a code and an enhanced code, in the words JSON uses
 * (smtpcode_pairing_name), after prefix; with sample, the registry's text
 * of an associated pair. */
void print_pairing(const char *prefix, int code, const struct smtpcode_ecode *e,
                   enum smtpcode_pairing pr, int sample)
{
	const struct smtpcode_enhanced *reg = smtpcode_enhanced(e->subject, e->detail);
	char etext[16];

	if (pr == SMTPCODE_PAIR_BAD_ARGUMENT)
		return;
	ecode_text(etext, sizeof etext, e->cls, e->subject, e->detail);
	printf("%s%s%s%s: ", prefix,
	       colour_tone(pr == SMTPCODE_PAIR_ASSOCIATED || pr == SMTPCODE_PAIR_NOT_ASSOCIATED ?
	                   TONE_GOOD : TONE_BAD),
	       smtpcode_pairing_name(pr), colour_end());
	switch (pr) {
	case SMTPCODE_PAIR_ASSOCIATED:
		if (sample)
			printf("the registry lists %d with X.%d.%d (%s), %s\n", code, e->subject,
			       e->detail, sample_text(reg), reg->sources[0]);
		else
			printf("the registry lists %d with X.%d.%d, %s\n", code, e->subject, e->detail,
			       reg->sources[0]);
		break;
	case SMTPCODE_PAIR_NOT_ASSOCIATED:
		printf("%d and %s agree in class; the registry does not list %d with X.%d.%d",
		       code, etext, code, e->subject, e->detail);
		if (sample)
			printf(" (%s)", sample_text(reg));
		puts(", which is informative, not an error");
		break;
	case SMTPCODE_PAIR_UNREGISTERED:
		printf("%s is not a registered enhanced status code; its class agrees with %d\n",
		       etext, code);
		break;
	default: /* SMTPCODE_PAIR_CLASS_MISMATCH */
		printf("%d is class %d but %s is class %d; they must agree (RFC 3463 §2, RFC 2034)\n",
		       code, code / 100, etext, e->cls);
		break;
	}
}
