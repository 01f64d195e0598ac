/* SPDX-License-Identifier: MIT */
/* smtpcode - look up SMTP reply codes and check them against commands:
 * the options and the dispatch to the modes (lookup.c, check.c, export.c).
 * Layer: the top of the tool; calls check.c, lookup.c, export.c, json.c
 * and text.c. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"
#include "check.h"
#include "export.h"
#include "json.h"
#include "lookup.h"
#include "near.h"
#include "text.h"


static const char usage_text[] =
	"Usage: smtpcode [-S STD] [-j] CODE            explain a reply code\n"
	"       smtpcode [-S STD] [-j] CODE COMMAND    is CODE a valid reply to COMMAND?\n"
	"       smtpcode [-j] X.Y.Z                    explain an enhanced status code\n"
	"       smtpcode [-S STD] [-j] CODE X.Y.Z [COMMAND]\n"
	"                                   do CODE and X.Y.Z go together (and COMMAND)?\n"
	"                                   (CODE, X.Y.Z and COMMAND in any order)\n"
	"       smtpcode [-S STD] [-j] -c COMMAND      the replies COMMAND may get\n"
	"       smtpcode [-S STD] [-j] -l              every known code\n"
	"       smtpcode [-S STD] [-j] -s WORD...      codes whose text has every WORD\n"
	"       smtpcode [-S STD] [-j] PATTERN         codes matching 5xx, 55x, 5.1.x, x.7.x\n"
	"       smtpcode [-S STD] [-j] 'REPLY'         explain a pasted reply, DSN field, log\n"
	"                                   line or bounce paragraph, folded or not\n"
	"                                   (quoted, or as several words), and a\n"
	"                                   failure's reason (a provider's meaning)\n"
	"       smtpcode [-S STD] [-j] -               one lookup per line of standard input\n"
	"       smtpcode check [-S STD] [--all] [--json] [--summary] [FILE...]\n"
	"                                   judge the replies in mail logs\n"
	"       smtpcode --export=json|csv            the whole reference, for programs\n"
	"       smtpcode -h | -V\n"
	"\n"
	"Look up SMTP reply codes (RFC 821, 2821, 5321) and enhanced status codes\n"
	"(RFC 3463, the IANA registry), and whether a code is a valid reply to a\n"
	"command.\n"
	"\n"
	"Options:\n"
	"  -S, --standard=STD   judge by rfc821, rfc2821 or rfc5321 (default: rfc5321,\n"
	"                       as RFC 7504 updates it with 521 and 556)\n"
	"  -j, --json           print one JSON document\n"
	"  -c, --command=CMD    list the replies CMD may get under the standard\n"
	"  -l, --list           list every known code, then every enhanced code\n"
	"  -s, --search         treat the arguments as words to search for (in the\n"
	"                       texts of reply codes and enhanced codes)\n"
	"      --export=FORMAT  write every table as json or csv (schema: man smtpcode)\n"
	"      --color[=WHEN]   colour codes and verdicts: auto (the default: on a\n"
	"                       terminal, unless NO_COLOR is set), always or never\n"
	"  -h, --help           print this help and exit\n"
	"  -V, --version        print the version and exit\n"
	"\n"
	"COMMAND is an SMTP command (HELO, EHLO, MAIL, RCPT, DATA, RSET, VRFY, EXPN,\n"
	"HELP, NOOP, QUIT, SEND, SOML, SAML, TURN), an extension's (STARTTLS, AUTH,\n"
	"BDAT, BURL, ETRN, ATRN, LHLO), CONNECT for the greeting or end-of-data for\n"
	"the reply to the message data; case does not matter.\n"
	"\n"
	"Exit status: 0 found or valid (conditionally valid too); 1 not found or\n"
	"not valid; 2 usage error, or input that is not a code, pattern or known\n"
	"command.\n";


static int usage_error(const char *message)
{
	json_error(NULL, message);
	fprintf(stderr, "%s: %s (try '%s --help')\n", progname, message, progname);
	return EXIT_USAGE;
}


/* Reports a failed write to stdout; returns the exit status to use. */
static int finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: write error: %s\n", progname,
		        errno ? strerror(errno) : "unknown error");
		return EXIT_USAGE;
	}
	return status;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "standard", required_argument, NULL, 'S' },
		{ "json", no_argument, NULL, 'j' },
		{ "command", required_argument, NULL, 'c' },
		{ "list", no_argument, NULL, 'l' },
		{ "search", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "export", required_argument, NULL, 'E' },
		{ "color", optional_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { SMTPCODE_STD_DEFAULT, 0, 0 };
	const char *colour = NULL;
	const char *command = NULL, *export = NULL;
	int list = 0, search = 0, ch;

	{
		/* "check" after global options (-S STD, --standard, -j, --json,
		 * --color): they go to check, which takes them too */
		int i = 1;
		while (i < argc && argv[i][0] == '-' && strcmp(argv[i], "check") != 0) {
			if (strcmp(argv[i], "-S") == 0 || strcmp(argv[i], "--standard") == 0)
				i += 2;
			else if (strncmp(argv[i], "-S", 2) == 0 || strncmp(argv[i], "--standard=", 11) == 0 ||
			         strcmp(argv[i], "-j") == 0 || strcmp(argv[i], "--json") == 0 ||
			         strcmp(argv[i], "--color") == 0 || strncmp(argv[i], "--color=", 8) == 0)
				i++;
			else
				break;
		}
		if (i < argc && strcmp(argv[i], "check") == 0) {
			/* argv becomes: check, the global options, the rest */
			char *word = argv[i];
			memmove(argv + 2, argv + 1, (size_t)(i - 1) * sizeof *argv);
			argv[1] = word;
			return check_main(argc - 1, argv + 1);
		}
	}

	json_errors = wants_json(argc, argv);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":S:jc:lshV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'S':
			if (parse_standard(optarg, &o.std))
				return EXIT_USAGE;
			o.std_given = 1;
			break;
		case 'j':
			o.json = 1;
			break;
		case 'c':
			command = optarg;
			break;
		case 'l':
			list = 1;
			break;
		case 's':
			search = 1;
			break;
		case 'E':
			export = optarg;
			break;
		case 'K':
			colour = colour_when(optarg);
			if (colour_choose(colour) < 0)
				return bad_input(colour, "not a --color (auto, always or never)");
			break;
		case 'h':
			fputs(usage_text, stdout);
			return finish(EXIT_YES);
		case 'V':
			printf("smtpcode %s\n"
			       "Copyright (c) 2026 smtpcode contributors.\n"
			       "License MIT: <https://opensource.org/licenses/MIT>.\n"
			       "This is free software: you are free to change and "
			       "redistribute it.\n", smtpcode_version());
			return finish(EXIT_YES);
		default:
			return option_error(NULL, ch, argc, argv, longopts,
			                    ch != ':' ? NULL :
			                    optopt == 'E' ? "json or csv" :
			                    optopt == 'S' ? "rfc821, rfc2821 or rfc5321" :
			                    optopt == 'c' ? "an SMTP command: HELO, MAIL, RCPT ..." : NULL);
		}
	}
	argc -= optind;
	argv += optind;
	/* colour by default on a terminal only; never in JSON */
	if (colour == NULL)
		colour_choose(NULL);
	if (o.json)
		colour_on = 0;

	if (list + search + (command != NULL) + (export != NULL) > 1)
		return usage_error("-c, -l, -s and --export cannot be combined");
	if (export) {
		if (argc > 0)
			return usage_error("--export takes no further arguments");
		return finish(export_main(export));
	}
	if (command) {
		if (argc > 0)
			return usage_error("-c takes no further arguments");
		return finish(do_command(&o, command));
	}
	if (list) {
		if (argc > 0)
			return usage_error("-l takes no arguments");
		return finish(do_list(&o));
	}
	if (search) {
		if (argc == 0)
			return usage_error("-s needs at least one word");
		return finish(do_search(&o, argc, argv));
	}
	if (argc == 0)
		return usage_error("no code given");
	if (argc == 1 && strcmp(argv[0], "-") == 0)
		return finish(do_stdin(&o));
	{
		/* a mode's word mistyped ("chek"): a word of letters only that
		 * names no command, one slip from "check" */
		static const char *const modes[] = { "check" };
		size_t n = strlen(argv[0]);
		if (n > 0 && strspn(argv[0], "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") == n &&
		    smtpcode_command(argv[0], n) == NULL && near_word(argv[0], n, modes, 1) != NULL) {
			char m[96];
			snprintf(m, sizeof m, "unknown mode %.40s; did you mean check?", argv[0]);
			json_error(argv[0], m);
			fprintf(stderr, "%s: %s (try '%s --help')\n", progname, m, progname);
			return EXIT_USAGE;
		}
	}
	return finish(do_lookups(&o, argc, argv));
}
