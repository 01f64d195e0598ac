/* SPDX-License-Identifier: MIT */
/* counts.c - what "check" counts, added up, and the summary of them.
 * Layer: under report.c, merge.c, jobs.c and check.c; calls json.c
 * (json_string), text.c (put_escaped) and the library only. */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it: gmtime_r */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "smtpcode.h"
#include "counts.h"
#include "json.h"
#include "text.h"

/* Adds replies and problems to the counts of the remote host
 * name[0..len) of origin: a table of the first COUNTS_HOSTS / 2 names
 * and origins, searched from a hash; the rest (and name NULL) go under
 * others. */
void counts_add_host(struct counts *cn, const char *name, size_t len,
                     enum smtpcode_log_origin origin, unsigned long replies,
                     unsigned long problems)
{
	unsigned long h = 5381;
	unsigned o = (unsigned)origin < COUNTS_ORIGINS ? (unsigned)origin : SMTPCODE_ORIGIN_UNKNOWN;
	size_t i;

	if (name == NULL)
		goto others;
	if (len >= COUNTS_HOST_NAME) { /* cut, at a character's start */
		len = COUNTS_HOST_NAME - 1;
		while (len > 0 && ((unsigned char)name[len] & 0xc0) == 0x80)
			len--;
	}
	if (cn->hosts == NULL && (cn->hosts = calloc(COUNTS_HOSTS, sizeof *cn->hosts)) == NULL) {
		cn->failed = 1;
		return;
	}
	for (i = 0; i < len; i++)
		h = h * 33 + (unsigned char)name[i];
	h = h * 33 + o;
	for (i = h % COUNTS_HOSTS;; i = (i + 1) % COUNTS_HOSTS) {
		struct host_count *c = &cn->hosts[i];
		if (c->name[0] == '\0') {
			if (cn->nhosts >= COUNTS_HOSTS / 2) /* full enough: the rest */
				goto others;
			memcpy(c->name, name, len);
			c->name[len] = '\0';
			c->origin = (unsigned char)o;
			cn->nhosts++;
		} else if (c->origin != o || strncmp(c->name, name, len) != 0 || c->name[len] != '\0') {
			continue;
		}
		c->replies += replies;
		c->problems += problems;
		return;
	}
others:
	cn->other_host_replies[o] += replies;
	cn->other_host_problems[o] += problems;
}

/* Adds n to the provider named name[0..len) (past the table's room:
 * not counted, as it has no name left to count under). */
static void add_provider(struct counts *cn, const char *name, size_t len, unsigned long n)
{
	size_t i;

	if (len >= sizeof cn->by_provider[0].name)
		len = sizeof cn->by_provider[0].name - 1;
	for (i = 0; i < cn->nproviders; i++)
		if (strncmp(cn->by_provider[i].name, name, len) == 0 &&
		    cn->by_provider[i].name[len] == '\0')
			break;
	if (i == cn->nproviders) {
		if (i == COUNTS_PROVIDERS)
			return;
		memcpy(cn->by_provider[i].name, name, len);
		cn->by_provider[i].name[len] = '\0';
		cn->nproviders++;
	}
	cn->by_provider[i].n += n;
}

void counts_reason(struct counts *cn, int reason, const char *provider)
{
	if (reason >= 0 && reason < SMTPCODE_REASON_COUNT)
		cn->by_reason[reason]++;
	if (provider != NULL)
		add_provider(cn, provider, strlen(provider), 1);
}

int counts_add(struct counts *cn, const char *group, const char *name, unsigned long n)
{
	const struct smtpcode_command *c;
	unsigned long *top[] = { &cn->files, &cn->lines, &cn->replies, &cn->skipped,
	                         &cn->problems, &cn->ignored };
	static const char *const top_names[] = { "files", "lines", "replies", "skipped",
	                                         "problems", "ignored" };

	if (group == NULL) {
		for (size_t k = 0; k < sizeof top / sizeof top[0]; k++)
			if (strcmp(name, top_names[k]) == 0) {
				*top[k] += n;
				return 0;
			}
	} else if (strcmp(group, "verdicts") == 0) {
		for (int v = 0; v < V_COUNT; v++)
			if (strcmp(name, verdict_name((enum verdict)v)) == 0) {
				cn->by_verdict[v] += n;
				return 0;
			}
	} else if (strcmp(group, "reasons") == 0) {
		int r = smtpcode_reason_by_name(name, strlen(name));
		if (r >= 0 && r < SMTPCODE_REASON_COUNT) {
			cn->by_reason[r] += n;
			return 0;
		}
	} else if (strcmp(group, "providers") == 0) {
		if (*name) {
			add_provider(cn, name, strlen(name), n);
			return 0;
		}
	} else if (strcmp(group, "codes") == 0) {
		if (strlen(name) == 3 && strspn(name, "0123456789") == 3) {
			cn->by_code[(name[0] - '0') * 100 + (name[1] - '0') * 10 + (name[2] - '0')] += n;
			return 0;
		}
	} else if (strcmp(group, "commands") == 0) {
		if (strcmp(name, "(none)") == 0) {
			cn->no_command += n;
			return 0;
		}
		c = smtpcode_command(name, strlen(name));
		if (c && c->id < sizeof cn->by_command / sizeof cn->by_command[0] &&
		    strcmp(c->name, name) == 0) {
			cn->by_command[c->id] += n;
			return 0;
		}
	}
	return -1;
}

