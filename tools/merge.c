/* SPDX-License-Identifier: MIT */
/* merge.c - "check --merge": the JSON summaries of separate runs (shards,
 * hosts, days, jobs) added up into the summary of one run over them all.
 * It reads the summaries this tool writes, nothing more: an object whose
 * "kind" is "summary" on a line of its own.
 * Layer: above counts.c, under jobs.c and check.c; calls counts.c and
 * text.c (file_error) only. */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it: getline */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counts.h"
#include "merge.h"
#include "text.h"

#define MAX_DEPTH 64                 /* of the records passed over */
#define MAX_SUMMARY_LINE (64u << 20) /* 2,048 hosts take about 200 KB */

struct cursor {
	const char *p, *end;
	const char *error; /* the first problem, or NULL */
	char what[160];
};

static int fail(struct cursor *c, const char *why)
{
	if (c->error == NULL)
		c->error = why;
	return -1;
}

static void blank(struct cursor *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r' || *c->p == '\n'))
		c->p++;
}

/* Takes ch (after blanks), or fails. */
static int take(struct cursor *c, char ch)
{
	blank(c);
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return 0;
	}
	return fail(c, "not JSON");
}

/* Whether the next byte (after blanks) is ch; taken when it is. */
static int next_is(struct cursor *c, char ch)
{
	blank(c);
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return 1;
	}
	return 0;
}

static int hex4(struct cursor *c, unsigned *v)
{
	*v = 0;
	for (int k = 0; k < 4; k++, c->p++) {
		int d;
		if (c->p >= c->end)
			return fail(c, "not JSON");
		d = *c->p >= '0' && *c->p <= '9' ? *c->p - '0' :
		    *c->p >= 'a' && *c->p <= 'f' ? *c->p - 'a' + 10 :
		    *c->p >= 'A' && *c->p <= 'F' ? *c->p - 'A' + 10 : -1;
		if (d < 0)
			return fail(c, "not JSON");
		*v = *v * 16 + (unsigned)d;
	}
	return 0;
}

/* A JSON string into out[0..size), escapes decoded (UTF-8); out NULL to
 * pass it over. */
static int string(struct cursor *c, char *out, size_t size)
{
	size_t n = 0;

	if (take(c, '"'))
		return -1;
	while (c->p < c->end && *c->p != '"') {
		unsigned char u[4];
		size_t k = 0;
		unsigned v;
		if ((unsigned char)*c->p < 0x20)
			return fail(c, "not JSON");
		if (*c->p != '\\') {
			u[k++] = (unsigned char)*c->p++;
		} else {
			if (++c->p >= c->end)
				return fail(c, "not JSON");
			switch (*c->p++) {
			case '"': u[k++] = '"'; break;
			case '\\': u[k++] = '\\'; break;
			case '/': u[k++] = '/'; break;
			case 'b': u[k++] = '\b'; break;
			case 'f': u[k++] = '\f'; break;
			case 'n': u[k++] = '\n'; break;
			case 'r': u[k++] = '\r'; break;
			case 't': u[k++] = '\t'; break;
			case 'u':
				if (hex4(c, &v))
					return -1;
				if (v >= 0xd800 && v < 0xdc00) { /* a surrogate pair */
					unsigned lo;
					if (c->end - c->p < 2 || c->p[0] != '\\' || c->p[1] != 'u')
						return fail(c, "not JSON");
					c->p += 2;
					if (hex4(c, &lo))
						return -1;
					if (lo < 0xdc00 || lo >= 0xe000)
						return fail(c, "not JSON");
					v = 0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00);
				} else if (v >= 0xdc00 && v < 0xe000) {
					return fail(c, "not JSON");
				}
				if (v < 0x80) {
					u[k++] = (unsigned char)v;
				} else if (v < 0x800) {
					u[k++] = (unsigned char)(0xc0 | v >> 6);
					u[k++] = (unsigned char)(0x80 | (v & 0x3f));
				} else if (v < 0x10000) {
					u[k++] = (unsigned char)(0xe0 | v >> 12);
					u[k++] = (unsigned char)(0x80 | (v >> 6 & 0x3f));
					u[k++] = (unsigned char)(0x80 | (v & 0x3f));
				} else {
					u[k++] = (unsigned char)(0xf0 | v >> 18);
					u[k++] = (unsigned char)(0x80 | (v >> 12 & 0x3f));
					u[k++] = (unsigned char)(0x80 | (v >> 6 & 0x3f));
					u[k++] = (unsigned char)(0x80 | (v & 0x3f));
				}
				break;
			default:
				return fail(c, "not JSON");
			}
		}
		if (out != NULL) {
			if (n + k >= size)
				return fail(c, "a name too long for a summary");
			memcpy(out + n, u, k);
		}
		n += k;
	}
	if (c->p >= c->end)
		return fail(c, "not JSON");
	c->p++;
	if (out != NULL)
		out[n] = '\0';
	return 0;
}

