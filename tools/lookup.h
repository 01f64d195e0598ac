/* SPDX-License-Identifier: MIT */
/* lookup.h - the lookup modes (lookup.c), as main calls them. */
#ifndef SMTPCODE_LOOKUP_H
#define SMTPCODE_LOOKUP_H

#include "smtpcode.h"

/* What the global options say. */
struct opts {
	enum smtpcode_standard std;
	int json;
	int std_given;  /* -S named the standard: lists keep to its codes */
};

/* Each returns the exit status (EXIT_YES, EXIT_NO, EXIT_USAGE). */
int do_command(const struct opts *o, const char *name);  /* -c COMMAND */
int do_list(const struct opts *o);                        /* -l */
int do_search(const struct opts *o, int argc, char **argv); /* -s WORD... */
int do_stdin(const struct opts *o);                       /* - */
/* The arguments: a code, a pattern, a code and a command, an enhanced
 * code, a pairing or a pasted reply. */
int do_lookups(const struct opts *o, int argc, char **argv);

#endif