void counts_add_counts(struct counts *to, const struct counts *from)
{
	to->files += from->files;
	to->lines += from->lines;
	if (from->have_span) {
		counts_span(to, from->first_epoch);
		counts_span(to, from->last_epoch);
	}
	to->replies += from->replies;
	to->skipped += from->skipped;
	to->problems += from->problems;
	to->ignored += from->ignored;
	for (size_t k = 0; k < sizeof to->by_verdict / sizeof to->by_verdict[0]; k++)
		to->by_verdict[k] += from->by_verdict[k];
	for (size_t k = 0; k < sizeof to->by_code / sizeof to->by_code[0]; k++)
		to->by_code[k] += from->by_code[k];
	for (size_t k = 0; k < sizeof to->by_command / sizeof to->by_command[0]; k++)
		to->by_command[k] += from->by_command[k];
	to->no_command += from->no_command;
	for (size_t k = 0; k < SMTPCODE_REASON_COUNT; k++)
		to->by_reason[k] += from->by_reason[k];
	for (size_t k = 0; k < from->nproviders; k++)
		add_provider(to, from->by_provider[k].name, strlen(from->by_provider[k].name),
		             from->by_provider[k].n);
	for (size_t i = 0; from->hosts && i < COUNTS_HOSTS; i++)
		if (from->hosts[i].name[0])
			counts_add_host(to, from->hosts[i].name, strlen(from->hosts[i].name),
			                (enum smtpcode_log_origin)from->hosts[i].origin,
			                from->hosts[i].replies, from->hosts[i].problems);
	for (unsigned o = 0; o < COUNTS_ORIGINS; o++)
		if (from->other_host_replies[o])
			counts_add_host(to, NULL, 0, (enum smtpcode_log_origin)o,
			                from->other_host_replies[o], from->other_host_problems[o]);
}

void counts_clear(struct counts *cn)
{
	cn->files = cn->lines = cn->replies = cn->skipped = cn->problems = cn->ignored = 0;
	cn->have_span = 0;
	cn->first_epoch = cn->last_epoch = 0;
	memset(cn->by_verdict, 0, sizeof cn->by_verdict);
	memset(cn->by_code, 0, sizeof cn->by_code);
	memset(cn->by_reason, 0, sizeof cn->by_reason);
	memset(cn->by_provider, 0, sizeof cn->by_provider);
	cn->nproviders = 0;
	memset(cn->by_command, 0, sizeof cn->by_command);
	cn->no_command = 0;
	free(cn->hosts);
	cn->hosts = NULL;
	cn->nhosts = 0;
	memset(cn->other_host_replies, 0, sizeof cn->other_host_replies);
	memset(cn->other_host_problems, 0, sizeof cn->other_host_problems);
}

/* The order of the origins' lists: the clients this host answered, the
 * servers that answered it, then the hosts whose replies are not known. */
static unsigned origin_rank(unsigned origin)
{
	return origin == SMTPCODE_ORIGIN_LOCAL ? 0 : origin == SMTPCODE_ORIGIN_REMOTE ? 1 : 2;
}

/* By origin; in one, most problems first, then most replies, then by
 * name. */
static int by_problems(const void *a, const void *b)
{
	const struct host_count *x = a, *y = b;

	if (x->origin != y->origin)
		return origin_rank(x->origin) < origin_rank(y->origin) ? -1 : 1;
	if (x->problems != y->problems)
		return x->problems > y->problems ? -1 : 1;
	if (x->replies != y->replies)
		return x->replies > y->replies ? -1 : 1;
	return strcmp(x->name, y->name);
}

struct host_count *counts_sorted_hosts(struct counts *cn, size_t *count)
{
	size_t n = 0;

	*count = 0;
	if (cn->hosts == NULL)
		return NULL;
	for (size_t i = 0; i < COUNTS_HOSTS; i++)
		if (cn->hosts[i].name[0])
			cn->hosts[n++] = cn->hosts[i];
	qsort(cn->hosts, n, sizeof *cn->hosts, by_problems);
	*count = n;
	return cn->hosts;
}