/* A count: a whole number, not negative. */
static int count(struct cursor *c, unsigned long *n)
{
	blank(c);
	*n = 0;
	if (c->p >= c->end || *c->p < '0' || *c->p > '9')
		return fail(c, "a count that is not a whole number");
	for (; c->p < c->end && *c->p >= '0' && *c->p <= '9'; c->p++) {
		unsigned long d = (unsigned long)(*c->p - '0');
		if (*n > (~0UL - d) / 10)
			return fail(c, "a count too large");
		*n = *n * 10 + d;
	}
	if (c->p < c->end && (*c->p == '.' || *c->p == 'e' || *c->p == 'E'))
		return fail(c, "a count that is not a whole number");
	return 0;
}

static int word(struct cursor *c, const char *w)
{
	size_t n = strlen(w);

	blank(c);
	if ((size_t)(c->end - c->p) >= n && memcmp(c->p, w, n) == 0) {
		c->p += n;
		return 0;
	}
	return fail(c, "not JSON");
}

/* Passes over any JSON value. */
static int skip(struct cursor *c, int depth) /* NOLINT(misc-no-recursion): MAX_DEPTH deep at most */
{
	blank(c);
	if (depth > MAX_DEPTH)
		return fail(c, "JSON nested too deep");
	if (c->p >= c->end)
		return fail(c, "not JSON");
	switch (*c->p) {
	case '"':
		return string(c, NULL, 0);
	case '{':
		c->p++;
		if (next_is(c, '}'))
			return 0;
		do {
			if (string(c, NULL, 0) || take(c, ':') || skip(c, depth + 1))
				return -1;
		} while (next_is(c, ','));
		return take(c, '}');
	case '[':
		c->p++;
		if (next_is(c, ']'))
			return 0;
		do {
			if (skip(c, depth + 1))
				return -1;
		} while (next_is(c, ','));
		return take(c, ']');
	case 't':
		return word(c, "true");
	case 'f':
		return word(c, "false");
	case 'n':
		return word(c, "null");
	default:
		if (*c->p == '-')
			c->p++;
		if (c->p >= c->end || *c->p < '0' || *c->p > '9')
			return fail(c, "not JSON");
		while (c->p < c->end && ((*c->p >= '0' && *c->p <= '9') || *c->p == '.' ||
		                         *c->p == 'e' || *c->p == 'E' || *c->p == '+' || *c->p == '-'))
			c->p++;
		return 0;
	}
}

/* The line's "kind": its object's member, or "" (not an object, or none). */
static int kind_of(struct cursor *c, char *kind, size_t size)
{
	char key[256];

	kind[0] = '\0';
	if (take(c, '{'))
		return -1;
	if (next_is(c, '}'))
		return 0;
	do {
		if (string(c, key, sizeof key) || take(c, ':'))
			return -1;
		if (strcmp(key, "kind") == 0 ? string(c, kind, size) : skip(c, 0))
			return -1;
	} while (next_is(c, ','));
	return take(c, '}');
}

/* "verdicts", "codes", "commands", "reasons" or "providers": an object of
 * counts by name. */
static int counts(struct cursor *c, struct counts *cn, const char *group)
{
	char name[64];
	unsigned long n;

	if (take(c, '{'))
		return -1;
	if (next_is(c, '}'))
		return 0;
	do {
		if (string(c, name, sizeof name) || take(c, ':') || count(c, &n))
			return -1;
		if (counts_add(cn, group, name, n)) {
			snprintf(c->what, sizeof c->what, "unknown name in \"%s\": \"%.40s\"", group,
			         name);
			return fail(c, c->what);
		}
	} while (next_is(c, ','));
	return take(c, '}');
}

/* A host's or a table's name: a string into name[0..size) (*named 1), or
 * null (*named 0). */
static int name_or_null(struct cursor *c, char *name, size_t size, int *named)
{
	blank(c);
	*named = 0;
	if (c->p < c->end && *c->p == 'n')
		return word(c, "null");
	if (string(c, name, size))
		return -1;
	*named = 1;
	return 0;
}

/* "hosts": [{"host":NAME or null,"origin":"local", "remote" or null,
 * "replies":N,"problems":N}...]; a host without "origin" (a summary of
 * smtpcode 0.1.0) is of origin unknown */
