/* SPDX-License-Identifier: MIT */
/* text.c - messages, escaping and argument parsing shared by the commands.
 * Layer: above json.c and out.c, under every command's file; calls json.c
 * (json_error), out.c and the library only. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "out.h"
#include "text.h"

const char progname[] = "smtpcode";

void put_escaped(FILE *f, const char *s, size_t len, int ascii_only)
{
	char buf[512];
	struct out o;

	out_init(&o, f, buf, sizeof buf);
	out_escaped(&o, s, len, ascii_only);
	out_flush(&o);
}

void put_arg(FILE *f, const char *arg)
{
	size_t len = strlen(arg);

	putc('\'', f);
	put_escaped(f, arg, len > 60 ? 60 : len, 1);
	fputs(len > 60 ? "...'" : "'", f);
}

void put_name(FILE *f, const char *name)
{
	size_t len = strlen(name);

	put_escaped(f, name, len > 200 ? 200 : len, 0);
	if (len > 200)
		fputs("...", f);
}

int bad_input(const char *arg, const char *message)
{
	json_error(arg, message);
	fprintf(stderr, "%s: ", progname);
	put_arg(stderr, arg);
	fprintf(stderr, ": %s\n", message);
	return EXIT_USAGE;
}

int file_error(const char *name, const char *message)
{
	json_error(name, message);
	fprintf(stderr, "%s: ", progname);
	put_name(stderr, name);
	fprintf(stderr, ": %s\n", message);
	return EXIT_USAGE;
}

int parse_standard(const char *arg, enum smtpcode_standard *std)
{
	const struct smtpcode_standard_info *si = smtpcode_standard_by_name(arg, strlen(arg));

	if (si == NULL)
		return bad_input(arg, "unknown standard (rfc821, rfc2821 or rfc5321)");
	*std = si->standard;
	return 0;
}

const char *role_article(enum smtpcode_role role)
{
	return role == SMTPCODE_ROLE_ERROR || role == SMTPCODE_ROLE_INTERMEDIATE ? "an" : "a";
}

void validity_sentence(char *buf, size_t size, enum smtpcode_standard std, int code,
                       const struct smtpcode_command *cmd, const struct smtpcode_validity *v)
{
	const char *doc = smtpcode_standard_info(std)->document;
	enum smtpcode_form form;

	switch (v->verdict) {
	case SMTPCODE_LISTED:
		snprintf(buf, size, "%d is listed for %s as %s %s reply, %s", code, cmd->name,
		         role_article(v->role), smtpcode_role_name(v->role), v->rule);
		return;
	case SMTPCODE_ANY_COMMAND:
		snprintf(buf, size, "%d is allowed for any command, %s", code, v->rule);
		return;
	case SMTPCODE_CONDITIONAL:
		snprintf(buf, size, "%d is valid for %s only when %s, %s", code, cmd->name,
		         v->condition, v->rule);
		return;
	case SMTPCODE_NOT_LISTED:
		snprintf(buf, size, "%d is not listed for %s, %s", code, cmd->name, v->rule);
		return;
	case SMTPCODE_CODE_UNKNOWN:
		form = smtpcode_code_form(code);
		if (smtpcode_reply(code) != NULL)
			snprintf(buf, size, "%d is not in %s's code list, %s", code, doc, v->rule);
		else
			snprintf(buf, size, "%03d is not a registered reply code%s%s", code,
			         form == SMTPCODE_FORM_OK ? "" : "; ", smtpcode_form_reason(form));
		return;
	case SMTPCODE_COMMAND_UNKNOWN:
		snprintf(buf, size, "%s is not an %s command, %s", cmd->name, doc, v->rule);
		return;
	case SMTPCODE_BAD_ARGUMENT:
		break;
	}
	snprintf(buf, size, "bad argument");
}

int code_matches(int code, const char *pattern)
{
	char digits[4];

	if (code < 0 || code > 999)
		return 0;
	snprintf(digits, sizeof digits, "%03d", code);
	for (int i = 0; i < 3; i++)
		if (pattern[i] != 'x' && pattern[i] != 'X' && pattern[i] != digits[i])
			return 0;
	return 1;
}

static int lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int has_text(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	unsigned first = k ? lower_ascii((unsigned char)w[0]) : 0;
	/* with a letter first, s[i] | 0x20 is that letter for its two cases
	 * only: one test a byte (check runs this over every conditional
	 * reply's text) */
	unsigned fold = first >= 'a' && first <= 'z' ? 0x20 : 0;

	for (size_t i = 0; k > 0 && i + k <= n; i++) {
		size_t j = 1;
		if (((unsigned char)s[i] | fold) != first)
			continue;
		while (j < k && lower_ascii((unsigned char)s[i + j]) == lower_ascii((unsigned char)w[j]))
			j++;
		if (j == k)
			return 1;
	}
	return 0;
}

int cond_names(const struct smtpcode_conditional *c, const struct smtpcode_command *cmd)
{
	for (size_t i = 0; i < c->ncommands; i++)
		if (c->commands[i] == cmd)
			return 1;
	return 0;
}

int cond_covers(const struct smtpcode_conditional *c, const struct smtpcode_command *cmd)
{
	return c->except ? !cmd->pseudo && !cond_names(c, cmd) : cond_names(c, cmd);
}

int colour_on;

int colour_choose(const char *when)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (when == NULL || strcmp(when, "auto") == 0)
		colour_on = isatty(STDOUT_FILENO) && !(no != NULL && no[0] != '\0') &&
		            term != NULL && strcmp(term, "dumb") != 0;
	else if (strcmp(when, "always") == 0)
		colour_on = 1; /* the option overrides NO_COLOR (no-color.org) */
	else if (strcmp(when, "never") == 0)
		colour_on = 0;
	else
		return -1;
	return 0;
}

const char *colour_when(const char *arg)
{
	return arg != NULL ? arg : "auto";
}

const char *colour_code(int code)
{
	static const char *const by_class[10] = {
		NULL, NULL, "\033[1;32m", "\033[1;36m", "\033[1;33m", "\033[1;31m",
	};

	if (!colour_on || code < 0 || code > 999 || by_class[code / 100] == NULL)
		return "";
	return by_class[code / 100];
}

const char *colour_tone(enum colour_tone t)
{
	static const char *const tones[] = { "\033[32m", "\033[33m", "\033[1;31m", "" };

	return colour_on ? tones[t] : "";
}

const char *colour_end(void)
{
	return colour_on ? "\033[0m" : "";
}
