/* SPDX-License-Identifier: MIT */
/*
 * bench-lookup.c - time each lookup path of libsmtpcode against a naive
 * baseline compiled into the same program: a linear scan with strcmp or
 * strcasecmp over the same data, read from the library's own iteration.
 *
 *   bench-lookup                 every path, ns per call, both ways, ratio
 *   bench-lookup PATH fast|naive N
 *                                only that loop, N calls (for callgrind:
 *                                tests/bench.sh subtracts a run of N=0)
 *   bench-lookup --spawn N PROG ARG...
 *                                start PROG N times; the median wall time
 *                                of one run, in microseconds
 *
 * Paths: empty (the loop alone, to subtract), code-int, code-text, command, alias, validity (command lookup
 * plus validity), enhanced, line (a reply line parsed and its code looked
 * up). Not a test: the figures depend on the machine.
 */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>

#include "smtpcode.h"

#define NQ 64                  /* queries per path, hits and misses */

static volatile unsigned long sink;

/* ---- The naive tables: the same data, scanned from the front ---------- */

static struct { char text[4]; const struct smtpcode_reply *r; } ncodes[1000];
static size_t nncodes;
static struct { const char *name; const struct smtpcode_command *c; } nnames[128];
static size_t nnnames;
static struct { int std; const char *command; int code; } nlist[4096];
static size_t nnlist;
static struct { int std; int code; } nany[64];
static size_t nnany;
static struct { char text[12]; const struct smtpcode_enhanced *e; } nenh[512];
static size_t nnenh;

static void naive_setup(void)
{
	const struct smtpcode_reply *r;
	const struct smtpcode_command *c, *to;
	const struct smtpcode_enhanced *e;
	const char *a;

	for (size_t i = 0; (r = smtpcode_reply_at(i)) != NULL; i++) {
		snprintf(ncodes[nncodes].text, sizeof ncodes[0].text, "%03d", r->code);
		ncodes[nncodes++].r = r;
	}
	for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++) {
		nnames[nnnames].name = c->name;
		nnames[nnnames++].c = c;
		for (int s = 0; s < SMTPCODE_STD_COUNT; s++) {
			const struct smtpcode_listing *l;
			for (size_t k = 0; (l = smtpcode_listing_at(s, c, k)) != NULL; k++) {
				nlist[nnlist].std = s;
				nlist[nnlist].command = c->name;
				nlist[nnlist++].code = l->reply->code;
			}
		}
	}
	for (size_t i = 0; (a = smtpcode_alias_at(i, &to)) != NULL; i++) {
		nnames[nnnames].name = a;
		nnames[nnnames++].c = to;
	}
	for (int s = 0; s < SMTPCODE_STD_COUNT; s++) {
		const struct smtpcode_any_rule *ar;
		for (size_t k = 0; (ar = smtpcode_any_rule_at(s, k)) != NULL; k++) {
			nany[nnany].std = s;
			nany[nnany++].code = ar->reply->code;
		}
	}
	for (int cls = 2; cls <= 5; cls++) {
		if (cls == 3)
			continue;
		for (size_t i = 0; (e = smtpcode_enhanced_at(i)) != NULL; i++) {
			snprintf(nenh[nnenh].text, sizeof nenh[0].text, "%d.%d.%d", cls, e->subject,
			         e->detail);
			nenh[nnenh++].e = e;
		}
	}
}

static const struct smtpcode_reply *naive_code_int(int code)
{
	for (size_t i = 0; i < nncodes; i++)
		if (ncodes[i].r->code == code)
			return ncodes[i].r;
	return NULL;
}

static const struct smtpcode_reply *naive_code_text(const char *s)
{
	for (size_t i = 0; i < nncodes; i++)
		if (strcmp(ncodes[i].text, s) == 0)
			return ncodes[i].r;
	return NULL;
}

static const struct smtpcode_command *naive_command(const char *s)
{
	for (size_t i = 0; i < nnnames; i++)
		if (strcasecmp(nnames[i].name, s) == 0)
			return nnames[i].c;
	return NULL;
}

