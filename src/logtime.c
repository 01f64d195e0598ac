/* SPDX-License-Identifier: MIT */
/* logtime.c - the time stamp a log line begins with: its text, and the
 * seconds since the epoch (UTC) where it can be worked out.
 *
 * Layer: a leaf of the log reader. Calls sc_find and libc; called by
 * logdetail.c only, for the events whose details a caller asks. */
#include "internal.h"
#include "log.h"

#include <stdint.h>
#include <string.h>

/* The days of each month of a common year, and those before each month. */
static const unsigned char month_days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
static const short days_before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The leap years from year 1 up to and not including year y (y >= 1). */
static long leaps_before(long y)
{
	return (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400;
}

/* Whether y-m-d is a day of the proleptic Gregorian calendar (1..9999). */
static int valid_date(long y, int m, int d)
{
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= month_days[m - 1] + (m == 2 && leap(y));
}

/* The days from 1970-01-01 to a valid date (POSIX has no timegm: they
 * are counted from the civil date). */
static long long days_of(long y, int m, int d)
{
	return (long long)(y - 1970) * 365 + (leaps_before(y) - leaps_before(1970)) +
	       days_before[m - 1] + (m > 2 && leap(y)) + (d - 1);
}

/* Seconds since 1970-01-01T00:00:00Z of a day and a clock time (UTC, in
 * seconds since midnight). */
static long long to_epoch(long long days, long clock)
{
	return days * 86400 + clock;
}

/* Whether the cache holds the day of the date key[0..n) (with year): the
 * lines of a log come many to a day, and each would count it again. */
static int cached(const struct sc_day *c, const char *key, size_t n, int year)
{
	uint64_t a, b;
	uint16_t x = 0, y = 0;

	if (c->len != n || c->year != year)
		return 0;
	/* (6 or 10 bytes, compared as two words: no call) */
	if (n == 6) {
		uint32_t p, q;
		memcpy(&p, key, 4), memcpy(&q, c->key, 4);
		memcpy(&x, key + 4, 2), memcpy(&y, c->key + 4, 2);
		return p == q && x == y;
	}
	memcpy(&a, key, 8), memcpy(&b, c->key, 8);
	memcpy(&x, key + 8, 2), memcpy(&y, c->key + 8, 2);
	return a == b && x == y;
}

static void cache(struct sc_day *c, const char *key, size_t n, int year, long long days, int valid)
{
	memcpy(c->key, key, n);
	c->len = (unsigned char)n;
	c->year = year;
	c->days = days;
	c->valid = valid;
}

/* n digits at s[*at..len) as a number into *v, *at moved past them: 0 when
 * they are not all there. */
static int digits(const char *s, size_t len, size_t *at, int n, long *v)
{
	long x = 0;

	if (*at > len || len - *at < (size_t)n)
		return 0;
	for (int i = 0; i < n; i++) {
		if (!is_digit(s[*at + (size_t)i]))
			return 0;
		x = x * 10 + (s[*at + (size_t)i] - '0');
	}
	*at += (size_t)n;
	*v = x;
	return 1;
}

/* Whether a time stamp may end at s[at]: the line's end, or a byte that
 * cannot go on a number or a word. */
static int stamp_end(const char *s, size_t len, size_t at)
{
	return at >= len || s[at] == ' ' || s[at] == '\t' || s[at] == ',' || s[at] == '|' ||
	       s[at] == ']';
}

/* "HH:MM:SS", then a fraction (',' or '.' and up to 9 digits) if any: the
 * clock's seconds since midnight, *at moved past it; -1 for no valid
 * clock. (One value, not three through pointers, and inlined: it was
 * half of a syslog time's cost.) */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline long clock_at(const char *s, size_t len, size_t *at)
{
	const unsigned char *p = (const unsigned char *)s + *at;
	unsigned h0, h1, m0, m1, c0, c1, h, m, c;

	if (len - *at < 8 || p[2] != ':' || p[5] != ':')
		return -1;
	/* (a byte that is no digit wraps past 9) */
	h0 = p[0] - 48u, h1 = p[1] - 48u, m0 = p[3] - 48u, m1 = p[4] - 48u;
	c0 = p[6] - 48u, c1 = p[7] - 48u;
	if ((h0 > 9) | (h1 > 9) | (m0 > 9) | (m1 > 9) | (c0 > 9) | (c1 > 9))
		return -1;
	h = h0 * 10 + h1, m = m0 * 10 + m1, c = c0 * 10 + c1;
	/* (60: a leap second, RFC 3339 §5.7) */
	if (h > 23 || m > 59 || c > 60)
		return -1;
	*at += 8;
	if (*at + 1 < len && (s[*at] == '.' || s[*at] == ',') && is_digit(s[*at + 1])) {
		size_t f = ++*at;
		while (*at < len && is_digit(s[*at]) && *at - f < 9) /* to nanoseconds */
			++*at;
		if (*at < len && is_digit(s[*at]))
			return -1;
	}
	return (long)h * 3600 + (long)m * 60 + (long)c;
}

/* A zone after a clock at s[*at..): "Z", "+HH:MM" or "+HHMM" (RFC 3339,
 * ISO 8601), or a space then "+HHMM" (Exim's log_timezone): 1 and its
 * offset east of UTC in seconds into *off, *at moved past it; 0 and *at
 * unmoved for none; -1 for a zone that is not valid. */
static int zone_at(const char *s, size_t len, size_t *at, long *off)
{
	size_t i = *at;
	long h, m;
	int sign, spaced = 0;

	if (i < len && s[i] == 'Z') {
		*off = 0;
		*at = i + 1;
		return 1;
	}
	if (i + 1 < len && s[i] == ' ' && (s[i + 1] == '+' || s[i + 1] == '-'))
		i++, spaced = 1;
	if (i >= len || (s[i] != '+' && s[i] != '-'))
		return 0;
	sign = s[i] == '-' ? -1 : 1;
	i++;
	if (!digits(s, len, &i, 2, &h))
		return spaced ? 0 : -1;
	if (!spaced && i < len && s[i] == ':')
		i++;
	if (!digits(s, len, &i, 2, &m) || h > 23 || m > 59)
		return spaced ? 0 : -1;
	if (spaced && !stamp_end(s, len, i))
		return 0;
	*off = sign * (h * 3600 + m * 60);
	*at = i;
	return 1;
}

/* "YYYY-MM-DD" then 'T' or ' ', or "YYYY/MM/DD " (go-mail), then a clock
 * and a zone if any, at s[0..): its length, and the epoch (a time without
 * a zone read as UTC); 0 for none. */
static size_t iso_at(const char *s, size_t len, struct sc_day *c, long long *epoch)
{
	size_t at = 0;
	long y, mo, d, off = 0;
	long clock;
	int z;

	if (len < 19)
		return 0;
	if (!cached(c, s, 10, 0)) {
		char sep;
		if (!digits(s, len, &at, 4, &y) || (s[at] != '-' && s[at] != '/'))
			return 0;
		sep = s[at++];
		if (!digits(s, len, &at, 2, &mo) || s[at] != sep)
			return 0;
		at++;
		if (!digits(s, len, &at, 2, &d))
			return 0;
		cache(c, s, 10, 0, valid_date(y, (int)mo, (int)d) ? days_of(y, (int)mo, (int)d) : 0,
		      valid_date(y, (int)mo, (int)d));
	}
	if (!c->valid || !(s[10] == ' ' || (s[10] == 'T' && s[4] == '-')))
		return 0;
	at = 11;
	if ((clock = clock_at(s, len, &at)) < 0)
		return 0;
	z = zone_at(s, len, &at, &off);
	if (z < 0 || !stamp_end(s, len, at))
		return 0;
	*epoch = to_epoch(c->days, clock) - off;
	return at;
}

/* Seconds since the epoch and a fraction, "1783480246.355522913" (9 to 12
 * digits, then '.' and digits): its length and *epoch; 0 for none. */
static size_t seconds_at(const char *s, size_t len, long long *epoch)
{
	size_t at = 0;
	long long v = 0;

	while (at < len && at < 12 && is_digit(s[at]))
		v = v * 10 + (s[at++] - '0');
	if (at < 9 || at >= len || s[at] != '.' || at + 1 >= len || !is_digit(s[at + 1]))
		return 0;
	for (at++; at < len && is_digit(s[at]) && at < 22; at++)
		;
	if (!stamp_end(s, len, at))
		return 0; /* (also more than 9 digits after the point) */
	*epoch = v;
	return at;
}

/* The traditional syslog stamp, "Nov 20 10:00:01" (the day may be padded
 * with a space: "Nov  1"): its length and, with a year, the epoch (read as
 * UTC; in the year before where the year puts its day more than a day
 * after latest, when latest > 0); 0 for none. */
static size_t syslog_at(const char *s, size_t len, int year, long long latest, struct sc_day *c,
                        long long *epoch, int *has)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	size_t at = 7;
	long clock;

	if (len < 15 || s[3] != ' ' || s[6] != ' ')
		return 0;
	if (!cached(c, s, 6, year)) {
		int m, valid;
		long d;
		long long days;
		size_t i = s[4] == ' ' ? 5 : 4;
		for (m = 0; m < 12; m++)
			if (s[0] == months[3 * (size_t)m] && s[1] == months[3 * (size_t)m + 1] &&
			    s[2] == months[3 * (size_t)m + 2])
				break;
		if (m == 12 || !digits(s, len, &i, 6 - (int)i, &d))
			return 0;
		/* Feb 29 is a date only in a leap year: without a year, a day
		 * of the month's longest (valid 2: the text, no epoch) */
		if (d < 1 || d > month_days[m] + (m == 1))
			return 0;
		valid = year > 0 && valid_date(year, m + 1, (int)d) ? 1 : 2;
		days = valid == 1 ? days_of(year, m + 1, (int)d) : 0;
		/* a day after the input's last change: a year ago (a log
		 * over a new year); the cache holds the day so decided */
		if (valid == 1 && latest > 0 && to_epoch(days, 0) > latest + 86400 && year > 1 &&
		    valid_date(year - 1, m + 1, (int)d))
			days = days_of(year - 1, m + 1, (int)d);
		cache(c, s, 6, year, days, valid);
	}
	if (!c->valid || (clock = clock_at(s, len, &at)) < 0 || !stamp_end(s, len, at))
		return 0;
	if (c->valid == 1) {
		*epoch = to_epoch(c->days, clock);
		*has = 1;
	}
	return at;
}