static int hosts(struct cursor *c, struct counts *cn)
{
	char key[16], name[1024]; /* cut to COUNTS_HOST_NAME as check cuts it */
	char origin_name[16];

	if (take(c, '['))
		return -1;
	if (next_is(c, ']'))
		return 0;
	do {
		unsigned long replies = 0, problems = 0, n;
		int named = 0, have = 0;
		enum smtpcode_log_origin origin = SMTPCODE_ORIGIN_UNKNOWN;
		if (take(c, '{'))
			return -1;
		do {
			if (string(c, key, sizeof key) || take(c, ':'))
				return fail(c, "a host that does not read");
			if (strcmp(key, "host") == 0) {
				if (name_or_null(c, name, sizeof name, &named))
					return -1;
				have |= 1;
			} else if (strcmp(key, "origin") == 0 && !(have & 8)) {
				blank(c);
				if (c->p < c->end && *c->p == 'n') {
					if (word(c, "null"))
						return -1;
				} else if (string(c, origin_name, sizeof origin_name)) {
					return fail(c, "a host that does not read");
				} else if (strcmp(origin_name, "local") == 0) {
					origin = SMTPCODE_ORIGIN_LOCAL;
				} else if (strcmp(origin_name, "remote") == 0) {
					origin = SMTPCODE_ORIGIN_REMOTE;
				} else {
					return fail(c, "a host of an unknown origin");
				}
				have |= 8;
			} else if (strcmp(key, "replies") == 0 || strcmp(key, "problems") == 0) {
				if (count(c, &n))
					return -1;
				*(key[0] == 'r' ? &replies : &problems) = n;
				have |= key[0] == 'r' ? 2 : 4;
			} else {
				return fail(c, "a host that does not read");
			}
		} while (next_is(c, ','));
		if (take(c, '}'))
			return -1;
		if ((have & 7) != 7 || (named && name[0] == '\0'))
			return fail(c, "a host that does not read");
		counts_add_host(cn, named ? name : NULL, named ? strlen(name) : 0, origin, replies,
		                problems);
	} while (next_is(c, ','));
	return take(c, ']');
}

/* "hours": {"2026-11-20T10":{"replies":N,"problems":N,"reasons":{"userunknown":N...}}...}:
 * the problems of a reason, the rest of the problems none */
static int hours(struct cursor *c, struct counts *cn)
{
	char key[16], name[32];

	if (take(c, '{'))
		return -1;
	if (next_is(c, '}'))
		return 0;
	do {
		unsigned long replies = 0, problems = 0, n, by_reason[SMTPCODE_REASON_COUNT] = { 0 };
		unsigned long with_reason = 0;
		long long hour;
		int have = 0;
		if (string(c, name, sizeof name) || take(c, ':'))
			return -1;
		if (counts_hour_of(name, &hour))
			return fail(c, "an hour that is not YYYY-MM-DDTHH");
		if (take(c, '{'))
			return -1;
		do {
			if (string(c, key, sizeof key) || take(c, ':'))
				return -1;
			if (strcmp(key, "reasons") == 0 && !(have & 4)) {
				char reason[64];
				have |= 4;
				if (take(c, '{'))
					return -1;
				if (next_is(c, '}'))
					continue;
				do {
					int r;
					if (string(c, reason, sizeof reason) || take(c, ':') || count(c, &n))
						return -1;
					r = smtpcode_reason_by_name(reason, strlen(reason));
					if (r < 0 || r >= SMTPCODE_REASON_COUNT || by_reason[r] ||
					    n > ~0UL - with_reason)
						return fail(c, "an hour's reasons that do not read");
					by_reason[r] = n;
					with_reason += n;
				} while (next_is(c, ','));
				if (take(c, '}'))
					return -1;
				continue;
			}
			if (strcmp(key, "replies") != 0 && strcmp(key, "problems") != 0)
				return fail(c, "an hour that does not read");
			if (count(c, &n))
				return -1;
			*(key[0] == 'r' ? &replies : &problems) = n;
			have |= key[0] == 'r' ? 1 : 2;
		} while (next_is(c, ','));
		if (take(c, '}'))
			return -1;
		if ((have & 3) != 3 || with_reason > problems)
			return fail(c, "an hour that does not read");
		counts_hour(cn, hour * 3600, replies, problems - with_reason, -1);
		for (int r = 0; r < SMTPCODE_REASON_COUNT; r++)
			if (by_reason[r])
				counts_hour(cn, hour * 3600, 0, by_reason[r], r);
	} while (next_is(c, ','));
	return take(c, '}');
}

/* "refused_domains", "refused_senders", "refused_recipients":
 * [{"name":NAME or null,"failures":N}...] */
