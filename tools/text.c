/* SPDX-License-Identifier: MIT */
/* text.c - messages, escaping and argument parsing shared by the commands. */
#include <string.h>

#include "text.h"

const char progname[] = "smtpcode";

void put_escaped(FILE *f, const char *s, size_t len, int ascii_only)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != 0x7f && (!ascii_only || c < 0x80))
			putc(c, f);
		else
			fprintf(f, "\\x%02x", c);
	}
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
	fprintf(stderr, "%s: ", progname);
	put_arg(stderr, arg);
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

const char *status_name(enum smtpcode_status s)
{
	switch (s) {
	case SMTPCODE_STATUS_STANDARD:
		return "standard";
	case SMTPCODE_STATUS_HISTORIC:
		return "historic";
	case SMTPCODE_STATUS_NONSTANDARD:
		return "non-standard";
	}
	return "unknown";
}