/* journald's JSON export: "__REALTIME_TIMESTAMP":"MICROSECONDS" (a string
 * of 1 to 19 digits). */
static void journal_time(const char *s, size_t len, struct smtpcode_log_event *ev)
{
	static const char key[] = "\"__REALTIME_TIMESTAMP\":\"";
	const char *p = sc_find(s, len, key, sizeof key - 1), *end = s + len;
	unsigned long long us = 0; /* (unsigned: 20 digits wrap, defined, and
	                              are refused below) */
	size_t n = 0;

	if (p == NULL)
		return;
	p += sizeof key - 1;
	while (p + n < end && n < 20 && is_digit(p[n]))
		us = us * 10 + (unsigned)(p[n++] - '0');
	if (n == 0 || n > 19 || p + n >= end || p[n] != '"' || us > 9223372036854775807ull)
		return;
	ev->time = p;
	ev->time_len = n;
	ev->epoch = (long long)(us / 1000000);
	ev->has_epoch = 1;
}

void sc_line_time(const char *s, size_t len, int year, long long latest, struct sc_day c[2],
                  struct smtpcode_log_event *ev)
{
	static const char report[] = "report|";
	long long epoch = 0;
	size_t n = 0, at = 0;
	int has = 0;

	if (len == 0)
		return;
	if (s[0] == '<') {
		/* "<PRI>", and RFC 5424's version "1 " before its time stamp */
		size_t i = 1;
		while (i < len && i < 4 && is_digit(s[i]))
			i++;
		if (i == 1 || i >= len || s[i] != '>')
			return;
		at = i + 1;
		if (at + 1 < len && is_digit(s[at]) && s[at + 1] == ' ')
			at += 2;
		if (at >= len)
			return;
	}
	if (s[at] >= 'A' && s[at] <= 'Z') {
		n = syslog_at(s + at, len - at, year, latest, &c[0], &epoch, &has);
	} else if (is_digit(s[at])) {
		if ((n = iso_at(s + at, len - at, &c[1], &epoch)) > 0 ||
		    (n = seconds_at(s + at, len - at, &epoch)) > 0)
			has = 1;
	} else if (s[0] == '{') {
		journal_time(s, len, ev);
		return;
	} else if (s[0] == 'r' && len > sizeof report - 1 &&
	           memcmp(s, report, sizeof report - 1) == 0) {
		/* OpenSMTPD's report stream: report|VERSION|TIME|... */
		const char *bar = memchr(s + sizeof report - 1, '|', len - (sizeof report - 1));
		if (bar == NULL)
			return;
		at = (size_t)(bar + 1 - s);
		n = seconds_at(s + at, len - at, &epoch);
		if (n > 0 && at + n < len && s[at + n] == '|')
			has = 1;
		else
			n = 0;
	}
	if (n == 0)
		return;
	ev->time = s + at;
	ev->time_len = n;
	ev->has_epoch = has;
	ev->epoch = has ? epoch : 0;
}

