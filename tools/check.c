/* SPDX-License-Identifier: MIT */
/* check.c - smtpcode check: judge every reply found in mail logs. The run
 * and its options; the work is in the files below it.
 * Layer: the top of check, under smtpcode.c; calls files.c, jobs.c,
 * merge.c, counts.c, judge.c (judge_init), out.c, json.c and
 * text.c only. */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "smtpcode.h"
#include "check.h"
#include "counts.h"
#include "html.h"
#include "json.h"
#include "near.h"
#include "judge.h"
#include "merge.h"
#include "out.h"
#include "text.h"
#include "verdict.h"

/* Lines longer than MAX_LINE are reported as skipped, never cut. */
#define MAX_LINE ((size_t)64 * 1024)
#define READ_SIZE ((size_t)256 * 1024)

static const char check_usage[] =
	"Usage: smtpcode check [-S STD] [--all] [--json] [--summary] [--line-buffered]\n"
	"                      [--jobs=N] [--html=FILE] [FILE...]\n"
	"       smtpcode check --merge [--json] SUMMARY.json...\n"
	"\n"
	"Find the SMTP replies in mail logs (Postfix, Exim, Sendmail) and SMTP\n"
	"transcripts (swaks, Sendmail >>>/<<<, Postfix In:/Out:, C:/S:, S:/R:,\n"
	"C:/P:, msmtp, Python smtplib, PHPMailer, go-mail, JavaMail, Postfix\n"
	"debug_peer_list, OpenSMTPD reports, Exchange protocol logs), journald JSON,\n"
	"Amazon SES notifications, DSNs and bounce messages (a message, an mbox or\n"
	"a Maildir folder, MIME decoded), with the command each answered, and judge\n"
	"each under the standard. Reads standard input when no FILE or \"-\" is\n"
	"given; files may be compressed (gzip, xz, zstd, bzip2).\n"
	"Authentication data is never printed.\n"
	"\n"
	"Options:\n"
	"  -S, --standard=STD   rfc821, rfc2821 or rfc5321 (default: rfc5321, as RFC\n"
	"                       7504 updates it with 521 and 556)\n"
	"  -a, --all            print every reply found, not only the problems\n"
	"  -j, --json           print JSON Lines: one object per reply\n"
	"      --summary        then print counts by hour, verdict, code, command,\n"
	"                       reason and remote host (clients and servers apart),\n"
	"                       and the failures by recipient domain, sender and\n"
	"                       recipient (each list: ten, then \"and N more\")\n"
	"      --line-buffered  print each record as its line is read (the\n"
	"                       default when the output is not a file)\n"
	"      --verdict=V[,V]  only the replies with these verdicts (printed\n"
	"                       whatever they are), e.g. not-listed,malformed-code\n"
	"      --code=PATTERN   only the replies whose code matches: 550, 55x, 5xx\n"
	"      --command=CMD    only the replies to CMD (RCPT, end-of-data, ...)\n"
	"                       (the summary and the exit status count those only)\n"
	"      --ignore=CODE:COMMAND[,...]\n"
	"                       leave out replies a site accepts (554:RCPT, 4xx:DATA,\n"
	"                       550:- for no command named; CODE alone: any command)\n"
	"      --ignore-verdict=V[,V]  leave out replies with these verdicts; both\n"
	"                       are counted on one line of the summary\n"
	"      --reason=R[,R]   only the failures with these reasons (below)\n"
	"      --color[=WHEN]   colour codes and verdicts: auto (the default: on a\n"
	"                       terminal, unless NO_COLOR is set), always or never\n"
	"      --jobs=N         check N files at once (0: one per CPU), printing\n"
	"                       them in order, as one run would\n"
	"      --merge          FILEs are JSON summaries (--summary --json) of\n"
	"                       other runs: print the summary of them all\n"
	"      --html=FILE      also write the summary and the problem records as\n"
	"                       one self-contained HTML page (charts inline; the\n"
	"                       files are read in one job)\n"
	"  -h, --help           print this help and exit\n"
	"\n"
	"Verdicts: valid, conditional, no-command (not problems); not-listed,\n"
	"malformed-code, unregistered-code, enhanced-mismatch,\n"
	"unregistered-enhanced, malformed-reply (problems).\n"
	"Output: FILE:LINE: [for RCPT host HOST: ]CODE COMMAND: verdict [N], and\n"
	"under the first record of each N, \"  [N] explanation\" (in a message,\n"
	"FILE[PART]:LINE, and MBOX#N[PART]:LINE: the MIME part, the line in it)\n"
	"Exit status: 0 no problems; 1 problems found, or an input in which no\n"
	"reply was found (said on stderr); 2 a file could not be read or a usage\n"
	"error.\n"
	"Environment: SMTPCODE_SCAN=byte|avx2|auto forces the marker scan.\n";

