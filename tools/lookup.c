/* SPDX-License-Identifier: MIT */
/* lookup.c - the lookup modes: a code, a code and a command, an enhanced
 * code, a pairing, a pasted reply, patterns, lists, searches and lookups
 * read from standard input. Each mode reads its arguments and calls the
 * renderers of render.c.
 * Layer: above render.c, under smtpcode.c; calls render.c, json.c,
 * text.c and the library only. */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it: getline */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"
#include "json.h"
#include "lookup.h"
#include "render.h"
#include "text.h"

/* ---- Modes ------------------------------------------------------------ */

/* Whether `s` is a pattern: three characters, digits or x/X, at least one x. */
static int is_pattern(const char *s)
{
	int x = 0;

	if (strlen(s) != 3)
		return 0;
	for (int i = 0; i < 3; i++) {
		if (s[i] == 'x' || s[i] == 'X')
			x = 1;
		else if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	return x;
}

static int lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether `hay` (NULL: none) contains `needle` (not empty), ignoring
 * ASCII case. */
static int contains(const char *hay, const char *needle)
{
	size_t k = strlen(needle);

	for (; hay != NULL && *hay != '\0'; hay++) {
		size_t j = 0;
		while (j < k && hay[j] != '\0' &&
		       lower_ascii((unsigned char)hay[j]) == lower_ascii((unsigned char)needle[j]))
			j++;
		if (j == k)
			return 1;
	}
	return 0;
}


/* Prints the codes that `keep` accepts, within a JSON list (when --json)
 * that the caller opens and closes; returns the number printed. */
/* How many extension commands the standard lists code for; with `print`,
 * their names too, each after a space. */
static int extension_listings(const struct opts *o, int code, int print)
{
	const struct smtpcode_command *c;
	int n = 0;

	for (size_t k = 0; (c = smtpcode_command_at(k)) != NULL; k++)
		if (c->extension && smtpcode_validate(o->std, c, code, NULL) == SMTPCODE_LISTED) {
			n++;
			if (print)
				printf(" %s", c->name);
		}
	return n;
}

static size_t list_codes(const struct opts *o,
                         int (*keep)(const struct smtpcode_reply *, void *),
                         void *arg)
{
	const struct smtpcode_reply *r;
	size_t n = 0;

	for (size_t i = 0; (r = smtpcode_reply_at(i)) != NULL; i++) {
		int ext = 0;
		if (keep && !keep(r, arg))
			continue;
		/* under a named standard: its own codes, and those its extension
		 * commands list, marked */
		if (o->std_given && !(r->standards & (1u << o->std)) &&
		    (ext = extension_listings(o, r->code, 0)) == 0)
			continue;
		if (o->json) {
			if (n)
				putchar(',');
			json_code(stdout, o, r->code);
		} else {
			printf("%d  %s", r->code, r->text);
			if (r->status != SMTPCODE_STATUS_STANDARD)
				printf("  [%s]", r->status == SMTPCODE_STATUS_HISTORIC ? "historic"
				                                                      : "non-standard");
			if (ext) {
				fputs("  [extension:", stdout);
				extension_listings(o, r->code, 1);
				putchar(']');
			}
			putchar('\n');
		}
		n++;
	}
	return n;
}

/* Prints the registry entries that `keep` accepts, as class `cls` (0: any
 * class); within a JSON list already holding `n` items. Returns the number
 * printed. */
static size_t list_enhanced(const struct opts *o, int cls,
                            int (*keep)(const struct smtpcode_enhanced *, void *),
                            void *arg, size_t n)
{
	const struct smtpcode_enhanced *e;
	size_t k = 0;

	for (size_t i = 0; (e = smtpcode_enhanced_at(i)) != NULL; i++) {
		if (keep && !keep(e, arg))
			continue;
		if (o->json) {
			if (n + k)
				putchar(',');
			json_enhanced(stdout, cls, e->subject, e->detail);
		} else {
			print_enhanced_line(cls, e);
		}
		k++;
	}
	return k;
}

static int keep_pattern(const struct smtpcode_reply *r, void *arg)
{
	return code_matches(r->code, arg);
}

struct words {
	char **v;
	int n;
};

/* Whether every word of w is in a or in b. */
static int every_word(const struct words *w, const char *a, const char *b)
{
	for (int i = 0; i < w->n; i++)
		if (!contains(a, w->v[i]) && !contains(b, w->v[i]))
			return 0;
	return 1;
}

static int keep_words(const struct smtpcode_reply *r, void *arg)
{
	return every_word(arg, r->text, r->explanation);
}

static void print_conditional_line(int code, const struct smtpcode_validity *v, int n, void *arg)
{
	(void)n;
	(void)arg;
	printf("  %d  %-12s  only when %s (%s)\n", code, "conditional", v->condition, v->rule);
}

struct json_list {
	const struct opts *o;
	const struct smtpcode_command *cmd;
	int *n;
};

static void json_conditional_item(int code, const struct smtpcode_validity *v, int n, void *arg)
{
	const struct json_list *l = arg;
	struct judged jd;
	(void)n;
	(void)v;
	if ((*l->n)++)
		putchar(',');
	judge_code(l->o, &jd, code, NULL, l->cmd);
	json_validity(stdout, l->o, &jd);
}

static int keep_ewords(const struct smtpcode_enhanced *e, void *arg)
{
	return every_word(arg, e->text, e->description);
}

/* An enhanced-code pattern: three dot-separated parts, each x or a number. */
struct epattern {
	int cls, subject, detail; /* -1 for x */
};

static int keep_epattern(const struct smtpcode_enhanced *e, void *arg)
{
	const struct epattern *p = arg;

	return (p->subject < 0 || p->subject == e->subject) &&
	       (p->detail < 0 || p->detail == e->detail);
}

/* Whether arg looks like an enhanced code or pattern: it starts with a
 * digit or x and has a dot. */
static int looks_enhanced(const char *arg)
{
	return (arg[0] >= '0' && arg[0] <= '9' ? 1 : arg[0] == 'x' || arg[0] == 'X') &&
	       strchr(arg, '.') != NULL;
}

static void json_open(const struct opts *o)
{
	if (o->json)
		putchar('[');
}

static void json_close(const struct opts *o)
{
	if (o->json)
		puts("]");
}

/* Parses "5.1.x", "x.7.x", "X.1.1" into *p; returns 1 when arg is such a
 * pattern (at least one x, the numbers well-formed, the class 2, 4, 5 or x). */
static int parse_epattern(const char *arg, struct epattern *p)
{
	int *part[3] = { &p->cls, &p->subject, &p->detail };
	const char *s = arg;
	int x = 0;

	for (int k = 0; k < 3; k++) {
		if (*s == 'x' || *s == 'X') {
			*part[k] = -1;
			x = 1;
			s++;
		} else {
			int v = 0, n = 0;
			if (*s == '0' && s[1] >= '0' && s[1] <= '9')
				return 0;
			while (*s >= '0' && *s <= '9' && n < 4)
				v = v * 10 + (*s++ - '0'), n++;
			if (n == 0 || n > 3)
				return 0;
			*part[k] = v;
		}
		if (k < 2 && *s++ != '.')
			return 0;
	}
	if (*s != '\0' || !x)
		return 0;
	return p->cls < 0 || p->cls == 2 || p->cls == 4 || p->cls == 5;
}

static int do_enhanced(const struct opts *o, const char *arg)
{
	struct smtpcode_ecode e;
	struct epattern p;
	enum smtpcode_eform form;

	if (parse_epattern(arg, &p)) {
		size_t n;
		json_open(o);
		n = list_enhanced(o, p.cls < 0 ? 0 : p.cls, keep_epattern, &p, 0);
		json_close(o);
		if (n == 0) {
			fprintf(stderr, "%s: no registered enhanced code matches %s\n", progname, arg);
			return EXIT_NO;
		}
		return EXIT_YES;
	}
	form = smtpcode_ecode_parse(arg, strlen(arg), &e);
	if (form != SMTPCODE_EFORM_OK)
		return bad_input(arg, smtpcode_eform_reason(form));
	if (o->json) {
		json_enhanced(stdout, e.cls, e.subject, e.detail);
		putchar('\n');
	} else {
		print_enhanced(e.cls, e.subject, e.detail);
	}
	return smtpcode_enhanced(e.subject, e.detail) ? EXIT_YES : EXIT_NO;
}

static int do_pair(const struct opts *o, const char *code_arg, const char *e_arg,
                   const char *cmd_arg)
{
	int code = smtpcode_parse_code(code_arg, strlen(code_arg));
	const struct smtpcode_command *cmd = NULL;
	const struct smtpcode_reply *r;
	const struct smtpcode_enhanced *reg;
	struct judged jd;
	struct smtpcode_ecode e;
	enum smtpcode_eform form;
	enum smtpcode_pairing pr;
	char etext[16];
	int good;

	if (code < 0)
		return bad_input(code_arg, "not a reply code (three digits, such as 550)");
	form = smtpcode_ecode_parse(e_arg, strlen(e_arg), &e);
	if (form != SMTPCODE_EFORM_OK)
		return bad_input(e_arg, smtpcode_eform_reason(form));
	if (cmd_arg && (cmd = smtpcode_command(cmd_arg, strlen(cmd_arg))) == NULL)
		return bad_input(cmd_arg, "unknown command");
	r = smtpcode_reply(code);
	reg = smtpcode_enhanced(e.subject, e.detail);
	pr = smtpcode_pair(code, &e);
	ecode_text(etext, sizeof etext, e.cls, e.subject, e.detail);
	good = r && (pr == SMTPCODE_PAIR_ASSOCIATED || pr == SMTPCODE_PAIR_NOT_ASSOCIATED);
	if (cmd) { /* the code, enhanced code and command as check judges them */
		judge_code(o, &jd, code, &e, cmd);
		good = good && !smtpcode_judged_problem(jd.j.verdict);
	}
	if (o->json) {
		printf("{\"kind\":\"pairing\",\"code\":%d,", code);
		json_member(stdout, "enhanced", etext);
		putchar(',');
		json_member(stdout, "pairing", smtpcode_pairing_name(pr));
		printf(",\"registered_code\":%s,\"registered_enhanced\":%s,\"valid\":%s,",
		       r ? "true" : "false", reg ? "true" : "false", good ? "true" : "false");
		json_member(stdout, "enhanced_text", reg ? reg->text : NULL);
		fputs(",\"basic\":", stdout);
		json_strings(stdout, reg ? reg->basic : NULL, reg ? reg->nbasic : 0);
		fputs(",\"command\":", stdout);
		if (cmd)
			json_validity(stdout, o, &jd);
		else
			fputs("null", stdout);
		puts("}");
		return good ? EXIT_YES : EXIT_NO;
	}
	print_pairing("", code, &e, pr, 1);
	/* with a command, its verdict's line says what is wrong */
	if (!r && !cmd)
		printf("%s%s%s: %03d is not a registered reply code\n", colour_tone(TONE_BAD),
		       smtpcode_judged_name(smtpcode_code_form(code) == SMTPCODE_FORM_OK
		                                    ? SMTPCODE_JUDGED_UNREGISTERED_CODE
		                                    : SMTPCODE_JUDGED_MALFORMED_CODE),
		       colour_end(), code);
	if (cmd)
		print_validity(o, &jd);
	return good ? EXIT_YES : EXIT_NO;
}

/* A code's text in reply to cmd: the meaning the command's RFC gives it
 * (ETRN's 251, RFC 1985 §5.1), as "smtpcode CODE COMMAND" shows it, or
 * the code's own. */
static const char *text_for(const struct smtpcode_command *cmd, const struct smtpcode_reply *r)
{
	const struct smtpcode_meaning *m = smtpcode_meaning(cmd, r->code);

	return m ? m->text : r->text;
}

int do_command(const struct opts *o, const char *name)
{
	const struct smtpcode_command *cmd = smtpcode_command(name, strlen(name));
	const struct smtpcode_listing *l;
	const struct smtpcode_any_rule *a;
	const struct smtpcode_standard_info *si = smtpcode_standard_info(o->std);
	int n = 0;

	if (cmd == NULL)
		return bad_input(name, "unknown command");
	if (!(cmd->standards & (1u << o->std))) {
		fprintf(stderr, "%s: %s is not an %s command (%s %s)\n", progname,
		        cmd->name, si->document, si->document, si->table_section);
		if (o->json)
			puts("[]");
		return EXIT_NO;
	}
	if (o->json) {
		putchar('[');
		for (size_t i = 0; (l = smtpcode_listing_at(o->std, cmd, i)) != NULL; i++) {
			struct judged jd;
			judge_code(o, &jd, l->reply->code, NULL, cmd);
			if (n++)
				putchar(',');
			json_validity(stdout, o, &jd);
		}
		for (size_t i = 0; (a = smtpcode_any_rule_at(o->std, i)) != NULL; i++) {
			struct judged jd;
			if (smtpcode_validate(o->std, cmd, a->reply->code, NULL) != SMTPCODE_ANY_COMMAND)
				continue;
			judge_code(o, &jd, a->reply->code, NULL, cmd);
			if (n++)
				putchar(',');
			json_validity(stdout, o, &jd);
		}
		{
			struct json_list jl = { o, cmd, &n };
			for_conditional(o, cmd, json_conditional_item, &jl);
		}
		puts("]");
		return EXIT_YES;
	}
	if (cmd->extension)
		printf("%s under %s (%s):\n", cmd->name, si->document, cmd->sources[0]);
	else
		printf("%s under %s (%s %s):\n", cmd->name, si->document,
		       si->document, si->table_section);
	for (size_t i = 0; (l = smtpcode_listing_at(o->std, cmd, i)) != NULL; i++)
		printf("  %d  %-12s  %s\n", l->reply->code,
		       smtpcode_role_name(l->role), text_for(cmd, l->reply));
	for (size_t i = 0; (a = smtpcode_any_rule_at(o->std, i)) != NULL; i++) {
		if (smtpcode_validate(o->std, cmd, a->reply->code, NULL) != SMTPCODE_ANY_COMMAND)
			continue;
		printf("  %d  %-12s  %s\n", a->reply->code, "any command",
		       text_for(cmd, a->reply));
	}
	for_conditional(o, cmd, print_conditional_line, NULL);
	return EXIT_YES;
}

static int do_code(const struct opts *o, const char *arg)
{
	int code = smtpcode_parse_code(arg, strlen(arg));

	if (is_pattern(arg)) {
		size_t n;
		json_open(o);
		n = list_codes(o, keep_pattern, (void *)arg);
		json_close(o);
		if (n == 0) {
			fprintf(stderr, "%s: no registered code matches %s\n", progname, arg);
			return EXIT_NO;
		}
		return EXIT_YES;
	}
	if (code < 0)
		return bad_input(arg, "not a reply code (three digits, such as 550) "
		                 "or a pattern (such as 5xx)");
	if (o->json) {
		json_code(stdout, o, code);
		putchar('\n');
	} else {
		print_code(o, code);
	}
	return smtpcode_reply(code) ? EXIT_YES : EXIT_NO;
}

static int do_validity(const struct opts *o, const char *code_arg, const char *cmd_arg)
{
	int code = smtpcode_parse_code(code_arg, strlen(code_arg));
	const struct smtpcode_command *cmd = smtpcode_command(cmd_arg, strlen(cmd_arg));
	struct judged jd;

	if (code < 0)
		return bad_input(code_arg, "not a reply code (three digits, such as 550)");
	if (cmd == NULL)
		return bad_input(cmd_arg, "unknown command");
	judge_code(o, &jd, code, NULL, cmd);
	if (o->json) {
		json_validity(stdout, o, &jd);
		putchar('\n');
	} else {
		print_validity(o, &jd);
	}
	return smtpcode_judged_problem(jd.j.verdict) ? EXIT_NO : EXIT_YES;
}

/* ---- A pasted reply ------------------------------------------------------ */

/* What a pasted text held: its reply and, when the log reader found it in
 * a log line, the command and the format. */
struct pasted {
	struct smtpcode_reply_state reply;
	const struct smtpcode_command *command;
	const char *format;       /* the log format's name, or NULL */
};

/* Finds the reply in text (a reply, a multi-line reply, a DSN field or a
 * log line): 1 and *p, or 0 when it holds none. The text's lines are
 * copied into buf, which *p's pointers then point into. */
static int read_pasted(const char *text, struct pasted *p, char *buf, size_t size)
{
	/* kept for the program's run: the reply's text may point into it */
	static struct smtpcode_log *lg;
	const struct smtpcode_log_event *ev = NULL;
	size_t len = strlen(text);
	const char *nl = memchr(text, '\n', len);

	memset(p, 0, sizeof *p);
	if (len >= size)
		len = size - 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r' || buf[len - 1] == ' '))
		buf[--len] = '\0';
	if (nl != NULL && (size_t)(nl - text) < len) {
		/* several lines: a multi-line reply, each line fed in turn */
		char *line = buf, *end = buf + len;
		smtpcode_reply_begin(&p->reply);
		while (line < end) {
			char *e = memchr(line, '\n', (size_t)(end - line));
			size_t n = e ? (size_t)(e - line) : (size_t)(end - line);
			while (n > 0 && (*line == ' ' || *line == '\t'))
				line++, n--;
			if (n > 0 && smtpcode_reply_feed(&p->reply, line, n) != SMTPCODE_FEED_MORE)
				return p->reply.code >= 0 && !p->reply.open;
			line += n + 1;
		}
		return 0;
	}
	/* one line: the log reader first, so that a log line's command counts */
	if (lg != NULL || (lg = smtpcode_log_new()) != NULL) {
		smtpcode_log_reset(lg);
		smtpcode_log_feed(lg, buf, len);
		if ((ev = smtpcode_log_next(lg)) == NULL && smtpcode_log_finish(lg) == 0)
			ev = smtpcode_log_next(lg);
	}
	if (ev != NULL) {
		p->reply = ev->reply;
		p->command = ev->command;
		p->format = smtpcode_log_format_name(ev->format);
		return 1;
	}
	{
		char *t = buf;
		while (*t == ' ' || *t == '\t')
			t++;
		/* one continuation line pasted alone ("550-5.7.26 ..."): read it
		 * as the reply's line it is */
		if (smtpcode_parse_code(t, 3) >= 0 && t[3] == '-' &&
		    smtpcode_reply_flat(t, strlen(t), &p->reply) && p->reply.lines == 1)
			t[3] = ' ';
		return smtpcode_reply_flat(t, strlen(t), &p->reply);
	}
}

/* Explains a pasted reply: 0 for a well-formed, registered reply whose
 * enhanced code (if any) is registered and agrees in class; 1 otherwise;
 * 2 when the text holds no reply. */
static int do_pasted(const struct opts *o, const char *text)
{
	static char buf[65536];
	struct pasted p;
	const struct smtpcode_reply_state *r = &p.reply;
	const struct smtpcode_reply *reg;
	enum smtpcode_pairing pr = SMTPCODE_PAIR_ASSOCIATED;
	struct judged jd;
	char etext[16] = "";
	int good;

	if (!read_pasted(text, &p, buf, sizeof buf))
		return bad_input(text, "holds no reply (a reply code, such as 550, then its text)");
	reg = smtpcode_reply(r->code);
	if (r->has_ecode) {
		pr = smtpcode_pair(r->code, &r->ecode);
		ecode_text(etext, sizeof etext, r->ecode.cls, r->ecode.subject, r->ecode.detail);
	}
	good = reg && smtpcode_code_form(r->code) == SMTPCODE_FORM_OK &&
	       !(r->flags & (SMTPCODE_REPLY_MIXED_CODES | SMTPCODE_REPLY_UNTERMINATED)) &&
	       pr != SMTPCODE_PAIR_UNREGISTERED && pr != SMTPCODE_PAIR_CLASS_MISMATCH;
	/* judged as check judges it: the text pasted is the reply's text */
	if (p.reply.text == NULL)
		p.reply.text = "";
	judge_lookup(o, &jd, r, p.command);
	if (o->json) {
		printf("{\"kind\":\"pasted\",\"code\":");
		json_code(stdout, o, r->code);
		fputs(",\"enhanced\":", stdout);
		if (r->has_ecode)
			json_enhanced(stdout, r->ecode.cls, r->ecode.subject, r->ecode.detail);
		else
			fputs("null", stdout);
		putchar(',');
		json_member(stdout, "pairing", r->has_ecode ? smtpcode_pairing_name(pr) : NULL);
		putchar(',');
		json_member(stdout, "format", p.format);
		putc(',', stdout);
		json_member(stdout, "verdict", smtpcode_judged_name(jd.j.verdict));
		putc(',', stdout);
		json_member(stdout, "evidence", smtpcode_evidence_name(jd.j.evidence));
		putc(',', stdout);
		json_member(stdout, "message", jd.msg);
		fputs(",\"command\":", stdout);
		if (p.command)
			json_validity(stdout, o, &jd);
		else
			fputs("null", stdout);
		printf(",\"lines\":%zu,\"mixed_codes\":%s,\"well_formed\":%s,", r->lines,
		       r->flags & SMTPCODE_REPLY_MIXED_CODES ? "true" : "false",
		       good ? "true" : "false");
		json_member(stdout, "text", r->text_len ? r->text : "");
		puts("}");
		return good && !smtpcode_judged_problem(jd.j.verdict) ? EXIT_YES : EXIT_NO;
	}
	if (reg)
		printf("%03d %s\n", r->code, reg->text);
	else
		printf("%03d is not a registered reply code\n", r->code);
	{
		const struct smtpcode_digit *cl = smtpcode_class_in(o->std, r->code);
		const struct smtpcode_digit *ca = smtpcode_category(r->code);
		enum smtpcode_form form = smtpcode_code_form(r->code);
		printf("class:       %d %s\n", r->code / 100, cl ? cl->name : "(none)");
		printf("category:    %d %s\n", r->code / 10 % 10, ca ? ca->name : "(none)");
		if (form != SMTPCODE_FORM_OK)
			printf("malformed:   %s\n", smtpcode_form_reason(form));
	}
	if (r->has_ecode) {
		const struct smtpcode_enhanced *e = smtpcode_enhanced(r->ecode.subject, r->ecode.detail);
		if (e)
			printf("enhanced:    %s %s\n", etext, sample_text(e));
		else
			printf("enhanced:    %s is not a registered enhanced status code\n", etext);
		print_pairing("pairing:     ", r->code, &r->ecode, pr, 0);
	}
	if (r->flags & SMTPCODE_REPLY_MIXED_CODES)
		printf("malformed:   its lines carry different codes (%d, then %d); they must be "
		       "the same (RFC 5321 §4.2.1)\n", r->first_code, r->code);
	if (p.format)
		printf("read as:     %s (the log format smtpcode check names it)\n", p.format);
	if (p.command)
		printf("command:     %s\n", p.command->name);
	printf("verdict:     %s%s%s: %s\n",
	       colour_tone(jd.j.verdict == SMTPCODE_JUDGED_VALID         ? TONE_GOOD
	                   : smtpcode_judged_problem(jd.j.verdict)        ? TONE_BAD
	                                                                   : TONE_MAYBE),
	       smtpcode_judged_name(jd.j.verdict), colour_end(), jd.msg);
	if (p.command) {
		const struct smtpcode_meaning *m = smtpcode_meaning(p.command, r->code);
		if (m)
			printf("meaning:     %s (to %s, %s)\n", m->text, p.command->name, m->source);
	}
	printf("text:        %.*s\n", (int)r->text_len, r->text_len ? r->text : "");
	return good && !smtpcode_judged_problem(jd.j.verdict) ? EXIT_YES : EXIT_NO;
}

/* The arguments joined with one space, for a reply pasted as words. */
static const char *joined_args(int argc, char **argv)
{
	static char buf[65536];
	size_t at = 0;

	for (int i = 0; i < argc && at < sizeof buf - 1; i++)
		at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s", i ? " " : "", argv[i]);
	return buf;
}

/* Whether s is one token: no blank in it. */
static int one_token(const char *s)
{
	return s[0] != '\0' && strpbrk(s, " \t\n") == NULL;
}

/* The lookup argv asks for: a code, pattern or enhanced code; a code and a
 * command; a code, an enhanced code and perhaps a command; else a pasted
 * reply (one argument with blanks in it, or its words). On the command
 * line (strict) a token where a code or a command stands is taken as one,
 * and a bad one is an error (quote a reply to have it explained); on a
 * line of standard input an unknown command word makes the line a reply
 * ("250 OK"). */
static int lookup(const struct opts *o, int argc, char **argv, int strict);

int do_lookups(const struct opts *o, int argc, char **argv)
{
	return lookup(o, argc, argv, 1);
}

static int lookup(const struct opts *o, int argc, char **argv, int strict)
{
	const struct smtpcode_command *cmd;

	if (argc == 1 && one_token(argv[0]))
		return looks_enhanced(argv[0]) ? do_enhanced(o, argv[0]) : do_code(o, argv[0]);
	if (argc == 1)
		return do_pasted(o, argv[0]);
	if (!one_token(argv[0]) || smtpcode_parse_code(argv[0], strlen(argv[0])) < 0)
		return strict && one_token(argv[0]) && argc <= 3 ? do_code(o, argv[0])
		                                                 : do_pasted(o, joined_args(argc, argv));
	if (argc == 2 && one_token(argv[1]) && looks_enhanced(argv[1]))
		return do_pair(o, argv[0], argv[1], NULL);
	cmd = smtpcode_command(argv[argc - 1], strlen(argv[argc - 1]));
	if (argc == 2 && (cmd || (strict && one_token(argv[1]))))
		return do_validity(o, argv[0], argv[1]);
	if (argc == 3 && looks_enhanced(argv[1]) && (cmd || (strict && one_token(argv[2]))))
		return do_pair(o, argv[0], argv[1], argv[2]);
	return do_pasted(o, joined_args(argc, argv));
}

/* Whether line begins a multi-line reply's continuation: "550-...". */
static int continues(const char *line)
{
	return strlen(line) > 3 && smtpcode_parse_code(line, 3) >= 0 && line[3] == '-';
}

/* smtpcode -: one lookup per line of standard input (a multi-line reply,
 * "550-..." lines up to its "550 ..." line, is one), answered in turn.
 * The exit status is the worst of theirs (2 over 1 over 0). */

int do_stdin(const struct opts *o)
{
	static char reply[65536];
	char *line = NULL;
	size_t cap = 0, have = 0;
	ssize_t n;
	int worst = EXIT_YES;

	while ((n = getline(&line, &cap, stdin)) > 0) {
		int st;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (have > 0 || continues(line)) {
			/* a multi-line reply: gather its lines */
			size_t k = (size_t)n < sizeof reply - have - 2 ? (size_t)n : sizeof reply - have - 2;
			memcpy(reply + have, line, k);
			have += k;
			reply[have++] = '\n';
			reply[have] = '\0';
			if (continues(line))
				continue;
			st = do_pasted(o, reply);
			have = 0;
		} else {
			char *words[64];
			int nw = 0;
			for (char *w = strtok(line, " \t"); w && nw < 64; w = strtok(NULL, " \t"))
				words[nw++] = w;
			if (nw == 0)
				continue;
			st = lookup(o, nw, words, 0);
		}
		if (st > worst)
			worst = st;
		fflush(stdout);
	}
	if (have > 0) {
		int st = do_pasted(o, reply); /* its last line never came */
		if (st > worst)
			worst = st;
	}
	free(line);
	return worst;
}

int do_list(const struct opts *o)
{
	json_open(o);
	list_enhanced(o, 0, NULL, NULL, list_codes(o, NULL, NULL));
	json_close(o);
	return EXIT_YES;
}

int do_search(const struct opts *o, int argc, char **argv)
{
	struct words w = { argv, argc };
	size_t n;

	for (int i = 0; i < argc; i++)
		if (argv[i][0] == '\0')
			return bad_input(argv[i], "empty search word");
	json_open(o);
	n = list_codes(o, keep_words, &w);
	n += list_enhanced(o, 0, keep_ewords, &w, n);
	json_close(o);
	if (n == 0) {
		fprintf(stderr, "%s: no code's text mentions every word given\n", progname);
		return EXIT_NO;
	}
	return EXIT_YES;
}