/* ---- A mail message's date (RFC 5322 §3.3) ------------------------------ */

/* Skips blanks and comments ("(UTC)", nested; RFC 5322 §3.2.2's CFWS) from
 * *at. */
static void cfws(const char *s, size_t len, size_t *at)
{
	size_t i = *at;
	int depth = 0;

	for (; i < len; i++) {
		char c = s[i];
		if (depth > 0) {
			if (c == '\\' && i + 1 < len)
				i++;
			else
				depth += (c == '(') - (c == ')');
		} else if (c == '(') {
			depth = 1;
		} else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
			break;
		}
	}
	*at = depth > 0 ? len : i;
}

/* The letters at *at (up to n of them), lower case, into w: how many. */
static size_t word_at(const char *s, size_t len, size_t *at, char *w, size_t n)
{
	size_t k = 0;

	while (*at < len && ((s[*at] | 0x20) >= 'a' && (s[*at] | 0x20) <= 'z')) {
		if (k < n)
			w[k] = (char)(s[*at] | 0x20);
		k++;
		(*at)++;
	}
	return k;
}

/* 1 to `most` digits at *at (a day's, a year's: digits() takes a fixed
 * count): their value into *v, or 0 digits. */
static size_t number_at(const char *s, size_t len, size_t *at, size_t most, long *v)
{
	size_t k = 0;

	*v = 0;
	while (*at < len && k < most && is_digit(s[*at])) {
		*v = *v * 10 + (s[*at] - '0');
		k++;
		(*at)++;
	}
	return k;
}