/* --verdict WORD[,WORD]: the bits of the verdicts named; 0 after an error
 * (said on stderr). */
/* --ignore=CODE[:COMMAND][,...] into the checker's rules: 0, or
 * EXIT_USAGE after saying what is wrong. */
static int parse_ignores(struct checker *ck, const char *arg)
{
	const char *p = arg;

	do {
		size_t n = strcspn(p, ","), c = strcspn(p, ":,");
		struct ignore_rule *r;
		if (ck->nignores == CHECK_IGNORES)
			return bad_input(arg, "too many --ignore patterns (64 at most)");
		r = &ck->ignores[ck->nignores];
		if (c != 3 || strspn(p, "0123456789xX") < 3)
			return bad_input(arg, "not CODE or CODE:COMMAND (554:RCPT, 4xx:DATA, 550:-)");
		memcpy(r->code, p, 3);
		r->code[3] = '\0';
		r->command = NULL;
		r->which = 0;
		if (c < n) {
			const char *cmd = p + c + 1;
			size_t len = n - c - 1;
			if (n == c + 2 && p[c + 1] == '-') {
				r->which = 2;
			} else if ((r->command = smtpcode_command(cmd, len)) != NULL) {
				r->which = 1;
			} else {
				char m[96];
				const char *near = near_command(cmd, len);
				snprintf(m, sizeof m, "unknown command in an --ignore pattern%s%s%s",
				         near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
				return bad_input(arg, m);
			}
		}
		ck->nignores++;
		p += n;
	} while (*p++ == ',');
	return 0;
}

/* NAME[,NAME...] into a mask of the values by_name gives them (bit v for
 * value v); 0 after saying what is wrong (unknown: the message for a name
 * by_name does not know; none: for no name at all). */
static unsigned parse_names(const char *arg, int (*by_name)(const char *, size_t),
                            const char *unknown, const char *none)
{
	unsigned mask = 0;
	const char *p = arg;

	while (*p) {
		size_t n = strcspn(p, ",");
		int v = by_name(p, n);
		if (v < 0 || v > 31) {
			bad_input(arg, unknown);
			return 0;
		}
		mask |= 1u << (unsigned)v;
		p += n;
		if (*p == ',')
			p++;
	}
	if (mask == 0)
		bad_input(arg, none);
	return mask;
}

/* --reason=R[,R] into a mask of reasons; 0 after saying what is wrong. */
static unsigned parse_reasons(const char *arg)
{
	return parse_names(arg, smtpcode_reason_by_name,
	                   "unknown reason (userunknown, mailboxfull, blocked ... : "
	                   "smtpcode check --help lists them)", "names no reason");
}

/* --verdict=V[,V] and --ignore-verdict into a mask of verdicts. */
static unsigned parse_verdicts(const char *arg)
{
	return parse_names(arg, verdict_by_name,
	                   "unknown verdict (valid, conditional, no-command, not-listed, "
	                   "malformed-code, unregistered-code, enhanced-mismatch, "
	                   "unregistered-enhanced, malformed-reply)",
	                   "names no verdict");
}

void checker_init(struct checker *ck, size_t bufsize, size_t max_line)
{
	memset(ck, 0, sizeof *ck);
	ck->bufsize = bufsize;
	ck->max_line = max_line;
	ck->out = stdout;
	ck->err = stderr;
	out_init(&ck->ob, stdout, ck->out_buf, sizeof ck->out_buf);
	judge_init(&ck->judge, SMTPCODE_STD_DEFAULT);
}

void checker_free(struct checker *ck)
{
	free(ck->held);
	ck->held = NULL;
	explanations_free(&ck->explanations);
	smtpcode_log_free(ck->lg);
	ck->lg = NULL;
}

/* Whether fd is a regular file or /dev/null: output no one reads as it
 * comes. */
static int to_file(int fd)
{
	struct stat st, null;

	if (fstat(fd, &st) != 0)
		return 0;
	if (S_ISREG(st.st_mode))
		return 1;
	return S_ISCHR(st.st_mode) && stat("/dev/null", &null) == 0 && st.st_rdev == null.st_rdev;
}

int check_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "standard", required_argument, NULL, 'S' },
		{ "all", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "summary", no_argument, NULL, 's' },      /* no -s: it is --search */
		{ "line-buffered", no_argument, NULL, 'l' }, /* no -l: it is --list */
		{ "verdict", required_argument, NULL, 'V' },
		{ "code", required_argument, NULL, 'C' },
		{ "command", required_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ "color", optional_argument, NULL, 'K' },
		{ "jobs", required_argument, NULL, 'P' },    /* no -j: it is --json */
		{ "merge", no_argument, NULL, 'G' },
		{ "html", required_argument, NULL, 'W' },
		{ "ignore", required_argument, NULL, 'I' },
		{ "reason", required_argument, NULL, 'R' },
		{ "ignore-verdict", required_argument, NULL, 'U' },
		{ NULL, 0, NULL, 0 }
	};
	static struct checker ck;
	const char *colour = NULL;
	static char buf[READ_SIZE];
	int ch, status = 0, line_buffered = 0, jobs = 1, merge = 0;
	const char *html_name = NULL;
	FILE *html = NULL;
	static struct html_page page;
	char *end;
	long n;

	checker_init(&ck, sizeof buf, MAX_LINE);
	json_errors = wants_json(argc, argv);
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":S:ajh", longopts, NULL)) != -1) {

		switch (ch) {
		case 'S':
			if (parse_standard(optarg, &ck.judge.std))
				return EXIT_USAGE;
			break;
		case 'a':
			ck.all = 1;
			break;
		case 'j':
			ck.json = 1;
			break;
		case 's':
			ck.summary = 1;
			break;
		case 'l':
			line_buffered = 1;
			break;
		case 'V':
			if ((ck.verdicts = parse_verdicts(optarg)) == 0)
				return EXIT_USAGE;
			break;
		case 'C':
			if (strlen(optarg) != 3 || strspn(optarg, "0123456789xX") != 3)
				return bad_input(optarg, "not a code or pattern (550, 55x, 5xx)");
			memcpy(ck.code_pattern, optarg, 3); /* code_matches takes x and X */
			break;
		case 'M':
			if ((ck.only_command = smtpcode_command(optarg, strlen(optarg))) == NULL) {
				char m[64];
				const char *near = near_command(optarg, strlen(optarg));
				snprintf(m, sizeof m, "unknown command%s%s%s", near ? "; did you mean " : "",
				         near ? near : "", near ? "?" : "");
				return bad_input(optarg, m);
			}
			break;
		case 'K':
			colour = colour_when(optarg);
			if (colour_choose(colour) < 0)
				return bad_input(colour, "not a --color (auto, always or never)");
			break;
		case 'P':
			n = strtol(optarg, &end, 10);
			if (end == optarg || *end != '\0' || n < 0 || n > 1024)
				return bad_input(optarg, "not a number of jobs (0 to 1024; 0: one per CPU)");
			if (n == 0)
				n = sysconf(_SC_NPROCESSORS_ONLN);
			jobs = n > 0 ? (int)n : 1;
			break;
		case 'G':
			merge = 1;
			break;
		case 'W':
			html_name = optarg;
			break;
		case 'R':
			if ((ck.only_reasons = parse_reasons(optarg)) == 0)
				return EXIT_USAGE;
			break;
		case 'I':
			if (parse_ignores(&ck, optarg))
				return EXIT_USAGE;
			break;
		case 'U':
			if ((ck.ignore_verdicts |= parse_verdicts(optarg)) == 0)
				return EXIT_USAGE;
			break;
		case 'h':
			fputs(check_usage, stdout);
			/* the reasons' names, from the library's table */
			fputs("Reasons (why a 4xx or 5xx failed; data/reasons.txt):", stdout);
			for (int r = 0, col = 80; r < SMTPCODE_REASON_COUNT; r++) {
				const char *name = smtpcode_reason_name((enum smtpcode_reason)r);
				col += (int)strlen(name) + 2;
				if (col > 76) {
					fputs(r ? ",\n" : "\n", stdout);
					col = (int)strlen(name);
				} else {
					fputs(", ", stdout);
				}
				fputs(name, stdout);
			}
			fputs(".\n", stdout);
			return fflush(stdout) || ferror(stdout) ? EXIT_USAGE : EXIT_YES;
		default:
			if (optopt == 's' || optopt == 'l') {
				/* the lookups' --search and --list: check's summary and
				 * line buffering have long names only, so that no
				 * letter means two things */
				const char *m = optopt == 's' ?
				        "check: -s is --search, for lookups; the summary is --summary" :
				        "check: -l is --list, for lookups; line buffering is --line-buffered";
				json_error(NULL, m);
				fprintf(stderr, "smtpcode: %s\n", m);
				return EXIT_USAGE;
			}
			/* "-j4": -j is --json, and a digit is no option */
			return option_error("check", ch, argc, argv, longopts,
			                    ch == '?' && optopt >= '0' && optopt <= '9' ?
			                    "-j is --json; for jobs: --jobs=N" :
			                    ch != ':' ? NULL :
			                    optopt == 'P' ? "a number of jobs, 0 for one per CPU" :
			                    optopt == 'S' ? "rfc821, rfc2821 or rfc5321" :
			                    optopt == 'V' ? "verdicts, separated by commas" :
			                    optopt == 'C' ? "a code or pattern: 550, 55x, 5xx" :
			                    optopt == 'M' ? "an SMTP command: HELO, MAIL, RCPT ..." :
			                    optopt == 'W' ? "the file to write the page to" :
			                    optopt == 'I' ? "CODE:COMMAND, e.g. 554:RCPT" :
			                    optopt == 'R' ? "reasons, separated by commas" :
			                    optopt == 'U' ? "verdicts, separated by commas" : NULL);
		}
	}
	/* the run's reader; the library refuses one with a scan it has not
	 * (SMTPCODE_SCAN) */
	ck.lg = smtpcode_log_new();
	if (ck.lg == NULL) {
		int e = errno;
		const char *scan = getenv("SMTPCODE_SCAN");
		if (scan != NULL && (e == EINVAL || e == ENOTSUP))
			fprintf(stderr, "smtpcode: SMTPCODE_SCAN=%s: %s\n", scan,
			        e == EINVAL ? "unknown scan (byte, avx2 or auto)"
			                    : "this build or CPU does not have that scan");
		else
			fprintf(stderr, "smtpcode: check: %s\n", strerror(e));
		return EXIT_USAGE;
	}
	if (merge && (ck.all || ck.verdicts || ck.code_pattern[0] || ck.only_command ||
	              ck.nignores || ck.ignore_verdicts || ck.only_reasons)) {
		const char *m = "check: --merge adds up summaries; --all, --verdict, --code, "
		                "--command and --ignore choose records, which summaries do not hold";
		json_error(NULL, m);
		fprintf(stderr, "smtpcode: %s\n", m);
		checker_free(&ck);
		return EXIT_USAGE;
	}
	/* the page's file, made before any input is read: a file that cannot
	 * be written is said at once, not after a long run */
	if (html_name != NULL) {
		if (*html_name == '\0' || (html = fopen(html_name, "w")) == NULL) {
			int e = *html_name ? errno : ENOENT;
			checker_free(&ck);
			return file_error(html_name, strerror(e));
		}
		ck.html = &page;
		jobs = 1; /* the page lists the records: one job reads them all */
	}
	/* colour by default on a terminal only; never in JSON */
	if (colour == NULL)
		colour_choose(NULL);
	if (ck.json)
		colour_on = 0;
	/* Live logs (tail -F ... | smtpcode check): each record as its line
	 * comes, unless the output is a file or /dev/null; those get a
	 * buffer of 64 KiB (stdio's st_blksize of 4 KiB costs a write(2) for
	 * every few records). */
	out_stdout = &ck.ob;
	if (line_buffered || !to_file(STDOUT_FILENO)) {
		setvbuf(stdout, NULL, _IOLBF, 0);
		ck.line_buffered = 1;
	} else {
		static char out_buf[64 * 1024]; /* stdout's for the whole run */
		setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);
	}
	if (merge) {
		/* the summary of the files that read; none when none did */
		int merged = 0;
		if (optind == argc)
			status = merge_summaries(&ck.counts, "-", stdin);
		merged += optind == argc && status == 0;
		for (int i = optind; i < argc; i++) {
			FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");
			if (f == NULL) {
				status = file_error(argv[i], strerror(errno));
				continue;
			}
			if (merge_summaries(&ck.counts, argv[i], f))
				status = EXIT_USAGE;
			else
				merged++;
			if (f != stdin)
				fclose(f);
		}
		ck.summary = merged > 0;
	} else if (optind == argc) {
		status = check_fd(&ck, "-", 0, buf);
	} else if (jobs > 1 && argc - optind > 1) {
		status = check_jobs(&ck, argv + optind, argc - optind, jobs, buf);
	} else {
		for (int i = optind; i < argc && !ck.write_failed; i++) {
			int st = check_file(&ck, argv[i], buf);
			if (st > status)
				status = st;
		}
	}
	checker_free(&ck);
	out_flush(&ck.ob);
	if (html != NULL) {
		int failed = html_write(html, &ck.counts, &page, argv + optind, argc - optind, merge);
		html_free(&page);
		if (fclose(html) != 0 || failed) {
			file_error(html_name, "cannot write the page");
			status = EXIT_USAGE;
		}
	}
	if (ck.summary) {
		counts_summary(&ck.counts, stdout, ck.json);
		/* a summary of nothing says why, not empty headings */
		if (!ck.json && ck.counts.replies == 0)
			fputs(merge ? "\nno replies in the summaries\n"
			      : ck.verdicts || ck.code_pattern[0] || ck.only_command || ck.nignores ||
			                        ck.ignore_verdicts || ck.only_reasons
			              ? "\nno replies that --verdict, --code, --command and --ignore leave\n"
			              : "\nno SMTP replies found; format not recognised?\n", stdout);
	}
	if (out_flush(&ck.ob) != 0 || fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "smtpcode: write error: %s\n", strerror(errno));
		return EXIT_USAGE;
	}
	if (status == EXIT_USAGE)
		return status;
	return status == EXIT_NO || ck.counts.problems ? EXIT_NO : EXIT_YES;
}
