/* SPDX-License-Identifier: MIT */
/* lookup.c - the lookup modes: a code, a code and a command, an enhanced
 * code, a pairing, a pasted reply, patterns, lists, searches and lookups
 * read from standard input. Each mode reads its arguments and calls the
 * renderers of render.c.
 * Layer: above render.c, under smtpcode.c; calls render.c, json.c,
 * text.c and the library only. */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it: getline */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"
#include "json.h"
#include "lookup.h"
#include "near.h"
#include "render.h"
#include "text.h"

/* An unknown command word: said with the nearest command ("RCTP": did you
 * mean RCPT?) when one is a slip away. */
static int unknown_command(const char *word)
{
	char m[80];
	const char *near = near_command(word, strlen(word));

	snprintf(m, sizeof m, "unknown command%s%s%s", near ? "; did you mean " : "",
	         near ? near : "", near ? "?" : "");
	return bad_input(word, m);
}

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
		return unknown_command(cmd_arg);
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
		return unknown_command(name);
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

static void print_reason(const struct smtpcode_why *w, const struct smtpcode_command *cmd);

static int do_validity(const struct opts *o, const char *code_arg, const char *cmd_arg)
{
	int code = smtpcode_parse_code(code_arg, strlen(code_arg));
	const struct smtpcode_command *cmd = smtpcode_command(cmd_arg, strlen(cmd_arg));
	struct judged jd;

	if (code < 0)
		return bad_input(code_arg, "not a reply code (three digits, such as 550)");
	if (cmd == NULL)
		return unknown_command(cmd_arg);
	judge_code(o, &jd, code, NULL, cmd);
	if (o->json) {
		json_validity(stdout, o, &jd);
		putchar('\n');
	} else {
		struct smtpcode_why w;
		print_validity(o, &jd);
		/* the reason the code alone gives after the command, where it
		 * gives one (550 alone does not: undefined is not shown) */
		if (smtpcode_reason(code, NULL, NULL, 0, cmd, NULL, &w) >= 0 &&
		    w.reason != SMTPCODE_REASON_UNDEFINED)
			print_reason(&w, cmd);
	}
	return smtpcode_judged_problem(jd.j.verdict) ? EXIT_NO : EXIT_YES;
}

/* ---- A pasted reply ------------------------------------------------------ */

/* What a pasted text held: its reply and, when the log reader found it,
 * the event (its command, format, recipient and remote host) and how
 * many replies the text held in all. */
struct pasted {
	struct smtpcode_reply_state reply;
	const struct smtpcode_command *command;
	const char *format;       /* the log format's name, or NULL */
	const char *recipient;    /* NUL-terminated copies, or NULL */
	const char *remote_host;
	size_t replies;           /* replies the reader found (0: none) */
	int from_reader;          /* judged as check judges the event */
	struct judged jd;         /* the event's judgement (from_reader) */
	const char *base;         /* the pasted text the reader was fed */
	size_t base_len;
	size_t text_at;           /* where the final line's text stood in it */
	int text_located;         /* (0: in a line made for the reader) */
	const char *lines;        /* the reply's lines, code on, joined with
	                             '\n' (the event's, or the lines pasted) */
	size_t lines_len;
};

/* Copies s[0..n) (NULL: none) into buf[0..size), NUL-terminated;
 * returns the copy or NULL. */