/* RFC 5322 §4.3's zones by name, as offsets in minutes from UTC: UT, GMT
 * and the North American ones; a military letter reads as "-0000" (UTC,
 * its zone not known), as §4.3 says. */
static int zone_name(const char *w, size_t k, long *off)
{
	static const struct { char name[4]; short minutes; } names[] = {
		{ "ut", 0 }, { "gmt", 0 }, { "est", -300 }, { "edt", -240 }, { "cst", -360 },
		{ "cdt", -300 }, { "mst", -420 }, { "mdt", -360 }, { "pst", -480 }, { "pdt", -420 },
	};

	if (k == 1 && w[0] != 'j') { /* A-I, K-Z */
		*off = 0;
		return 1;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i].name) == k && memcmp(names[i].name, w, k) == 0) {
			*off = names[i].minutes;
			return 1;
		}
	return 0;
}

size_t sc_mail_date(const char *s, size_t len, long long *epoch)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	char w[4];
	size_t at = 0, k, end;
	long day, year, hour, minute, second = 0, off;
	int month = 0;

	cfws(s, len, &at);
	/* [ day-of-week "," ] */
	if (at < len && !is_digit(s[at])) {
		if (word_at(s, len, &at, w, sizeof w) != 3)
			return 0;
		cfws(s, len, &at);
		if (at >= len || s[at] != ',')
			return 0;
		at++;
		cfws(s, len, &at);
	}
	if (number_at(s, len, &at, 2, &day) == 0)
		return 0;
	cfws(s, len, &at);
	if (word_at(s, len, &at, w, sizeof w) != 3)
		return 0;
	for (month = 0; month < 12; month++)
		if (memcmp(months + 3 * (size_t)month, w, 3) == 0)
			break;
	if (month == 12)
		return 0;
	cfws(s, len, &at);
	k = number_at(s, len, &at, 4, &year);
	if (k < 2)
		return 0;
	if (k == 2) /* obs-year (§4.3) */
		year += year < 50 ? 2000 : 1900;
	else if (k == 3)
		year += 1900;
	if (!valid_date(year, month + 1, (int)day))
		return 0;
	cfws(s, len, &at);
	if (!digits(s, len, &at, 2, &hour) || at >= len || s[at++] != ':' ||
	    !digits(s, len, &at, 2, &minute))
		return 0;
	if (at < len && s[at] == ':') {
		at++;
		if (!digits(s, len, &at, 2, &second))
			return 0;
	}
	if (hour > 23 || minute > 59 || second > 60)
		return 0;
	cfws(s, len, &at);
	if (at < len && (s[at] == '+' || s[at] == '-')) {
		int neg = s[at++] == '-';
		long z;
		if (!digits(s, len, &at, 4, &z) || z % 100 > 59 || (at < len && is_digit(s[at])))
			return 0;
		off = (z / 100) * 60 + z % 100;
		if (neg)
			off = -off;
	} else if ((k = word_at(s, len, &at, w, sizeof w)) == 0 || k > 3 || !zone_name(w, k, &off)) {
		return 0;
	}
	end = at;
	cfws(s, len, &at);
	if (at != len)
		return 0; /* more after the zone: not a date */
	*epoch = to_epoch(days_of(year, month + 1, (int)day), hour * 3600 + minute * 60 + second) -
	         off * 60;
	return end;
}

int sc_keep_date(struct sc_log *lg, enum sc_date_of of, const char *s, size_t len)
{
	long long epoch;

	lg->date_len[of] = 0;
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
	                   s[len - 1] == '\n'))
		len--;
	if (len >= SC_DATE_TEXT || (len = sc_mail_date(s, len, &epoch)) == 0)
		return 0; /* (its text up to its zone: a comment after it left out) */
	memcpy(lg->date[of], s, len);
	lg->date_len[of] = (unsigned char)len;
	lg->date_epoch[of] = epoch;
	return 1;
}