/* Listed, or allowed for any command: what a naive checker would do. */
static int naive_valid(int std, const char *command, int code)
{
	const struct smtpcode_command *c = naive_command(command);

	if (c == NULL)
		return -1;
	for (size_t i = 0; i < nnlist; i++)
		if (nlist[i].std == std && nlist[i].code == code &&
		    strcmp(nlist[i].command, c->name) == 0)
			return 1;
	for (size_t i = 0; i < nnany; i++)
		if (nany[i].std == std && nany[i].code == code)
			return 1;
	return 0;
}

static const struct smtpcode_enhanced *naive_enhanced(const char *s)
{
	for (size_t i = 0; i < nnenh; i++)
		if (strcmp(nenh[i].text, s) == 0)
			return nenh[i].e;
	return NULL;
}

static const struct smtpcode_reply *naive_line(const char *s)
{
	int code;
	char sep;

	if (sscanf(s, "%3d%c", &code, &sep) != 2 || (sep != ' ' && sep != '-'))
		return NULL;
	return naive_code_int(code);
}

/* ---- Queries: a mix of hits and misses, the same for both ways --------- */

static const char *const q_codes[] = { "550", "250", "421", "354", "999", "220", "451",
	"552", "503", "600", "530", "221", "334", "012", "554", "535" };
static const char *const q_names[] = { "RCPT", "mail", "Data", "EHLO", "QUIT", "XFORWARD",
	"STARTTLS", "rset", "AUTH", "BDAT", "helo", "VRFY", "NOOP", "ETRN", "BOGUS", "LHLO" };
static const char *const q_aliases[] = { "RCPT TO", "MAIL FROM", "end-of-message",
	"END-OF-DATA", ".", "greeting", "connect", "rcpt to", "mail from", "banner" };
static const char *const q_enh[] = { "5.1.1", "4.7.1", "2.0.0", "5.7.30", "5.9.9", "4.4.2",
	"5.2.2", "2.1.5", "4.2.0", "5.5.0", "5.0.0", "4.3.1", "5.7.26", "3.1.1", "5.1.10",
	"4.7.0" };
static const char *const q_lines[] = { "550 5.1.1 <u@example.org>: user unknown",
	"250-PIPELINING", "250 2.0.0 Ok: queued as 7F3E21", "421 4.7.0 try again later",
	"354 End data with <CR><LF>.<CR><LF>", "220 mx.example.org ESMTP",
	"451 4.3.0 temporary failure", "221 2.0.0 Bye", "5xx not a reply", "334 VXNlcm5hbWU6" };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *qs[NQ];
static size_t qlen[NQ];
static int qi[NQ];

static void queries(const char *const *src, size_t n)
{
	for (size_t i = 0; i < NQ; i++) {
		qs[i] = src[i % n];
		qlen[i] = strlen(qs[i]);
		qi[i] = atoi(qs[i]);
	}
}

/* ---- The loops ------------------------------------------------------- */

/* n calls of EXPR with i running over the queries. The naive and the fast
 * way each have their own loop, so that neither pays for choosing. */
#define LOOP(expr)                                                   \
	do {                                                         \
		for (unsigned long k = 0; k < n; k++) {              \
			size_t i = k % NQ;                           \
			acc += (size_t)(expr);                       \
		}                                                    \
	} while (0)
#define EITHER(naive_expr, fast_expr)                                \
	do {                                                         \
		if (naive)                                           \
			LOOP(naive_expr);                            \
		else                                                 \
			LOOP(fast_expr);                             \
	} while (0)

/* A reply line parsed and its code looked up. */
static const struct smtpcode_reply *fast_line(const char *s, size_t len)
{
	struct smtpcode_line l;

	return smtpcode_line_parse(s, len, &l) ? smtpcode_reply(l.code) : NULL;
}

