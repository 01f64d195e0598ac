/* SPDX-License-Identifier: MIT */
/* counts.h - what "check" counts (lines, replies, verdicts, codes,
 * commands, remote hosts), added up across files, jobs and the summaries
 * of other runs, and the summary that prints them (counts.c). */
#ifndef SMTPCODE_COUNTS_H
#define SMTPCODE_COUNTS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "smtpcode.h"
#include "verdict.h"

#define COUNTS_PROVIDERS 32

/* A remote host's counts, for --summary: by name and origin (the replies
 * a client got from this host are counted apart from those it got as a
 * client from the same host as a server). */
#define COUNTS_HOSTS 2048
#define COUNTS_HOST_NAME 96
#define COUNTS_ORIGINS 3 /* enum smtpcode_log_origin */
struct host_count {
	char name[COUNTS_HOST_NAME];
	unsigned char origin;          /* enum smtpcode_log_origin */
	unsigned char len;             /* name's length */
	unsigned long replies, problems;
};

/* The index of a table of names (hosts, the names below): twice as many
 * slots as the table keeps names, each 0 (empty) or the number of its
 * name's entry + 1 in the low COUNTS_INDEX_BITS bits and the name's hash's
 * other bits above them. A search reads these 16 KiB, where it had read
 * the entries' 112 bytes each (their names, a cache line or two apart),
 * and a name only where its hash's bits match. */
#define COUNTS_INDEX_BITS 12
#define COUNTS_INDEX_SLOTS ((size_t)1 << COUNTS_INDEX_BITS)

/* Replies and problems by hour (UTC), for --summary: a table of the last
 * COUNTS_HOURS hours seen (62 days), an hour's slot its number modulo
 * COUNTS_HOURS; the replies of an hour older than the newest's window
 * are counted together (old_hour_*) and said, not shown by hour. */
#define COUNTS_HOURS 1488 /* 24 * 62 */
#define COUNTS_NO_REASON SMTPCODE_REASON_COUNT /* a problem without a reason */
struct hour_count {
	long long hour;                /* hours since the epoch; -1: an empty slot */
	unsigned long replies, problems;
	/* the problems by the reason of their reply (by_reason[COUNTS_NO_REASON]:
	 * those without one: not a failure, or a failure of no reason) */
	unsigned long by_reason[SMTPCODE_REASON_COUNT + 1];
};

/* Failures (4xx, 5xx) by a name, for --summary's top lists: the first
 * COUNTS_NAMES distinct names (in the order first seen, allocated at the
 * first name, found through an index), those past them counted together
 * (others), never dropped. A name longer than COUNTS_HOST_NAME - 1 bytes
 * is cut there. */
#define COUNTS_NAMES 2048
struct name_count {
	char name[COUNTS_HOST_NAME];
	unsigned char len;             /* name's length */
	unsigned long n;
};
struct name_table {
	struct name_count *names;      /* COUNTS_NAMES, or NULL */
	uint32_t *index;               /* COUNTS_INDEX_SLOTS */
	size_t n;                      /* names kept */
	size_t last;                   /* the name found last (a name repeats) */
	unsigned long others;          /* failures of the names past them */
};
/* The tables: the domains of the recipients the remote servers refused
 * (origin remote), the senders and the recipients of every failure. */
enum { COUNTS_DOMAINS, COUNTS_SENDERS, COUNTS_RECIPIENTS, COUNTS_TABLES };

/* Failures (4xx, 5xx) by enhanced code, for --summary: the first
 * COUNTS_ECODES codes seen (class * 1000000 + subject * 1000 + detail; 0:
 * an empty slot), the rest together. */
#define COUNTS_ECODES 256
struct ecode_count {
	long key;
	unsigned long n;
};

struct counts {
	unsigned long files;           /* inputs read (a Maildir's messages each) */
	unsigned long lines, replies, skipped, problems;
	/* the span of the replies' times (those with an epoch; counted only
	 * when the details are read, --summary, --html): have_span 0, none */
	int have_span;
	long long first_epoch, last_epoch;
	struct ecode_count by_ecode[COUNTS_ECODES];
	unsigned long other_ecodes;
	/* by hour: COUNTS_HOURS slots, allocated at the first time counted */
	struct hour_count *hours;
	long long newest_hour;
	unsigned long old_hour_replies, old_hour_problems;
	unsigned long ignored;         /* left out by --ignore, --ignore-verdict */
	unsigned long by_verdict[16];
	unsigned long by_code[1000];
	unsigned long by_command[64];  /* [command id] */
	unsigned long no_command;      /* replies the log names no command for */
	/* failures by reason (data/reasons.txt's order), and by the provider
	 * whose documented reply it was (the first COUNTS_PROVIDERS names) */
	unsigned long by_reason[SMTPCODE_REASON_COUNT];
	struct provider_count {
		char name[32];
		unsigned long n;
	} by_provider[COUNTS_PROVIDERS];
	size_t nproviders;
	/* replies and problems by remote host and origin (the first
	 * COUNTS_HOSTS, in the order first seen; the rest under others, by
	 * origin) */
	struct host_count *hosts;
	uint32_t *host_index;          /* COUNTS_INDEX_SLOTS */
	size_t nhosts;
	unsigned long other_host_replies[COUNTS_ORIGINS], other_host_problems[COUNTS_ORIGINS];
	struct name_table refused[COUNTS_TABLES];
	int failed;                    /* out of memory for the host table */
};