/* The origins in the order of their lists, and their names in JSON. */
static const unsigned origin_order[COUNTS_ORIGINS] = {
	SMTPCODE_ORIGIN_LOCAL, SMTPCODE_ORIGIN_REMOTE, SMTPCODE_ORIGIN_UNKNOWN
};
static const char *const origin_json[COUNTS_ORIGINS] = {
	[SMTPCODE_ORIGIN_UNKNOWN] = "null",
	[SMTPCODE_ORIGIN_LOCAL] = "\"local\"",
	[SMTPCODE_ORIGIN_REMOTE] = "\"remote\"",
};

/* The columns s takes as put_escaped writes it: a control byte four
 * (\xHH), a UTF-8 character one. */
static size_t shown_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		w += c < 0x20 || c == 0x7f ? 4 : (c & 0xc0) != 0x80;
	}
	return w;
}

/* The ten hosts of one origin with the most problems, h[0..n) sorted, then
 * the others together: none when the origin has no host. The names'
 * column is as wide as the longest shown, its title's at least. */
static void host_list(FILE *out, unsigned origin, const struct host_count *h, size_t n,
                      unsigned long other_replies, unsigned long other_problems)
{
	static const char *const titles[COUNTS_ORIGINS] = {
		[SMTPCODE_ORIGIN_LOCAL] = "clients this host replied to",
		[SMTPCODE_ORIGIN_REMOTE] = "servers that replied to this host",
		[SMTPCODE_ORIGIN_UNKNOWN] = "remote hosts (origin not known)",
	};
	const char *title = titles[origin];
	size_t width = strlen(title), shown = n;

	if (n == 0 && other_replies == 0)
		return;
	if (shown > 10)
		shown = 10;
	for (size_t i = 0; i < shown; i++)
		if (shown_width(h[i].name) > width)
			width = shown_width(h[i].name);
	fprintf(out, "\n%-*s %10s %10s\n", (int)width, title, "replies", "problems");
	for (size_t i = 0; i < shown; i++) {
		put_escaped(out, h[i].name, strlen(h[i].name), 0);
		fprintf(out, "%*s %10lu %10lu\n", (int)(width - shown_width(h[i].name)), "",
		        h[i].replies, h[i].problems);
	}
	if (n > 10 || other_replies) {
		for (size_t i = 10; i < n; i++) {
			other_replies += h[i].replies;
			other_problems += h[i].problems;
		}
		fprintf(out, "%-*s %10lu %10lu\n", (int)width, "(others)", other_replies,
		        other_problems);
	}
}

/* epoch as UTC "2026-11-20 10:00:01" into buf (the number itself for a
 * time gmtime_r cannot give). */