static void run(const char *path, int naive, unsigned long n)
{
	unsigned long acc = 0;

	if (strcmp(path, "empty") == 0) {
		/* The loop alone: what the others' figures include besides the call. */
		queries(q_codes, COUNT(q_codes));
		LOOP((size_t)qs[i] + qlen[i]);
	} else if (strcmp(path, "code-int") == 0) {
		queries(q_codes, COUNT(q_codes));
		EITHER(naive_code_int(qi[i]), smtpcode_reply(qi[i]));
	} else if (strcmp(path, "code-text") == 0) {
		queries(q_codes, COUNT(q_codes));
		EITHER(naive_code_text(qs[i]), smtpcode_reply_from_text(qs[i], qlen[i]));
	} else if (strcmp(path, "command") == 0 || strcmp(path, "alias") == 0) {
		if (path[0] == 'c')
			queries(q_names, COUNT(q_names));
		else
			queries(q_aliases, COUNT(q_aliases));
		EITHER(naive_command(qs[i]), smtpcode_command(qs[i], qlen[i]));
	} else if (strcmp(path, "validity") == 0) {
		queries(q_names, COUNT(q_names));
		for (size_t j = 0; j < NQ; j++)
			qi[j] = atoi(q_codes[(j * 7) % COUNT(q_codes)]);
		EITHER(naive_valid(SMTPCODE_STD_RFC5321, qs[i], qi[i]),
		       smtpcode_validate(SMTPCODE_STD_RFC5321, smtpcode_command(qs[i], qlen[i]),
		                         qi[i], NULL));
	} else if (strcmp(path, "enhanced") == 0) {
		queries(q_enh, COUNT(q_enh));
		EITHER(naive_enhanced(qs[i]), smtpcode_enhanced_from_text(qs[i], qlen[i]));
	} else if (strcmp(path, "line") == 0) {
		queries(q_lines, COUNT(q_lines));
		EITHER(naive_line(qs[i]), fast_line(qs[i], qlen[i]));
	} else {
		fprintf(stderr, "bench-lookup: unknown path '%s'\n", path);
		exit(2);
	}
	sink += acc;
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Best of 5 runs of n calls, in ns per call. */
static double ns_per_call(const char *path, int naive, unsigned long n)
{
	double best = 1e30;

	for (int r = 0; r < 5; r++) {
		double t0 = seconds();
		run(path, naive, n);
		double t = (seconds() - t0) / (double)n * 1e9;
		if (t < best)
			best = t;
	}
	return best;
}

extern char **environ;

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Median wall time of n runs of argv[0] (no shell), in microseconds. */
static int spawn_median(int n, char **argv)
{
	double *t = calloc((size_t)(n > 0 ? n : 1), sizeof *t);
	posix_spawn_file_actions_t fa;

	if (t == NULL || n < 1)
		return 2;
	/* The program's output goes nowhere. */
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	for (int i = 0; i < n; i++) {
		pid_t pid;
		int st;
		double t0 = seconds();
		if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0 ||
		    waitpid(pid, &st, 0) < 0) {
			fprintf(stderr, "bench-lookup: cannot run %s\n", argv[0]);
			posix_spawn_file_actions_destroy(&fa);
			free(t);
			return 2;
		}
		t[i] = (seconds() - t0) * 1e6;
	}
	posix_spawn_file_actions_destroy(&fa);
	qsort(t, (size_t)n, sizeof *t, cmp_double);
	printf("%.1f\n", t[n / 2]);
	free(t);
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const paths[] = { "code-int", "code-text", "command", "alias",
		"validity", "enhanced", "line" };

	if (argc >= 4 && strcmp(argv[1], "--spawn") == 0)
		return spawn_median(atoi(argv[2]), argv + 3);
	naive_setup();
	if (argc == 4) {
		run(argv[1], strcmp(argv[2], "naive") == 0, strtoul(argv[3], NULL, 10));
		return 0;
	}
	if (argc != 1) {
		fprintf(stderr, "usage: bench-lookup [PATH fast|naive N | --spawn N PROG ARG...]\n");
		return 2;
	}
	printf("%-10s %12s %12s %8s\n", "path", "ns/call", "naive ns", "ratio");
	for (size_t p = 0; p < COUNT(paths); p++) {
		double fast = ns_per_call(paths[p], 0, 2000000);
		double slow = ns_per_call(paths[p], 1, 200000);
		printf("%-10s %12.1f %12.1f %7.1fx\n", paths[p], fast, slow, slow / fast);
	}
	return 0;
}
