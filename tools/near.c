/* SPDX-License-Identifier: MIT */
/* near.c - the known word nearest to a mistyped one, for the "did you
 * mean" of an unknown option, mode or command.
 * Layer: above json.c and text.c (option_error reports through them);
 * calls the library's command table. */
#include <stdio.h>
#include <string.h>

#include "smtpcode.h"
#include "json.h"
#include "near.h"
#include "text.h"

#define NEAR_MAX 32 /* longer words are not compared: no slip is that long */

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* The optimal string alignment distance of a[0..n) and b[0..m) (both at
 * most NEAR_MAX bytes): the edits of near_word(), each byte edited once. */
static size_t distance(const char *a, size_t n, const char *b, size_t m)
{
	size_t d[NEAR_MAX + 1][NEAR_MAX + 1];

	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			size_t cost = lower((unsigned char)a[i - 1]) != lower((unsigned char)b[j - 1]);
			size_t best = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 &&
			    lower((unsigned char)a[i - 1]) == lower((unsigned char)b[j - 2]) &&
			    lower((unsigned char)a[i - 2]) == lower((unsigned char)b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[n][m];
}

const char *near_word(const char *w, size_t n, const char *const *words, size_t count)
{
	size_t limit = n <= 4 ? 1 : n <= 8 ? 2 : 3, best = limit + 1;
	const char *found = NULL;
	int tie = 0;

	if (n == 0 || n > NEAR_MAX)
		return NULL;
	for (size_t i = 0; i < count; i++) {
		size_t m = strlen(words[i]), d;
		if (m > NEAR_MAX || (m > n ? m - n : n - m) > limit)
			continue;
		d = distance(w, n, words[i], m);
		if (d < best) {
			best = d;
			found = words[i];
			tie = 0;
		} else if (d == best && found != NULL && strcmp(found, words[i]) != 0) {
			tie = 1;
		}
	}
	return tie ? NULL : found;
}

const char *near_command(const char *w, size_t n)
{
	const char *names[128];
	const struct smtpcode_command *c;
	const char *a;
	size_t count = 0;

	for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL && count < 64; i++)
		names[count++] = c->name;
	for (size_t i = 0; (a = smtpcode_alias_at(i, &c)) != NULL && count < 128; i++)
		names[count++] = a;
	return near_word(w, n, names, count);
}

const char *near_option(const char *arg, const struct option *opts)
{
	const char *names[64];
	size_t count = 0, n;

	if (arg == NULL || arg[0] != '-')
		return NULL;
	arg += arg[1] == '-' ? 2 : 1;
	n = strcspn(arg, "=");
	for (; opts->name != NULL && count < sizeof names / sizeof names[0]; opts++)
		names[count++] = opts->name;
	return near_word(arg, n, names, count);
}

int option_error(const char *mode, int ch, int argc, char **argv, const struct option *opts,
                 const char *hint)
{
	char shown[80], message[256];
	const char *near = NULL, *arg = optind > 1 && optind <= argc ? argv[optind - 1] : NULL;

	if (ch == ':') {
		/* a missing argument: optopt is the option's letter or value */
		const struct option *o;
		for (o = opts; o->name != NULL && o->val != optopt; o++)
			;
		if (o->name != NULL && arg != NULL && strncmp(arg, "--", 2) == 0)
			snprintf(shown, sizeof shown, "--%s", o->name);
		else
			snprintf(shown, sizeof shown, "-%c", optopt);
		snprintf(message, sizeof message, "option %s needs an argument", shown);
	} else {
		if (optopt != 0) {
			snprintf(shown, sizeof shown, "-%c", optopt);
		} else if (arg != NULL) {
			/* (a long option's word, up to its '=': never its value) */
			snprintf(shown, sizeof shown, "%.*s", (int)strcspn(arg, "="), arg);
			near = near_option(arg, opts);
		} else {
			snprintf(shown, sizeof shown, "?");
		}
		if (near != NULL)
			snprintf(message, sizeof message, "unknown option %s; did you mean --%s?", shown,
			         near);
		else
			snprintf(message, sizeof message, "unknown option %s", shown);
	}
	if (hint != NULL) {
		size_t n = strlen(message);
		snprintf(message + n, sizeof message - n, " (%s)", hint);
	}
	json_error(shown, message);
	if (mode != NULL)
		fprintf(stderr, "%s: %s: %s (try '%s %s --help')\n", progname, mode, message, progname,
		        mode);
	else
		fprintf(stderr, "%s: %s (try '%s --help')\n", progname, message, progname);
	return EXIT_USAGE;
}