static int names(struct cursor *c, struct counts *cn, int table)
{
	char key[16], name[1024]; /* cut to COUNTS_HOST_NAME as check cuts it */

	if (take(c, '['))
		return -1;
	if (next_is(c, ']'))
		return 0;
	do {
		unsigned long failures = 0;
		int named = 0, have = 0;
		if (take(c, '{'))
			return -1;
		do {
			if (string(c, key, sizeof key) || take(c, ':'))
				return fail(c, "a name's row that does not read");
			if (strcmp(key, "name") == 0 && !(have & 1)) {
				if (name_or_null(c, name, sizeof name, &named))
					return -1;
				have |= 1;
			} else if (strcmp(key, "failures") == 0 && !(have & 2)) {
				if (count(c, &failures))
					return -1;
				have |= 2;
			} else {
				return fail(c, "a name's row that does not read");
			}
		} while (next_is(c, ','));
		if (take(c, '}'))
			return -1;
		if (have != 3 || (named && name[0] == '\0'))
			return fail(c, "a name's row that does not read");
		counts_name(cn, table, named ? name : NULL, named ? strlen(name) : 0, failures);
	} while (next_is(c, ','));
	return take(c, ']');
}

/* Adds a summary object's counts to cn. */
static int summary(struct cursor *c, struct counts *cn)
{
	char key[32];
	unsigned long n;

	if (take(c, '{'))
		return -1;
	do {
		if (string(c, key, sizeof key) || take(c, ':'))
			return fail(c, "a member that does not read");
		if (strcmp(key, "kind") == 0 || strcmp(key, "summary") == 0) {
			if (skip(c, 0))
				return -1;
		} else if (strcmp(key, "verdicts") == 0 || strcmp(key, "codes") == 0 ||
		           strcmp(key, "commands") == 0 || strcmp(key, "reasons") == 0 ||
		           strcmp(key, "providers") == 0 || strcmp(key, "enhanced") == 0) {
			if (counts(c, cn, key))
				return -1;
		} else if (strcmp(key, "hosts") == 0) {
			if (hosts(c, cn))
				return -1;
		} else if (strcmp(key, "hours") == 0) {
			if (hours(c, cn))
				return -1;
		} else if (strcmp(key, counts_table_json[COUNTS_DOMAINS]) == 0 ||
		           strcmp(key, counts_table_json[COUNTS_SENDERS]) == 0 ||
		           strcmp(key, counts_table_json[COUNTS_RECIPIENTS]) == 0) {
			int t = strcmp(key, counts_table_json[COUNTS_DOMAINS]) == 0 ? COUNTS_DOMAINS :
			        strcmp(key, counts_table_json[COUNTS_SENDERS]) == 0 ? COUNTS_SENDERS :
			                                                              COUNTS_RECIPIENTS;
			if (names(c, cn, t))
				return -1;
		} else if (strcmp(key, "first_epoch") == 0 || strcmp(key, "last_epoch") == 0) {
			/* a span's end (null: no times), min and max of the
			 * summaries' */
			int minus;
			blank(c);
			if (c->p < c->end && *c->p == 'n') {
				if (word(c, "null"))
					return -1;
				continue;
			}
			minus = c->p < c->end && *c->p == '-';
			c->p += minus;
			if (count(c, &n))
				return -1;
			if (n > (unsigned long)LLONG_MAX)
				return fail(c, "a time too large");
			counts_span(cn, minus ? -(long long)n : (long long)n);
		} else if (count(c, &n) == 0) {
			if (counts_add(cn, NULL, key, n)) {
				snprintf(c->what, sizeof c->what, "unknown member \"%.40s\"", key);
				return fail(c, c->what);
			}
		} else {
			return -1;
		}
	} while (next_is(c, ','));
	return take(c, '}');
}

int merge_summaries(struct counts *cn, const char *name, FILE *f)
{
	static struct counts one; /* f's counts, added when all of f reads */
	char *line = NULL, kind[32], msg[256];
	size_t size = 0;
	ssize_t len;
	unsigned long lineno = 0, found = 0;
	int status = 0;

	counts_clear(&one);
	while (status == 0 && (len = getline(&line, &size, f)) >= 0) {
		struct cursor c = { line, line + len, NULL, "" };
		lineno++;
		if ((size_t)len > MAX_SUMMARY_LINE) {
			c.error = "a line too long for a summary";
		} else {
			blank(&c);
			if (c.p == c.end) /* a blank line */
				continue;
			if (kind_of(&c, kind, sizeof kind) == 0 && (blank(&c), c.p != c.end))
				c.error = "not one JSON object";
			if (c.error == NULL && strcmp(kind, "summary") == 0) {
				c.p = line;
				if (summary(&c, &one) == 0)
					found++;
			}
		}
		if (c.error) {
			snprintf(msg, sizeof msg, "line %lu: %s", lineno, c.error);
			status = file_error(name, msg);
		}
	}
	if (status == 0 && ferror(f))
		status = file_error(name, "read error");
	if (status == 0 && found == 0)
		status = file_error(name, "no summary (smtpcode check --summary --json writes one)");
	if (status == 0)
		counts_add_counts(cn, &one);
	counts_clear(&one);
	free(line);
	return status;
}