_Static_assert(2 * COUNTS_HOSTS <= COUNTS_INDEX_SLOTS && 2 * COUNTS_NAMES <= COUNTS_INDEX_SLOTS,
               "an index of twice the entries' slots, whose numbers fit its low bits");
_Static_assert(V_COUNT <= sizeof ((struct counts *)0)->by_verdict /
               sizeof ((struct counts *)0)->by_verdict[0], "by_verdict too small");

/* Counts one reply of verdict vd (a problem or not). */
static inline void counts_reply(struct counts *c, const struct smtpcode_log_event *ev,
                                enum verdict vd, int problem)
{
	c->replies++;
	c->by_verdict[vd]++;
	if (ev->reply.code >= 0 && ev->reply.code < 1000)
		c->by_code[ev->reply.code]++;
	if (ev->command == NULL)
		c->no_command++;
	else if (ev->command->id < sizeof c->by_command / sizeof c->by_command[0])
		c->by_command[ev->command->id]++;
	if (problem)
		c->problems++;
}

/* Widens the span of the records' times to take epoch in. */
static inline void counts_span(struct counts *c, long long epoch)
{
	if (!c->have_span) {
		c->have_span = 1;
		c->first_epoch = c->last_epoch = epoch;
	} else if (epoch < c->first_epoch) {
		c->first_epoch = epoch;
	} else if (epoch > c->last_epoch) {
		c->last_epoch = epoch;
	}
}

/* Counts a failure's reason (reason < 0: none) and its provider (NULL:
 * none). */
void counts_reason(struct counts *c, int reason, const char *provider);

/* Adds replies and problems to the counts of the remote host
 * name[0..len) whose replies are of origin (name NULL: the hosts counted
 * together past the table's room; an origin past the enum's: unknown). */
void counts_add_host(struct counts *c, const char *name, size_t len,
                     enum smtpcode_log_origin origin, unsigned long replies,
                     unsigned long problems);

/* Adds replies and problems to the hour that holds epoch (the record's
 * time; years 0 to 9999 only, others counted as old), the problems of the
 * reason reason (-1: none). */
void counts_hour(struct counts *c, long long epoch, unsigned long replies,
                 unsigned long problems, int reason);

/* Adds n failures to the name name[0..len) of the table (COUNTS_DOMAINS...;
 * name NULL: to its others). */
void counts_name(struct counts *c, int table, const char *name, size_t len, unsigned long n);

/* Counts a failure's recipient domain (origin remote), sender (the null
 * sender as "<>") and recipient, where the event names them. */
void counts_refusal(struct counts *c, const struct smtpcode_log_event *ev);

/* The names of a table, most failures first (then by name), sorted in
 * place (the table is not searched after this), and their number into
 * *count; NULL for none. */
struct name_count *counts_sorted_names(struct counts *c, int table, size_t *count);

/* The JSON member of a table ("refused_domains"...). */
extern const char *const counts_table_json[COUNTS_TABLES];

/* Adds n failures of the enhanced code e (NULL: past the table's room). */
void counts_ecode(struct counts *c, const struct smtpcode_ecode *e, unsigned long n);

/* The hour "2026-11-20T10" (UTC) as hours since the epoch into *hour; -1
 * for a text of another form. */
int counts_hour_of(const char *name, long long *hour);

/* Adds n to a count by its JSON name (group NULL: "files", "lines", "replies",
 * "skipped", "problems", "ignored"; "verdicts", "codes", "commands", "reasons",
 * "providers", "enhanced": a verdict, a reason, a provider, an enhanced
 * code "5.1.1" or "(others)", a
 * code "550", a command or "(none)"); -1 for a name it does not know. */
int counts_add(struct counts *c, const char *group, const char *name, unsigned long n);

/* Adds from's counts to to's (from's host table not yet summarised). */
void counts_add_counts(struct counts *to, const struct counts *from);

/* Zeroes every count and frees the host table (failed stays). */
void counts_clear(struct counts *c);

/* The hours counted, oldest first, into h (room for COUNTS_HOURS); those
 * past the window of the newest are added to the old counts (once: their
 * slots are emptied). Their number. */
size_t counts_sorted_hours(struct counts *cn, struct hour_count *h);

/* hour (since the epoch) as "2026-11-20T10" (sep 'T') or "2026-11-20
 * 10:00" (sep ' '), UTC. */
void counts_hour_name(char *buf, size_t size, long long hour, char sep);

/* The enhanced codes counted (e has room for COUNTS_ECODES), in order of
 * the codes, into e; their number. */
size_t counts_sorted_ecodes(const struct counts *cn, struct ecode_count *e);

/* The remote hosts counted, most problems first, sorted in place (the
 * table is not searched after this), and their number into *count; NULL
 * for none. */
struct host_count *counts_sorted_hosts(struct counts *cn, size_t *count);

/* Prints the summary on out, as text or one line of JSON. The last use of
 * the host table: it is sorted in place. */
void counts_summary(struct counts *c, FILE *out, int json);

#endif
