/* SPDX-License-Identifier: MIT */
/* counts.c - what "check" counts, added up, and the summary of them.
 * Layer: under report.c, merge.c, jobs.c and check.c; calls json.c
 * (json_string), text.c (put_escaped) and the library only. */
#define _POSIX_C_SOURCE 200809L /* NOLINT(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): POSIX names it: gmtime_r */
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "smtpcode.h"
#include "counts.h"
#include "hash.h"
#include "json.h"
#include "text.h"

const char *const counts_table_json[COUNTS_TABLES] = {
	"refused_domains", "refused_senders", "refused_recipients",
};

/* The length of name[0..len) as the tables keep it: cut to
 * COUNTS_HOST_NAME - 1 bytes, at a character's start. */
static size_t cut_name(const char *name, size_t len)
{
	if (len >= COUNTS_HOST_NAME) {
		len = COUNTS_HOST_NAME - 1;
		while (len > 0 && ((unsigned char)name[len] & 0xc0) == 0x80)
			len--;
	}
	return len;
}

/* A hash of s[0..len) (the tables' order is the counts', not the hash's). */
static unsigned name_hash(const char *s, size_t len)
{
	unsigned long long h = hash_words(HASH_BASIS, s, len);

	return (unsigned)(h ^ h >> 32);
}

/* The number of the entry an index slot's value v (not 0) names. */
static inline size_t index_entry(uint32_t v)
{
	return (v & ((uint32_t)COUNTS_INDEX_SLOTS - 1)) - 1;
}

/* The slot of the index idx for hash h: the one of the entry that `same`
 * says is the one sought (given its number), or the empty one where that
 * entry goes. The index is never full (twice the entries' slots). */
static inline uint32_t *index_slot(uint32_t *idx, unsigned h,
                                   int (*same)(const void *ctx, size_t k), const void *ctx)
{
	const uint32_t low = (uint32_t)COUNTS_INDEX_SLOTS - 1, tag = (uint32_t)h & ~low;

	for (size_t i = h & low;; i = (i + 1) & low) {
		uint32_t v = idx[i];
		if (v == 0 || ((v & ~low) == tag && same(ctx, index_entry(v))))
			return &idx[i];
	}
}

/* Sets the index slot *slot to entry k of hash h. */
static inline void index_set(uint32_t *slot, unsigned h, size_t k)
{
	*slot = ((uint32_t)h & ~((uint32_t)COUNTS_INDEX_SLOTS - 1)) | (uint32_t)(k + 1);
}

/* A table's room for n entries of size bytes and its index, allocated at
 * its first name into *entries and *index: 0, or -1 with neither. */
static int table_alloc(void **entries, size_t n, size_t size, uint32_t **index)
{
	*entries = calloc(n, size);
	*index = calloc(COUNTS_INDEX_SLOTS, sizeof **index);
	if (*entries == NULL || *index == NULL) {
		free(*entries);
		free(*index);
		*entries = NULL;
		*index = NULL;
		return -1;
	}
	return 0;
}

/* The hash of a host's name and origin. */
static unsigned host_hash(const char *name, size_t len, unsigned origin)
{
	return name_hash(name, len) * 33 + origin;
}

struct host_key {
	const struct host_count *hosts;
	const char *name;
	size_t len;
	unsigned origin;
};

static int same_host(const void *ctx, size_t k)
{
	const struct host_key *key = ctx;
	const struct host_count *c = &key->hosts[k];

	return c->origin == key->origin && c->len == key->len && memcmp(c->name, key->name, key->len) == 0;
}

/* Adds replies and problems to the counts of the remote host
 * name[0..len) of origin: a table of the first COUNTS_HOSTS names and
 * origins, searched through its index; the rest (and name NULL) go under
 * others. */
