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

/* "PROGNAME: INPUT: MESSAGE" on stderr, INPUT written by put (and a JSON
 * error object under -j); returns EXIT_USAGE. */
static int input_error(const char *input, const char *message, void (*put)(FILE *, const char *))
{
	json_error(input, message);
	fprintf(stderr, "%s: ", progname);
	put(stderr, input);
	fprintf(stderr, ": %s\n", message);
	return EXIT_USAGE;
}

int bad_input(const char *arg, const char *message)
{
	return input_error(arg, message, put_arg);
}

int file_error(const char *name, const char *message)
{
	return input_error(name, message, put_name);
}

int parse_standard(const char *arg, enum smtpcode_standard *std)
{
	const struct smtpcode_standard_info *si = smtpcode_standard_by_name(arg, strlen(arg));

	if (si == NULL)
		return bad_input(arg, "unknown standard (rfc821, rfc2821 or rfc5321)");
	*std = si->standard;
	return 0;
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