static void utc_time(char *buf, size_t size, long long epoch)
{
	struct tm tm;
	time_t t = (time_t)epoch;

	if ((long long)t != epoch || gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(buf, size, "%lld", epoch);
}

void counts_summary(struct counts *cn, FILE *out, int json)
{
	const struct smtpcode_command *c;
	size_t nsorted;
	const struct host_count *h = counts_sorted_hosts(cn, &nsorted);

	if (json) {
		int first;

		fprintf(out, "{\"kind\":\"summary\",\"summary\":true,\"files\":%lu,", cn->files);
		/* the span of the records' times, null for none */
		if (cn->have_span)
			fprintf(out, "\"first_epoch\":%lld,\"last_epoch\":%lld,", cn->first_epoch,
			        cn->last_epoch);
		else
			fputs("\"first_epoch\":null,\"last_epoch\":null,", out);
		fprintf(out, "\"lines\":%lu,\"replies\":%lu,\"skipped\":%lu,"
		       "\"problems\":%lu,\"ignored\":%lu,\"verdicts\":{", cn->lines, cn->replies,
		       cn->skipped, cn->problems, cn->ignored);
		for (int v = 0; v < V_COUNT; v++)
			fprintf(out, "%s\"%s\":%lu", v ? "," : "", verdict_name((enum verdict)v), cn->by_verdict[v]);
		fputs("},\"codes\":{", out);
		first = 1;
		for (int k = 0; k < 1000; k++)
			if (cn->by_code[k]) {
				fprintf(out, "%s\"%03d\":%lu", first ? "" : ",", k, cn->by_code[k]);
				first = 0;
			}
		fputs("},\"commands\":{", out);
		first = 1;
		for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++)
			if (cn->by_command[i]) {
				fprintf(out, "%s\"%s\":%lu", first ? "" : ",", c->name, cn->by_command[i]);
				first = 0;
			}
		if (cn->no_command)
			fprintf(out, "%s\"(none)\":%lu", first ? "" : ",", cn->no_command);
		/* the failures by reason and by provider */
		fputs("},\"reasons\":{", out);
		first = 1;
		for (int r = 0; r < SMTPCODE_REASON_COUNT; r++)
			if (cn->by_reason[r]) {
				fprintf(out, "%s\"%s\":%lu", first ? "" : ",",
				        smtpcode_reason_name((enum smtpcode_reason)r), cn->by_reason[r]);
				first = 0;
			}
		fputs("},\"providers\":{", out);
		for (size_t i = 0; i < cn->nproviders; i++) {
			fputs(i ? "," : "", out);
			json_string(out, cn->by_provider[i].name);
			fprintf(out, ":%lu", cn->by_provider[i].n);
		}
		/* every remote host, by origin (local, remote, null), most
		 * problems first; those past the table's room together,
		 * host null */
		fputs("},\"hosts\":[", out);
		first = 1;
		for (size_t i = 0, k = 0; k < COUNTS_ORIGINS; k++) {
			unsigned o = origin_order[k];
			for (; i < cn->nhosts && h[i].origin == o; i++) {
				fprintf(out, "%s{\"host\":", first ? "" : ",");
				json_string(out, h[i].name);
				fprintf(out, ",\"origin\":%s,\"replies\":%lu,\"problems\":%lu}",
				        origin_json[o], h[i].replies, h[i].problems);
				first = 0;
			}
			if (cn->other_host_replies[o]) {
				fprintf(out, "%s{\"host\":null,\"origin\":%s,\"replies\":%lu,\"problems\":%lu}",
				        first ? "" : ",", origin_json[o], cn->other_host_replies[o],
				        cn->other_host_problems[o]);
				first = 0;
			}
		}
		fputs("]}\n", out);
		return;
	}
	/* the first lines: when, what was read, what was found */
	if (cn->have_span) {
		char first[32], last[32];
		utc_time(first, sizeof first, cn->first_epoch);
		utc_time(last, sizeof last, cn->last_epoch);
		fprintf(out, "\n%-22s %s to %s\n", "time span (UTC)", first, last);
	} else {
		fprintf(out, "\n%-22s %s\n", "time span", "no times in the records");
	}
	fprintf(out, "%-22s %10lu\n%-22s %10lu\n%-22s %10lu\n%-22s %10lu\n%-22s %10lu\n",
	       "files read", cn->files, "lines read", cn->lines, "replies found", cn->replies,
	       "lines skipped", cn->skipped, "problems", cn->problems);
	/* the replies a site said it accepts: left out of every count below,
	 * never dropped without a word */
	if (cn->ignored)
		fprintf(out, "%-22s %10lu\n", "ignored (--ignore)", cn->ignored);
	if (cn->replies == 0)
		return; /* no headings over nothing: the caller says why */
	fprintf(out, "\n%-22s %10s\n", "verdict", "replies");
	for (int v = 0; v < V_COUNT; v++)
		if (cn->by_verdict[v])
			fprintf(out, "%-22s %10lu\n", verdict_name((enum verdict)v), cn->by_verdict[v]);
	fprintf(out, "\n%-22s %10s\n", "code", "replies");
	for (int k = 0; k < 1000; k++)
		if (cn->by_code[k])
			fprintf(out, "%03d%-19s %10lu\n", k, "", cn->by_code[k]);
	fprintf(out, "\n%-22s %10s\n", "command", "replies");
	for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++)
		if (cn->by_command[i])
			fprintf(out, "%-22s %10lu\n", c->name, cn->by_command[i]);
	if (cn->no_command)
		fprintf(out, "%-22s %10lu\n", "(none)", cn->no_command);
	{
		/* why the failures failed, and whose documented replies */
		int any = 0;
		for (int r = 0; r < SMTPCODE_REASON_COUNT; r++)
			if (cn->by_reason[r]) {
				if (!any++)
					fprintf(out, "\n%-22s %10s\n", "reason", "failures");
				fprintf(out, "%-22s %10lu\n", smtpcode_reason_name((enum smtpcode_reason)r),
				        cn->by_reason[r]);
			}
		for (size_t i = 0; i < cn->nproviders; i++) {
			if (i == 0)
				fprintf(out, "\n%-22s %10s\n", "provider", "failures");
			put_escaped(out, cn->by_provider[i].name, strlen(cn->by_provider[i].name), 0);
			fprintf(out, "%*s %10lu\n",
			        strlen(cn->by_provider[i].name) < 22 ? (int)(22 - strlen(cn->by_provider[i].name)) : 0,
			        "", cn->by_provider[i].n);
		}
	}
	for (size_t i = 0, k = 0; k < COUNTS_ORIGINS; k++) {
		size_t end = i;
		while (end < cn->nhosts && h[end].origin == origin_order[k])
			end++;
		host_list(out, origin_order[k], h != NULL ? h + i : NULL, end - i,
		          cn->other_host_replies[origin_order[k]],
		          cn->other_host_problems[origin_order[k]]);
		i = end;
	}
}