static const char *keep_copy(char *buf, size_t size, const char *s, size_t n)
{
	if (s == NULL)
		return NULL;
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

/* Takes the events the reader holds: the first that is not a bare reply
 * into *p (copied, and judged as check judges it), each such one
 * counted in p->replies. */
static void take_events(const struct opts *o, struct smtpcode_log *lg, struct pasted *p)
{
	static char text[65536], rcpt[65536], host[65536], lines[4097]; /* as long as the
	                                                                     text; the event's
	                                                                     lines, at most 4096 */
	const struct smtpcode_log_event *ev;

	while ((ev = smtpcode_log_next(lg)) != NULL) {
		if (ev->format == SMTPCODE_LOG_BOUNCE_TEXT || p->replies++ > 0)
			continue;
		ev = smtpcode_log_details(lg); /* the remote host, the recipient */
		p->reply = ev->reply;
		{
			uintptr_t t = (uintptr_t)ev->reply.text, b = (uintptr_t)p->base;
			p->text_located = ev->reply.text != NULL && p->base != NULL && t >= b &&
			                  t - b + ev->reply.text_len <= p->base_len;
			p->text_at = p->text_located ? (size_t)(t - b) : 0;
		}
		p->reply.text = keep_copy(text, sizeof text, ev->reply.text, ev->reply.text_len);
		p->command = ev->command;
		p->format = smtpcode_log_format_name(ev->format);
		p->recipient = keep_copy(rcpt, sizeof rcpt, ev->recipient, ev->recipient_len);
		p->remote_host = keep_copy(host, sizeof host, ev->remote_host, ev->remote_host_len);
		p->lines = keep_copy(lines, sizeof lines, ev->lines, ev->lines_len);
		p->lines_len = p->lines ? strlen(p->lines) : 0;
		p->from_reader = 1;
		p->jd.code = ev->reply.code;
		p->jd.cmd = ev->command;
		smtpcode_judge_event(o->std, ev, &p->jd.j, p->jd.msg, sizeof p->jd.msg);
	}
}

/* Feeds text[0..len) to the reader lg line by line, then fold[0..flen)
 * (NULL: nothing) as one more line, and finishes, taking the events into
 * *p; returns how many replies it found that are not bare replies. */
static size_t feed_text(const struct opts *o, struct smtpcode_log *lg, const char *text,
                        size_t len, const char *fold, size_t flen, struct pasted *p)
{
	const char *line = text, *end = text + len;

	smtpcode_log_reset(lg);
	p->replies = 0;
	while (line <= end) {
		const char *e = memchr(line, '\n', (size_t)(end - line));
		size_t n = e ? (size_t)(e - line) : (size_t)(end - line);
		smtpcode_log_feed(lg, line, n);
		take_events(o, lg, p);
		line += n + 1;
	}
	if (fold != NULL) {
		smtpcode_log_feed(lg, fold, flen);
		take_events(o, lg, p);
	}
	smtpcode_log_finish(lg);
	take_events(o, lg, p);
	return p->replies;
}

/* Reads text through check's reader, as a part of a bounce message is
 * read (bare replies and remote hosts on): 1 and *p filled from the
 * first reply the reader finds that is not a bare reply, judged as check
 * judges it; 0 when it finds none. A text on one line that it does not
 * read is tried again folded where a reply code follows ": " (a folded
 * paragraph pasted on one line: "... says: 550 ..."). */
static int read_by_reader(const struct opts *o, const char *buf, size_t len, struct pasted *p)
{
	static struct smtpcode_log *lg;
	static char fold[65536];

	if (lg == NULL) {
		if ((lg = smtpcode_log_new()) == NULL)
			return 0;
		smtpcode_log_bare_replies(lg, 1);
	}
	if (feed_text(o, lg, buf, len, NULL, 0, p) > 0)
		return 1;
	for (size_t i = 0; memchr(buf, '\n', len) == NULL && i + 5 < len; i++) {
		/* ": " then a code of the grammar: fold the line there */
		size_t k = i + 1;
		int code;
		if (buf[i] != ':' || buf[k] != ' ')
			continue;
		while (k < len && buf[k] == ' ')
			k++;
		if (k + 3 > len || (code = smtpcode_parse_code(buf + k, 3)) < 0 ||
		    smtpcode_code_form(code) != SMTPCODE_FORM_OK ||
		    (k + 3 < len && buf[k + 3] != ' ' && buf[k + 3] != '-'))
			continue;
		fold[0] = ' ';
		memcpy(fold + 1, buf + k, len - k);
		if (feed_text(o, lg, buf, i + 1, fold, len - k + 1, p) > 0)
			return 1;
	}
	return 0;
}

/* Finds the reply in text (a reply, a multi-line reply, a log line, a
 * bounce's paragraph, folded or not): 1 and *p, or 0 when it holds none.
 * Check's reader first; a text it reads only as bare replies (or not at
 * all) is read as a reply by itself. The text's lines are copied into
 * buf, which *p's pointers may point into. */
static int read_pasted(const struct opts *o, const char *text, struct pasted *p, char *buf,
                       size_t size)
{
	size_t len = strlen(text);

	memset(p, 0, sizeof *p);
	if (len >= size)
		len = size - 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r' || buf[len - 1] == ' '))
		buf[--len] = '\0';
	p->base = buf;
	p->base_len = len;
	if (read_by_reader(o, buf, len, p))
		return 1;
	memset(p, 0, sizeof *p);
	if (memchr(buf, '\n', len) != NULL) {
		/* several lines: a multi-line reply, each line fed in turn */
		char *line = buf, *end = buf + len;
		p->lines = buf;
		p->lines_len = len;
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
	{
		char *t = buf;
		while (*t == ' ' || *t == '\t')
			t++;
		/* one continuation line pasted alone ("550-5.7.26 ..."): read it
		 * as the reply's line it is */
		int read, cont = smtpcode_parse_code(t, 3) >= 0 && t[3] == '-' &&
		                 smtpcode_reply_flat(t, strlen(t), &p->reply) && p->reply.lines == 1;
		if (cont)
			t[3] = ' ';
		read = smtpcode_reply_flat(t, strlen(t), &p->reply);
		if (cont)
			t[3] = '-'; /* (the line as pasted: the text stands after it) */
		p->lines = t;
		p->lines_len = strlen(t);
		return read;
	}
}

/* ---- Why a pasted reply refused ------------------------------------------ */

/* The whole text of the pasted reply, for its reason: from its first head
 * (its code after a byte that is not a letter or digit) to the end of its
 * final line's text, as the reader read it, so that the log's words
 * around it are not read; the whole paste when it was read as a reply by
 * itself. Then its reason, with its command and remote host: -1 for a
 * reply that is not a failure. */
static int pasted_reason(const struct pasted *p, const char *buf, struct smtpcode_why *w)
{
	const char *text = buf;
	size_t len = strlen(buf);
	const struct smtpcode_reply_state *r = &p->reply;

	if (p->from_reader && !p->text_located) {
		text = r->text;
		len = r->text_len;
	} else if (p->from_reader) {
		const char *fin = buf + p->text_at;
		const char code[3] = { (char)('0' + r->code / 100 % 10), (char)('0' + r->code / 10 % 10),
		                       (char)('0' + r->code % 10) };
		text = fin;
		for (const char *s = buf; s + 3 <= fin; s++)
			if (memcmp(s, code, 3) == 0 && (s == buf || !isalnum((unsigned char)s[-1])) &&
			    (s + 3 == fin || s[3] == ' ' || s[3] == '-')) {
				text = s;
				break;
			}
		len = (size_t)(fin + r->text_len - text);
	}
	return smtpcode_reason(r->code, r->has_ecode ? &r->ecode : NULL, text, len, p->command,
	                       p->remote_host, w);
}

/* The reply's text: a multi-line reply's every line (Gmail's 550-5.1.1
 * sentence over four lines, not only its help address on the last), each
 * without its code and the enhanced code the reply's lines share, the
 * lines after the first indented under it. */
static void print_text(const struct pasted *p)
{
	const struct smtpcode_reply_state *r = &p->reply;
	const char *s = p->lines, *end;
	char ecode[32];
	int elen = 0, first = 1;

	if (r->lines < 2 || s == NULL || p->lines_len == 0) {
		printf("text:        %.*s\n", (int)r->text_len, r->text_len ? r->text : "");
		return;
	}
	end = s + p->lines_len;
	if (r->has_ecode)
		elen = snprintf(ecode, sizeof ecode, "%d.%d.%d", r->ecode.cls, r->ecode.subject,
		                r->ecode.detail);
	while (s < end) {
		const char *e = memchr(s, '\n', (size_t)(end - s)), *t, *te;
		struct smtpcode_line l;
		if (e == NULL)
			e = end;
		for (t = s; t < e && (*t == ' ' || *t == '\t'); t++)
			;
		te = e;
		/* the line's text after its code, then the enhanced code and
		 * its blank */
		if (smtpcode_line_parse(t, (size_t)(e - t), &l) && l.code == r->code) {
			t = l.text;
			te = l.text + l.text_len;
			if (elen > 0 && te - t >= elen && memcmp(t, ecode, (size_t)elen) == 0 &&
			    (te - t == elen || t[elen] == ' '))
				t += elen;
			while (t < te && *t == ' ')
				t++;
		}
		printf("%s%.*s\n", first ? "text:        " : "             ", (int)(te - t), t);
		first = 0;
		s = e < end ? e + 1 : end;
	}
}

static void print_reason(const struct smtpcode_why *w, const struct smtpcode_command *cmd)
{
	printf("reason:      %s: %s\n", smtpcode_reason_name(w->reason),
	       smtpcode_reason_definition(w->reason));
	switch (w->by) {
	case SMTPCODE_REASON_BY_PROVIDER:
		printf("provider:    %s: %s\n", w->provider->name, w->provider->meaning);
		if (w->provider->registry)
			printf("differs:     %s\n", w->provider->registry);
		printf("to do:       %s\n", w->provider->action);
		for (size_t i = 0; i < w->provider->npages; i++) {
			const struct smtpcode_provider_page *pg = &w->provider->pages[i];
			printf("source:      %s%s%s%s, %s\n", pg->title, pg->where ? " (" : "",
			       pg->where ? pg->where : "", pg->where ? ")" : "", pg->address);
		}
		break;
	case SMTPCODE_REASON_BY_PHRASE:
		printf("read from:   the phrase \"%s\"%s%s%s\n", w->rule, w->what ? " (" : "",
		       w->what ? w->what : "", w->what ? ")" : "");
		break;
	case SMTPCODE_REASON_BY_STATUS:
		printf("read from:   the enhanced code (%s%s%s), %s\n", w->rule, cmd ? " after " : "",
		       cmd ? cmd->name : "", w->source);
		break;
	case SMTPCODE_REASON_BY_REPLY:
		printf("read from:   the reply code (%s%s%s), %s\n", w->rule, cmd ? " after " : "",
		       cmd ? cmd->name : "", w->source);
		break;
	default:
		printf("read from:   nothing: neither the text nor the codes say why\n");
		break;
	}
}

static void json_reason(const struct smtpcode_why *w, int reason)
{
	json_member(stdout, "reason", reason >= 0 ? smtpcode_reason_name(w->reason) : NULL);
	putchar(',');
	json_member(stdout, "reason_by", reason >= 0 ? smtpcode_reason_step_name(w->by) : NULL);
	putchar(',');
	json_member(stdout, "reason_rule", reason >= 0 ? w->rule : NULL);
	putchar(',');
	json_member(stdout, "reason_what", reason >= 0 ? w->what : NULL);
	putchar(',');
	json_member(stdout, "reason_source",
	            reason >= 0 && w->by != SMTPCODE_REASON_BY_PHRASE ? w->source : NULL);
	fputs(",\"provider\":", stdout);
	if (reason < 0 || w->provider == NULL) {
		fputs("null", stdout);
		return;
	}
	putchar('{');
	json_member(stdout, "name", w->provider->name);
	putchar(',');
	json_member(stdout, "meaning", w->provider->meaning);
	putchar(',');
	json_member(stdout, "action", w->provider->action);
	printf(",\"differs\":%s,", w->provider->registry ? "true" : "false");
	json_member(stdout, "registry", w->provider->registry);
	fputs(",\"pages\":[", stdout);
	for (size_t i = 0; i < w->provider->npages; i++) {
		const struct smtpcode_provider_page *pg = &w->provider->pages[i];
		printf("%s{", i ? "," : "");
		json_member(stdout, "title", pg->title);
		putchar(',');
		json_member(stdout, "address", pg->address);
		putchar(',');
		json_member(stdout, "where", pg->where);
		putchar('}');
	}
	fputs("]}", stdout);
}

/* Explains a pasted reply: 0 for a well-formed, registered reply whose
 * enhanced code (if any) is registered and agrees in class; 1 otherwise;
 * 2 when the text holds no reply. */
static int do_pasted(const struct opts *o, const char *text)
{
	static char buf[65536];
	static struct pasted p;
	const struct smtpcode_reply_state *r = &p.reply;
	const struct smtpcode_reply *reg;
	enum smtpcode_pairing pr = SMTPCODE_PAIR_ASSOCIATED;
	struct judged *jdp = &p.jd;
	char etext[16] = "";
	int good, reason;
	struct smtpcode_why why;

	if (!read_pasted(o, text, &p, buf, sizeof buf))
		return bad_input(text, "holds no reply (a reply code, such as 550, then its text)");
	reg = smtpcode_reply(r->code);
	if (r->has_ecode) {
		pr = smtpcode_pair(r->code, &r->ecode);
		ecode_text(etext, sizeof etext, r->ecode.cls, r->ecode.subject, r->ecode.detail);
	}
	good = reg && smtpcode_code_form(r->code) == SMTPCODE_FORM_OK &&
	       !(r->flags & (SMTPCODE_REPLY_MIXED_CODES | SMTPCODE_REPLY_UNTERMINATED)) &&
	       pr != SMTPCODE_PAIR_UNREGISTERED && pr != SMTPCODE_PAIR_CLASS_MISMATCH;
	/* judged as check judges it: the event the reader found, with what
	 * the log adds; else the text pasted is the reply's text */
	if (p.reply.text == NULL)
		p.reply.text = "";
	if (!p.from_reader)
		judge_lookup(o, jdp, r, p.command);
	reason = pasted_reason(&p, buf, &why);
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
		json_member(stdout, "recipient", p.recipient);
		putc(',', stdout);
		json_member(stdout, "remote_host", p.remote_host);
		printf(",\"replies\":%zu,", p.replies ? p.replies : 1);
		json_member(stdout, "verdict", smtpcode_judged_name(jdp->j.verdict));
		putc(',', stdout);
		json_member(stdout, "evidence", smtpcode_evidence_name(jdp->j.evidence));
		putc(',', stdout);
		json_member(stdout, "message", jdp->msg);
		fputs(",\"command\":", stdout);
		if (p.command)
			json_validity(stdout, o, jdp);
		else
			fputs("null", stdout);
		/* every line as given, as check's records write them */
		fputs(",\"lines\":", stdout);
		if (p.lines != NULL && p.lines_len > 0) {
			const char *s = p.lines, *end = p.lines + p.lines_len;
			putchar('[');
			for (;;) {
				const char *nl = memchr(s, '\n', (size_t)(end - s));
				size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
				if (n > 0 && s[n - 1] == '\r')
					n--; /* (a pasted CRLF's) */
				json_text(stdout, s, n);
				if (nl == NULL)
					break;
				putchar(',');
				s = nl + 1;
			}
			putchar(']');
		} else {
			fputs("null", stdout);
		}
		printf(",\"mixed_codes\":%s,\"well_formed\":%s,",
		       r->flags & SMTPCODE_REPLY_MIXED_CODES ? "true" : "false",
		       good ? "true" : "false");
		json_member(stdout, "text", r->text_len ? r->text : "");
		putchar(',');
		json_reason(&why, reason);
		puts("}");
		return good && !smtpcode_judged_problem(jdp->j.verdict) ? EXIT_YES : EXIT_NO;
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
	/* as check's records show them: a control character escaped */
	if (p.recipient) {
		fputs("recipient:   ", stdout);
		put_escaped(stdout, p.recipient, strlen(p.recipient), 0);
		putchar('\n');
	}
	if (p.remote_host) {
		fputs("remote host: ", stdout);
		put_escaped(stdout, p.remote_host, strlen(p.remote_host), 0);
		putchar('\n');
	}
	printf("verdict:     %s%s%s: %s\n",
	       colour_tone(jdp->j.verdict == SMTPCODE_JUDGED_VALID         ? TONE_GOOD
	                   : smtpcode_judged_problem(jdp->j.verdict)        ? TONE_BAD
	                                                                   : TONE_MAYBE),
	       smtpcode_judged_name(jdp->j.verdict), colour_end(), jdp->msg);
	if (p.command) {
		const struct smtpcode_meaning *m = smtpcode_meaning(p.command, r->code);
		if (m)
			printf("meaning:     %s (to %s, %s)\n", m->text, p.command->name, m->source);
	}
	print_text(&p);
	if (reason >= 0)
		print_reason(&why, p.command);
	if (p.replies > 1)
		printf("note:        the text holds %zu replies; this is the first (smtpcode "
		       "check reports each)\n", p.replies);
	return good && !smtpcode_judged_problem(jdp->j.verdict) ? EXIT_YES : EXIT_NO;
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

/* The parts of a lookup, in any order: a reply code, an enhanced code,
 * a command. */
struct parts {
	const char *code, *ecode, *cmd;
};

/* Sorts argv[0..argc) (two or three) into *pt: 1 when each is a code
 * (three digits), an enhanced code (a digit, then a dot) or a known
 * command, and a code is among them; 2 when they are such parts but no
 * code; 0 when one is none of these (not a lookup of parts); -1 when a
 * part comes twice (its error said when strict: on standard input such a
 * line is a reply). */
static int sort_parts(int argc, char **argv, struct parts *pt, int strict)
{
	static const char *const what[3] = { "reply code", "enhanced code", "command" };

	memset(pt, 0, sizeof *pt);
	for (int i = 0; i < argc; i++) {
		const char **slot;
		int k;
		if (one_token(argv[i]) && smtpcode_parse_code(argv[i], strlen(argv[i])) >= 0)
			slot = &pt->code, k = 0;
		else if (one_token(argv[i]) && looks_enhanced(argv[i]))
			slot = &pt->ecode, k = 1;
		else if (argv[i][0] != '\0' && smtpcode_command(argv[i], strlen(argv[i])))
			slot = &pt->cmd, k = 2;
		else
			return 0;
		if (*slot != NULL) {
			if (!strict)
				return 0;
			char msg[160];
			snprintf(msg, sizeof msg, "a second %s (after %.40s): a lookup takes one "
			         "code, one enhanced code and one command, in any order", what[k],
			         *slot);
			bad_input(argv[i], msg);
			return -1;
		}
		*slot = argv[i];
	}
	return pt->code != NULL ? 1 : 2;
}

/* The lookup argv asks for: a code, pattern or enhanced code; a code with
 * a command, an enhanced code or both, in any order; else a pasted reply
 * (one argument with blanks in it, or its words). On the command line
 * (strict) a token where a code or a command stands is taken as one,
 * and a bad one is an error (quote a reply to have it explained); on a
 * line of standard input an unknown command word makes the line a reply
 * ("250 OK"). */
static int lookup(const struct opts *o, int argc, char **argv, int strict);

int do_lookups(const struct opts *o, int argc, char **argv)
{
	return lookup(o, argc, argv, 1);
}

/* The words of s (blanks between them), at most max, into w, s cut at
 * their ends: how many. */
static int words_of(char *s, char **w, int max)
{
	int n = 0;

	for (char *t = strtok(s, " \t"); t && n < max; t = strtok(NULL, " \t"))
		w[n++] = t;
	return n;
}

/* The lookup of parts sort_parts() sorted, a code among them. */
static int parts_lookup(const struct opts *o, const struct parts *pt)
{
	return pt->ecode ? do_pair(o, pt->code, pt->ecode, pt->cmd) : do_validity(o, pt->code, pt->cmd);
}

static int lookup(const struct opts *o, int argc, char **argv, int strict)
{
	struct parts pt;
	int sorted;

	if (argc == 1 && one_token(argv[0]))
		return looks_enhanced(argv[0]) ? do_enhanced(o, argv[0]) : do_code(o, argv[0]);
	if (argc == 1) {
		/* one argument of two or three words that are a lookup's parts
		 * ('550 RCPT', 'RCPT 550', '5.7.1 550'): that lookup, as on a
		 * line of standard input; else a pasted reply */
		char copy[256];
		size_t len = strlen(argv[0]);
		if (len < sizeof copy && strchr(argv[0], '\n') == NULL) {
			char *words[4];
			int nw;
			memcpy(copy, argv[0], len + 1);
			nw = words_of(copy, words, 4);
			if (nw >= 2 && nw <= 3 && sort_parts(nw, words, &pt, 0) == 1)
				return parts_lookup(o, &pt);
		}
		return do_pasted(o, argv[0]);
	}
	if (argc <= 3 && (sorted = sort_parts(argc, argv, &pt, strict)) != 0) {
		if (sorted < 0)
			return EXIT_USAGE;
		if (sorted == 2 && strict)
			return bad_input(pt.ecode ? pt.ecode : pt.cmd,
			                 "no reply code given: a lookup takes a code (such as 550) "
			                 "with an enhanced code or a command, in any order");
		if (sorted == 2)
			return do_pasted(o, joined_args(argc, argv));
		return parts_lookup(o, &pt);
	}
	if (!one_token(argv[0]) || smtpcode_parse_code(argv[0], strlen(argv[0])) < 0)
		return strict && one_token(argv[0]) && argc <= 3 ? do_code(o, argv[0])
		                                                 : do_pasted(o, joined_args(argc, argv));
	if (argc == 2 && strict && one_token(argv[1]))
		return do_validity(o, argv[0], argv[1]);
	if (argc == 3 && looks_enhanced(argv[1]) && strict && one_token(argv[2]))
		return do_pair(o, argv[0], argv[1], argv[2]);
	return do_pasted(o, joined_args(argc, argv));
}

/* Whether line begins a multi-line reply's continuation: "550-...". */
static int continues(const char *line)
{
	return strlen(line) > 3 && smtpcode_parse_code(line, 3) >= 0 && line[3] == '-';
}

/* Answers one item of standard input: a line alone is a lookup, its
 * words as on the command line (not strict); several lines are a pasted
 * reply. */
static int stdin_item(const struct opts *o, char *item, size_t lines)
{
	char *words[64];
	int nw;

	if (lines > 1)
		return do_pasted(o, item);
	nw = words_of(item, words, 64);
	return nw > 0 ? lookup(o, nw, words, 0) : EXIT_YES;
}

/* smtpcode -: one lookup per item of standard input, answered in turn. An
 * item is a line, and the lines that continue it: those of a multi-line
 * reply ("550-..." lines up to its "550 ..." line), a line that begins
 * with a blank (a folded line, as bounces fold them) and the line after
 * one that ends in ':' (the reply a bounce gives under it). A blank line
 * ends an item. The exit status is the worst of theirs (2 over 1 over 0). */
int do_stdin(const struct opts *o)
{
	static char item[65536];
	char *line = NULL;
	size_t cap = 0, have = 0, lines = 0;
	int worst = EXIT_YES, joins = 0;

	for (;;) {
		ssize_t n = getline(&line, &cap, stdin);
		int st = EXIT_YES, blank = 1, eof = n <= 0;
		if (!eof) {
			while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
				line[--n] = '\0';
			for (ssize_t i = 0; i < n; i++)
				blank = blank && (line[i] == ' ' || line[i] == '\t');
			if (lines > 0 && !blank && (joins || line[0] == ' ' || line[0] == '\t')) {
				size_t k = (size_t)n < sizeof item - have - 2 ? (size_t)n
				                                              : sizeof item - have - 2;
				item[have++] = '\n';
				memcpy(item + have, line, k);
				have += k;
				item[have] = '\0';
				lines++;
				joins = continues(line) || line[n - 1] == ':';
				continue;
			}
		}
		if (lines > 0) /* the item before ends here */
			st = stdin_item(o, item, lines);
		if (st > worst)
			worst = st;
		fflush(stdout);
		have = lines = 0;
		if (eof)
			break;
		if (blank)
			continue;
		have = (size_t)n < sizeof item - 1 ? (size_t)n : sizeof item - 1;
		memcpy(item, line, have);
		item[have] = '\0';
		lines = 1;
		joins = continues(line) || line[n - 1] == ':';
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