void counts_add_host(struct counts *cn, const char *name, size_t len,
                     enum smtpcode_log_origin origin, unsigned long replies,
                     unsigned long problems)
{
	unsigned o = (unsigned)origin < COUNTS_ORIGINS ? (unsigned)origin : SMTPCODE_ORIGIN_UNKNOWN;
	unsigned h;
	uint32_t *slot;
	struct host_key key;
	struct host_count *c;

	if (name == NULL || len == 0)
		goto others;
	len = cut_name(name, len);
	if (cn->hosts == NULL) {
		void *room;
		if (table_alloc(&room, COUNTS_HOSTS, sizeof *cn->hosts, &cn->host_index) < 0) {
			cn->failed = 1;
			return;
		}
		cn->hosts = room;
	}
	h = host_hash(name, len, o);
	key.hosts = cn->hosts, key.name = name, key.len = len, key.origin = o;
	slot = index_slot(cn->host_index, h, same_host, &key);
	if (*slot == 0) {
		if (cn->nhosts >= COUNTS_HOSTS) /* full: the rest */
			goto others;
		c = &cn->hosts[cn->nhosts];
		memcpy(c->name, name, len);
		c->name[len] = '\0';
		c->len = (unsigned char)len;
		c->origin = (unsigned char)o;
		index_set(slot, h, cn->nhosts++);
	} else {
		c = &cn->hosts[index_entry(*slot)];
	}
	c->replies += replies;
	c->problems += problems;
	return;
others:
	cn->other_host_replies[o] += replies;
	cn->other_host_problems[o] += problems;
}

struct name_key {
	const struct name_count *names;
	const char *name;
	size_t len;
};

static int same_name(const void *ctx, size_t k)
{
	const struct name_key *key = ctx;
	const struct name_count *c = &key->names[k];

	return c->len == key->len && memcmp(c->name, key->name, key->len) == 0;
}

void counts_name(struct counts *cn, int table, const char *name, size_t len, unsigned long n)
{
	struct name_table *t = &cn->refused[table];
	struct name_count *c;
	struct name_key key;
	uint32_t *slot;
	unsigned h;

	if (name == NULL || len == 0)
		goto others;
	len = cut_name(name, len);
	if (t->names == NULL) {
		void *room;
		if (table_alloc(&room, COUNTS_NAMES, sizeof *t->names, &t->index) < 0) {
			cn->failed = 1;
			goto others;
		}
		t->names = room;
	} else if (t->n > 0 && (c = &t->names[t->last], c->len == len) &&
	           memcmp(c->name, name, len) == 0) {
		c->n += n; /* the name of the last failure again */
		return;
	}
	h = name_hash(name, len);
	key.names = t->names, key.name = name, key.len = len;
	slot = index_slot(t->index, h, same_name, &key);
	if (*slot == 0) {
		if (t->n >= COUNTS_NAMES) /* full: the rest together */
			goto others;
		c = &t->names[t->n];
		memcpy(c->name, name, len);
		c->name[len] = '\0';
		c->len = (unsigned char)len;
		t->last = t->n;
		index_set(slot, h, t->n++);
	} else {
		t->last = index_entry(*slot);
		c = &t->names[t->last];
	}
	c->n += n;
	return;
others:
	t->others += n;
}

void counts_refusal(struct counts *cn, const struct smtpcode_log_event *ev)
{
	if (ev->sender != NULL) /* "" is the null sender */
		counts_name(cn, COUNTS_SENDERS, ev->sender_len ? ev->sender : "<>",
		            ev->sender_len ? ev->sender_len : 2, 1);
	if (ev->recipient == NULL || ev->recipient_len == 0)
		return;
	counts_name(cn, COUNTS_RECIPIENTS, ev->recipient, ev->recipient_len, 1);
	if (ev->origin == SMTPCODE_ORIGIN_REMOTE) {
		/* the domain, after the last '@', in lower case */
		const char *end = ev->recipient + ev->recipient_len, *at = end;
		char d[COUNTS_HOST_NAME];
		size_t n = 0;
		while (at > ev->recipient && at[-1] != '@')
			at--;
		if (at == ev->recipient)
			return;
		for (; at < end && n < sizeof d - 1; at++)
			d[n++] = (char)(*at >= 'A' && *at <= 'Z' ? *at | 0x20 : *at);
		counts_name(cn, COUNTS_DOMAINS, d, n, 1);
	}
}

/* Most failures first, then by name. */
static int by_failures(const void *a, const void *b)
{
	const struct name_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

struct name_count *counts_sorted_names(struct counts *cn, int table, size_t *count)
{
	struct name_table *t = &cn->refused[table];

	*count = 0;
	if (t->names == NULL)
		return NULL;
	qsort(t->names, t->n, sizeof *t->names, by_failures);
	/* the index again, for the names' new places */
	memset(t->index, 0, COUNTS_INDEX_SLOTS * sizeof *t->index);
	for (size_t k = 0; k < t->n; k++) {
		unsigned h = name_hash(t->names[k].name, t->names[k].len);
		struct name_key key = { t->names, t->names[k].name, t->names[k].len };
		index_set(index_slot(t->index, h, same_name, &key), h, k);
	}
	t->last = 0;
	*count = t->n;
	return t->names;
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

/* Days since 1970-01-01 of the civil date y-m-d (proleptic Gregorian),
 * and back (H. Hinnant's algorithms). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
	long long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

/* The hours of years 0000 to 9999, those an hour's name can write. */
#define FIRST_HOUR (-719528LL * 24)             /* 0000-01-01T00 */
#define END_HOUR ((2932897LL - 719528LL) * 24)  /* 10000-01-01T00 */

/* The day of an hour (both since the epoch). */
static long long day_of(long long hour)
{
	return (hour >= 0 ? hour : hour - 23) / 24;
}

void counts_hour_name(char *buf, size_t size, long long hour, char sep)
{
	long long y, day = day_of(hour);
	unsigned m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(buf, size, sep == 'T' ? "%04lld-%02u-%02uT%02lld" : "%04lld-%02u-%02u %02lld:00",
	         y, m, d, hour - day * 24);
}

int counts_hour_of(const char *s, long long *hour)
{
	static const char form[] = "dddd-dd-ddTdd";
	unsigned y, m, d, h;
	static const unsigned char mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	for (size_t i = 0; i < sizeof form; i++)
		if (form[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != form[i])
			return -1;
	y = (unsigned)((s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'));
	m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	h = (unsigned)((s[11] - '0') * 10 + (s[12] - '0'));
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] || h > 23 ||
	    (m == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0))))
		return -1;
	*hour = days_from_civil(y, m, d) * 24 + h;
	return 0;
}

void counts_hour(struct counts *cn, long long epoch, unsigned long replies,
                 unsigned long problems, int reason)
{
	long long hour = (epoch >= 0 ? epoch : epoch - 3599) / 3600;
	struct hour_count *slot;

	if (hour < FIRST_HOUR || hour >= END_HOUR) {
		cn->old_hour_replies += replies;
		cn->old_hour_problems += problems;
		return;
	}
	if (cn->hours == NULL) {
		if (cn->failed || (cn->hours = malloc(COUNTS_HOURS * sizeof *cn->hours)) == NULL) {
			cn->failed = 1;
			return;
		}
		for (size_t i = 0; i < COUNTS_HOURS; i++)
			cn->hours[i].hour = -1;
		cn->newest_hour = hour;
	}
	if (hour <= cn->newest_hour - COUNTS_HOURS) {
		cn->old_hour_replies += replies;
		cn->old_hour_problems += problems;
		return;
	}
	if (hour > cn->newest_hour)
		cn->newest_hour = hour;
	slot = &cn->hours[(hour - FIRST_HOUR) % COUNTS_HOURS];
	if (slot->hour != hour) {
		/* an hour older than the window: counted as old */
		if (slot->hour != -1) {
			cn->old_hour_replies += slot->replies;
			cn->old_hour_problems += slot->problems;
		}
		slot->hour = hour;
		slot->replies = slot->problems = 0;
		memset(slot->by_reason, 0, sizeof slot->by_reason);
	}
	slot->replies += replies;
	slot->problems += problems;
	slot->by_reason[reason >= 0 && reason < SMTPCODE_REASON_COUNT ? reason : COUNTS_NO_REASON] +=
		problems;
}

size_t counts_sorted_hours(struct counts *cn, struct hour_count *h)
{
	size_t n = 0;

	if (cn->hours == NULL)
		return 0;
	for (long long k = cn->newest_hour - COUNTS_HOURS + 1; k <= cn->newest_hour; k++) {
		const struct hour_count *slot;
		if (k < FIRST_HOUR)
			continue;
		slot = &cn->hours[(k - FIRST_HOUR) % COUNTS_HOURS];
		if (slot->hour == k)
			h[n++] = *slot;
	}
	for (size_t i = 0; i < COUNTS_HOURS; i++) {
		const struct hour_count *slot = &cn->hours[i];
		if (slot->hour != -1 && slot->hour <= cn->newest_hour - COUNTS_HOURS) {
			cn->old_hour_replies += slot->replies;
			cn->old_hour_problems += slot->problems;
			cn->hours[i].hour = -1;
		}
	}
	return n;
}

void counts_ecode(struct counts *cn, const struct smtpcode_ecode *e, unsigned long n)
{
	long key;

	if (e == NULL) {
		cn->other_ecodes += n;
		return;
	}
	key = (long)e->cls * 1000000 + (long)e->subject * 1000 + e->detail;
	/* open addressing: the first empty or equal slot from the key's */
	for (size_t k = 0; k < COUNTS_ECODES; k++) {
		size_t i = ((size_t)key * 2654435761u + k) % COUNTS_ECODES;
		if (cn->by_ecode[i].key == key || cn->by_ecode[i].key == 0) {
			cn->by_ecode[i].key = key;
			cn->by_ecode[i].n += n;
			return;
		}
	}
	cn->other_ecodes += n;
}

static int by_key(const void *a, const void *b)
{
	const struct ecode_count *x = a, *y = b;
	return (x->key > y->key) - (x->key < y->key);
}

size_t counts_sorted_ecodes(const struct counts *cn, struct ecode_count *e)
{
	size_t n = 0;

	for (size_t i = 0; i < COUNTS_ECODES; i++)
		if (cn->by_ecode[i].key)
			e[n++] = cn->by_ecode[i];
	if (n > 1)
		qsort(e, n, sizeof *e, by_key);
	return n;
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
	} else if (strcmp(group, "enhanced") == 0) {
		struct smtpcode_ecode e;
		if (strcmp(name, "(others)") == 0) {
			counts_ecode(cn, NULL, n);
			return 0;
		}
		if (smtpcode_ecode_parse(name, strlen(name), &e) == SMTPCODE_EFORM_OK) {
			counts_ecode(cn, &e, n);
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
	for (size_t i = 0; from->hosts && i < from->nhosts; i++)
		counts_add_host(to, from->hosts[i].name, from->hosts[i].len,
		                (enum smtpcode_log_origin)from->hosts[i].origin,
		                from->hosts[i].replies, from->hosts[i].problems);
	for (size_t i = 0; from->hours && i < COUNTS_HOURS; i++)
		if (from->hours[i].hour != -1) {
			const struct hour_count *fh = &from->hours[i];
			counts_hour(to, fh->hour * 3600, fh->replies, 0, -1);
			for (int r = 0; r <= SMTPCODE_REASON_COUNT; r++)
				if (fh->by_reason[r])
					counts_hour(to, fh->hour * 3600, 0, fh->by_reason[r], r);
		}
	for (int t = 0; t < COUNTS_TABLES; t++) {
		const struct name_table *ft = &from->refused[t];
		for (size_t i = 0; ft->names && i < ft->n; i++)
			counts_name(to, t, ft->names[i].name, ft->names[i].len, ft->names[i].n);
		if (ft->others)
			counts_name(to, t, NULL, 0, ft->others);
	}
	for (size_t i = 0; i < COUNTS_ECODES; i++)
		if (from->by_ecode[i].key) {
			long key = from->by_ecode[i].key;
			struct smtpcode_ecode e = { (int)(key / 1000000), (int)(key / 1000 % 1000),
			                            (int)(key % 1000) };
			counts_ecode(to, &e, from->by_ecode[i].n);
		}
	to->other_ecodes += from->other_ecodes;
	to->old_hour_replies += from->old_hour_replies;
	to->old_hour_problems += from->old_hour_problems;
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
	memset(cn->by_ecode, 0, sizeof cn->by_ecode);
	cn->other_ecodes = 0;
	free(cn->hours);
	cn->hours = NULL;
	cn->newest_hour = 0;
	cn->old_hour_replies = cn->old_hour_problems = 0;
	memset(cn->by_verdict, 0, sizeof cn->by_verdict);
	memset(cn->by_code, 0, sizeof cn->by_code);
	memset(cn->by_reason, 0, sizeof cn->by_reason);
	memset(cn->by_provider, 0, sizeof cn->by_provider);
	cn->nproviders = 0;
	memset(cn->by_command, 0, sizeof cn->by_command);
	cn->no_command = 0;
	free(cn->hosts);
	free(cn->host_index);
	cn->hosts = NULL;
	cn->host_index = NULL;
	cn->nhosts = 0;
	memset(cn->other_host_replies, 0, sizeof cn->other_host_replies);
	memset(cn->other_host_problems, 0, sizeof cn->other_host_problems);
	for (int t = 0; t < COUNTS_TABLES; t++) {
		free(cn->refused[t].names);
		free(cn->refused[t].index);
		cn->refused[t].names = NULL;
		cn->refused[t].index = NULL;
		cn->refused[t].n = cn->refused[t].last = 0;
		cn->refused[t].others = 0;
	}
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
	*count = 0;
	if (cn->hosts == NULL)
		return NULL;
	qsort(cn->hosts, cn->nhosts, sizeof *cn->hosts, by_problems);
	/* the index again, for the hosts' new places (a second call, as
	 * --html's page then the summary make, finds each once) */
	memset(cn->host_index, 0, COUNTS_INDEX_SLOTS * sizeof *cn->host_index);
	for (size_t k = 0; k < cn->nhosts; k++) {
		const struct host_count *c = &cn->hosts[k];
		unsigned h = host_hash(c->name, c->len, c->origin);
		struct host_key key = { cn->hosts, c->name, c->len, c->origin };
		index_set(index_slot(cn->host_index, h, same_host, &key), h, k);
	}
	*count = cn->nhosts;
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

#define TOP_ROWS 10    /* the rows a list of names shows */
#define TOP_CODES 20   /* the rows of codes, enhanced codes, providers */
#define NAME_COLUMN 48 /* the widest a names' column grows */

/* s in a column width wide: escaped, then blanks; a name wider cut to
 * width - 3 columns (at a character's start) and "...". */
static void put_cell(FILE *out, const char *s, size_t width)
{
	size_t w = shown_width(s), i = 0, used = 0;

	if (w <= width) {
		put_escaped(out, s, strlen(s), 0);
		fprintf(out, "%*s", (int)(width - w), "");
		return;
	}
	for (; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t cw = c < 0x20 || c == 0x7f ? 4 : (c & 0xc0) != 0x80;
		if (cw && used + cw > width - 3)
			break;
		used += cw;
	}
	put_escaped(out, s, i, 0);
	fprintf(out, "...%*s", (int)(width - 3 - used), "");
}

/* The width of a names' column: its title's, or the widest name shown,
 * NAME_COLUMN at most. */
static size_t column(const char *title, size_t widest)
{
	size_t w = strlen(title);

	if (widest > w)
		w = widest;
	return w > NAME_COLUMN ? NAME_COLUMN : w;
}

/* The label of the line past the rows shown: "and N more" (N names), "and
 * over N more" when names past the table's room were counted together
 * too. */
static void more_label(char *buf, size_t size, size_t more, int past_room)
{
	if (past_room)
		snprintf(buf, size, more ? "and over %zu more" : "and others", more);
	else
		snprintf(buf, size, "and %zu more", more);
}

/* The ten hosts of one origin with the most problems, h[0..n) sorted, then
 * a line "and N more" for the others: none when the origin has no host. */
static void host_list(FILE *out, unsigned origin, const struct host_count *h, size_t n,
                      unsigned long other_replies, unsigned long other_problems)
{
	static const char *const titles[COUNTS_ORIGINS] = {
		[SMTPCODE_ORIGIN_LOCAL] = "clients this host replied to",
		[SMTPCODE_ORIGIN_REMOTE] = "servers that replied to this host",
		[SMTPCODE_ORIGIN_UNKNOWN] = "remote hosts (origin not known)",
	};
	const char *title = titles[origin];
	size_t widest = 0, shown = n, width;

	if (n == 0 && other_replies == 0)
		return;
	if (shown > TOP_ROWS)
		shown = TOP_ROWS;
	for (size_t i = 0; i < shown; i++)
		if (shown_width(h[i].name) > widest)
			widest = shown_width(h[i].name);
	width = column(title, widest);
	fputc('\n', out);
	put_cell(out, title, width);
	fprintf(out, " %10s %10s\n", "replies", "problems");
	for (size_t i = 0; i < shown; i++) {
		put_cell(out, h[i].name, width);
		fprintf(out, " %10lu %10lu\n", h[i].replies, h[i].problems);
	}
	if (n > shown || other_replies) {
		int past_room = other_replies != 0;
		char label[64];
		for (size_t i = shown; i < n; i++) {
			other_replies += h[i].replies;
			other_problems += h[i].problems;
		}
		more_label(label, sizeof label, n - shown, past_room);
		put_cell(out, label, width);
		fprintf(out, " %10lu %10lu\n", other_replies, other_problems);
	}
}

/* A table of names by failures, most first: the ten, then "and N more". */
static void name_list(FILE *out, struct counts *cn, int table)
{
	static const char *const titles[COUNTS_TABLES] = {
		[COUNTS_DOMAINS] = "recipient domains servers refused",
		[COUNTS_SENDERS] = "senders refused",
		[COUNTS_RECIPIENTS] = "recipients refused",
	};
	size_t n, shown, widest = 0, width;
	const struct name_count *c = counts_sorted_names(cn, table, &n);
	unsigned long rest = cn->refused[table].others;

	if (n == 0 && rest == 0)
		return;
	shown = n;
	if (shown > TOP_ROWS)
		shown = TOP_ROWS;
	for (size_t i = 0; i < shown; i++)
		if (shown_width(c[i].name) > widest)
			widest = shown_width(c[i].name);
	width = column(titles[table], widest);
	fputc('\n', out);
	put_cell(out, titles[table], width);
	fprintf(out, " %10s\n", "failures");
	for (size_t i = 0; i < shown; i++) {
		put_cell(out, c[i].name, width);
		fprintf(out, " %10lu\n", c[i].n);
	}
	if (n > shown || rest) {
		int past_room = rest != 0;
		char label[64];
		for (size_t i = shown; i < n; i++)
			rest += c[i].n;
		more_label(label, sizeof label, n - shown, past_room);
		put_cell(out, label, width);
		fprintf(out, " %10lu\n", rest);
	}
}

/* Which of counts[0..n) a list of at most keep rows shows: the largest
 * (the first of equal ones), marked in shown[]; their number. */
static size_t top_rows(const unsigned long *counts, size_t n, size_t keep, unsigned char *shown)
{
	size_t k = 0;

	memset(shown, 0, n);
	for (; k < keep; k++) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (counts[i] && !shown[i] && (best == n || counts[i] > counts[best]))
				best = i;
		if (best == n)
			break;
		shown[best] = 1;
	}
	return k;
}

/* The line past a list of 22 columns: "and N more" and their count. */
static void more_list(FILE *out, size_t more, int past_room, unsigned long rest)
{
	char label[64];

	if (more == 0 && !past_room)
		return;
	more_label(label, sizeof label, more, past_room);
	fprintf(out, "%-22s %10lu\n", label, rest);
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

/* Whether the bars may be Unicode's blocks: the locale's (LC_CTYPE from
 * the environment) character set is UTF-8. */
static int utf8_locale(void)
{
	static int utf8 = -1;

	if (utf8 < 0) {
		const char *set;
		(void)setlocale(LC_CTYPE, "");
		set = nl_langinfo(CODESET);
		utf8 = set != NULL && (strcmp(set, "UTF-8") == 0 || strcmp(set, "utf8") == 0);
	}
	return utf8;
}

#define BAR_WIDTH 40
/* A bar of n against the largest, max: BAR_WIDTH columns for max, in
 * eighths with Unicode's blocks, whole "#" otherwise; one at least for a
 * count above 0. */
static void put_bar(FILE *out, unsigned long n, unsigned long max, int utf8)
{
	static const char *const part[8] = { "", "\u258f", "\u258e", "\u258d",
	                                     "\u258c", "\u258b", "\u258a", "\u2589" };
	unsigned long eighths;

	if (n == 0 || max == 0)
		return;
	eighths = (unsigned long)((double)n / (double)max * BAR_WIDTH * 8 + 0.5);
	if (eighths == 0)
		eighths = 1;
	fputs("  ", out);
	if (utf8) {
		for (unsigned long i = 0; i < eighths / 8; i++)
			fputs("\u2588", out);
		fputs(part[eighths % 8], out);
	} else {
		for (unsigned long i = 0; i < (eighths + 4) / 8 || i == 0; i++)
			putc('#', out);
	}
}

/* The replies and problems by hour (UTC), h[0..n) oldest first, then by
 * day when they span more than one, each with a bar of its replies: every
 * hour from the first to the last when they are within a day, those with
 * replies otherwise. */
static void hour_lists(FILE *out, const struct hour_count *h, size_t n, unsigned long old_replies,
                       unsigned long old_problems)
{
	int utf8;
	unsigned long max = 0;
	char name[32];
	int all = n > 0 && h[n - 1].hour - h[0].hour < 24;

	if (n == 0)
		return;
	utf8 = utf8_locale();
	for (size_t i = 0; i < n; i++)
		if (h[i].replies > max)
			max = h[i].replies;
	fprintf(out, "\n%-22s %10s %10s\n", "hour (UTC)", "replies", "problems");
	for (size_t i = 0; i < n; i++) {
		if (all && i > 0)
			for (long long k = h[i - 1].hour + 1; k < h[i].hour; k++) {
				counts_hour_name(name, sizeof name, k, ' ');
				fprintf(out, "%-22s %10d %10d\n", name, 0, 0);
			}
		counts_hour_name(name, sizeof name, h[i].hour, ' ');
		fprintf(out, "%-22s %10lu %10lu", name, h[i].replies, h[i].problems);
		put_bar(out, h[i].replies, max, utf8);
		putc('\n', out);
	}
	if (old_replies)
		fprintf(out, "%-22s %10lu %10lu\n", "(older than 62 days)", old_replies, old_problems);
	if (day_of(h[n - 1].hour) == day_of(h[0].hour))
		return;
	/* by day: first the largest, then the rows */
	max = 0;
	for (size_t i = 0, j; i < n; i = j) {
		unsigned long r = 0;
		for (j = i; j < n && day_of(h[j].hour) == day_of(h[i].hour); j++)
			r += h[j].replies;
		if (r > max)
			max = r;
	}
	fprintf(out, "\n%-22s %10s %10s\n", "day (UTC)", "replies", "problems");
	for (size_t i = 0, j; i < n; i = j) {
		unsigned long r = 0, p = 0;
		for (j = i; j < n && day_of(h[j].hour) == day_of(h[i].hour); j++) {
			r += h[j].replies;
			p += h[j].problems;
		}
		counts_hour_name(name, sizeof name, h[i].hour, ' ');
		name[10] = '\0';
		fprintf(out, "%-22s %10lu %10lu", name, r, p);
		put_bar(out, r, max, utf8);
		putc('\n', out);
	}
}

void counts_summary(struct counts *cn, FILE *out, int json)
{
	const struct smtpcode_command *c;
	size_t nsorted, nhours = 0;
	const struct host_count *h = counts_sorted_hosts(cn, &nsorted);
	/* the hours, oldest first: a table as large as the counts' */
	struct hour_count *hours = cn->hours ? malloc(COUNTS_HOURS * sizeof *hours) : NULL;

	if (hours != NULL)
		nhours = counts_sorted_hours(cn, hours);

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
		/* failures by enhanced code, in order */
		fputs("},\"enhanced\":{", out);
		{
			struct ecode_count e[COUNTS_ECODES];
			size_t ne = counts_sorted_ecodes(cn, e);
			for (size_t i = 0; i < ne; i++)
				fprintf(out, "%s\"%ld.%ld.%ld\":%lu", i ? "," : "", e[i].key / 1000000,
				        e[i].key / 1000 % 1000, e[i].key % 1000, e[i].n);
			if (cn->other_ecodes)
				fprintf(out, "%s\"(others)\":%lu", ne ? "," : "", cn->other_ecodes);
		}
		/* replies and problems by hour, oldest first */
		fputs("},\"hours\":{", out);
		for (size_t i = 0; i < nhours; i++) {
			char name[32];
			counts_hour_name(name, sizeof name, hours[i].hour, 'T');
			fprintf(out, "%s\"%s\":{\"replies\":%lu,\"problems\":%lu", i ? "," : "", name,
			        hours[i].replies, hours[i].problems);
			/* the problems by reason, those of a reason (the rest have
			 * none) */
			first = 1;
			for (int r = 0; r < SMTPCODE_REASON_COUNT; r++)
				if (hours[i].by_reason[r]) {
					fprintf(out, "%s\"%s\":%lu", first ? ",\"reasons\":{" : ",",
					        smtpcode_reason_name((enum smtpcode_reason)r), hours[i].by_reason[r]);
					first = 0;
				}
			fputs(first ? "}" : "}}", out);
		}
		free(hours);
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
		/* the failures by recipient domain (remote), sender and
		 * recipient, most first; the names past the table's room
		 * together (name null) */
		for (int t = 0; t < COUNTS_TABLES; t++) {
			size_t n;
			const struct name_count *nc = counts_sorted_names(cn, t, &n);
			fprintf(out, "],\"%s\":[", counts_table_json[t]);
			for (size_t i = 0; i < n; i++) {
				fputs("{\"name\":", out);
				json_string(out, nc[i].name);
				fprintf(out, ",\"failures\":%lu}%s", nc[i].n,
				        i + 1 < n || cn->refused[t].others ? "," : "");
			}
			if (cn->refused[t].others)
				fprintf(out, "{\"name\":null,\"failures\":%lu}", cn->refused[t].others);
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
	if (cn->replies == 0) {
		free(hours);
		return; /* no headings over nothing: the caller says why */
	}
	hour_lists(out, hours, nhours, cn->old_hour_replies, cn->old_hour_problems);
	free(hours);
	fprintf(out, "\n%-22s %10s\n", "verdict", "replies");
	for (int v = 0; v < V_COUNT; v++)
		if (cn->by_verdict[v])
			fprintf(out, "%-22s %10lu\n", verdict_name((enum verdict)v), cn->by_verdict[v]);
	fprintf(out, "\n%-22s %10s\n", "code", "replies");
	{
		/* the TOP_CODES most frequent, in order */
		unsigned char shown[1000];
		size_t more = 0;
		unsigned long rest = 0;
		top_rows(cn->by_code, 1000, TOP_CODES, shown);
		for (int k = 0; k < 1000; k++)
			if (shown[k]) {
				fprintf(out, "%03d%-19s %10lu\n", k, "", cn->by_code[k]);
			} else if (cn->by_code[k]) {
				more++;
				rest += cn->by_code[k];
			}
		more_list(out, more, 0, rest);
	}
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
		{
			/* the failures' enhanced codes, in order */
			struct ecode_count e[COUNTS_ECODES];
			size_t ne = counts_sorted_ecodes(cn, e);
			char name[40];
			unsigned long n[COUNTS_ECODES] = { 0 }, rest = cn->other_ecodes;
			unsigned char shown[COUNTS_ECODES];
			size_t more = 0;
			if (ne || cn->other_ecodes)
				fprintf(out, "\n%-22s %10s\n", "enhanced code", "failures");
			for (size_t i = 0; i < ne; i++)
				n[i] = e[i].n;
			top_rows(n, ne, TOP_CODES, shown);
			for (size_t i = 0; i < ne; i++) {
				if (!shown[i]) {
					more++;
					rest += e[i].n;
					continue;
				}
				snprintf(name, sizeof name, "%ld.%ld.%ld", e[i].key / 1000000,
				         e[i].key / 1000 % 1000, e[i].key % 1000);
				fprintf(out, "%-22s %10lu\n", name, e[i].n);
			}
			more_list(out, more, cn->other_ecodes != 0, rest);
		}
		if (cn->nproviders) {
			unsigned long n[COUNTS_PROVIDERS] = { 0 }, rest = 0;
			unsigned char shown[COUNTS_PROVIDERS];
			size_t more = 0;
			for (size_t i = 0; i < cn->nproviders; i++)
				n[i] = cn->by_provider[i].n;
			size_t widest = 22, width;
			top_rows(n, cn->nproviders, TOP_CODES, shown);
			for (size_t i = 0; i < cn->nproviders; i++)
				if (shown[i] && shown_width(cn->by_provider[i].name) > widest)
					widest = shown_width(cn->by_provider[i].name);
			width = column("provider", widest);
			fputc('\n', out);
			put_cell(out, "provider", width);
			fprintf(out, " %10s\n", "failures");
			for (size_t i = 0; i < cn->nproviders; i++) {
				if (!shown[i]) {
					more++;
					rest += n[i];
					continue;
				}
				put_cell(out, cn->by_provider[i].name, width);
				fprintf(out, " %10lu\n", n[i]);
			}
			more_list(out, more, 0, rest);
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
	for (int t = 0; t < COUNTS_TABLES; t++)
		name_list(out, cn, t);
}
