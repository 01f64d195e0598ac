/* SPDX-License-Identifier: MIT */
/* logrecord.c - logs whose lines are records naming their session, so
 * that sessions interleaved in the file are read apart: OpenSMTPD's report
 * stream ("report|0.6|TIME|smtp-in|protocol-client|SESSION|EHLO x") and
 * Exchange's SMTP protocol logs (CSV: date-time, connector-id, session-id,
 * sequence-number, local-endpoint, remote-endpoint, event, data, context).
 * Each session's lines go to a transcript of its own (sc_session).
 *
 * Layer: a reader, above the transcripts. Calls only transcript.c (and
 * libc); called by logline.c only. */
#include "internal.h"
#include "log.h"

#include <string.h>

struct sc_transcript *sc_session(struct sc_log *lg, const char *key, size_t len)
{
	int pick = 1;

	if (key == NULL)
		return &lg->tr[0];
	if (len > sizeof lg->tr[0].key)
		len = sizeof lg->tr[0].key;
	lg->tick++;
	for (int i = 1; i < SC_SESSIONS; i++) {
		struct sc_transcript *t = &lg->tr[i];
		if (t->keylen == len && t->format >= 0 && memcmp(t->key, key, len) == 0) {
			lg->used[i] = lg->tick;
			return t;
		}
		if (lg->used[i] < lg->used[pick])
			pick = i;
	}
	/* A session not seen, or forgotten: the least recently used one's
	 * place (sc_transcript_line starts it over, as the keys differ). */
	lg->used[pick] = lg->tick;
	lg->tr[pick].keylen = 0;
	lg->tr[pick].format = -1;
	return &lg->tr[pick];
}

/* The next field of s[*at..len) up to `sep`, *at moved past it. */
static const char *next_field(const char *s, size_t len, size_t *at, char sep, size_t *n)
{
	const char *f = s + *at;
	const char *e = *at < len ? memchr(f, sep, len - *at) : NULL;

	*n = e ? (size_t)(e - f) : len - *at;
	*at += *n + (e ? 1 : 0);
	return f;
}

/* OpenSMTPD's report stream, after "report|": VERSION|TIME|SUBSYSTEM|
 * EVENT|SESSION|DATA (the data may hold '|'). */
static int report(struct sc_log *lg, int fmt, const char *s, size_t len,
                  struct smtpcode_log_event *ev)
{
	static const struct {
		const char *event;
		int role;
	} events[] = {
		{ "link-connect", SC_ROLE_SESSION },
		{ "protocol-client", SC_ROLE_EITHER },
		{ "protocol-server", SC_ROLE_EITHER },
	};
	size_t at = 0, n, en, kn, sn;
	const char *ename, *key, *sub;
	struct sc_transcript *tr;
	int role = SC_ROLE_NOTE;

	next_field(s, len, &at, '|', &n); /* version */
	next_field(s, len, &at, '|', &n); /* time */
	sub = next_field(s, len, &at, '|', &sn);
	ename = next_field(s, len, &at, '|', &en);
	key = next_field(s, len, &at, '|', &kn);
	if (at > len || kn == 0)
		return 0;
	for (size_t i = 0; i < sizeof events / sizeof events[0]; i++)
		if (strlen(events[i].event) == en && memcmp(ename, events[i].event, en) == 0)
			role = events[i].role;
	tr = sc_session(lg, key, kn);
	/* smtpd-filters(7): smtp-in's server lines are OpenSMTPD's replies to
	 * its clients, smtp-out's the replies of the servers it sends to. */
	tr->origin = sc_format_origin[fmt];
	if (sn == 7 && memcmp(sub, "smtp-in", 7) == 0)
		tr->origin = SMTPCODE_ORIGIN_LOCAL;
	else if (sn == 8 && memcmp(sub, "smtp-out", 8) == 0)
		tr->origin = SMTPCODE_ORIGIN_REMOTE;
	return sc_transcript_line(tr, fmt, role, s + at, len - at, key, kn, ev);
}

/* A CSV field (quoted or not) from s[*at..len), *at moved past its comma;
 * a quoted one is unquoted into buf (bounded) when it holds "". */
static const char *csv_field(const char *s, size_t len, size_t *at, size_t *n, char *buf,
                             size_t size)
{
	size_t i = *at, k = 0;

	if (i >= len || s[i] != '"')
		return next_field(s, len, at, ',', n);
	for (i++; i < len; i++) {
		if (s[i] == '"') {
			if (i + 1 < len && s[i + 1] == '"')
				i++;
			else
				break;
		}
		if (k < size)
			buf[k++] = s[i];
	}
	*at = i + 1 < len && s[i + 1] == ',' ? i + 2 : len + 1;
	*n = k;
	return buf;
}

/* Exchange's protocol log record: the session id, the event (+ connect,
 * - disconnect, < and > the two directions, * information) and the data. */
static int exchange(struct sc_log *lg, const char *s, size_t len,
                    struct smtpcode_log_event *ev)
{
	size_t at = 0, n, kn, en, dn;
	const char *key, *event, *data;
	struct sc_transcript *tr;
	int role;

	next_field(s, len, &at, ',', &n); /* date-time */
	csv_field(s, len, &at, &n, lg->message, sizeof lg->message); /* connector */
	key = next_field(s, len, &at, ',', &kn);
	next_field(s, len, &at, ',', &n); /* sequence-number */
	next_field(s, len, &at, ',', &n); /* local-endpoint */
	next_field(s, len, &at, ',', &n); /* remote-endpoint */
	event = next_field(s, len, &at, ',', &en);
	if (at > len || kn == 0 || en != 1)
		return -1; /* not a record */
	data = csv_field(s, len, &at, &dn, lg->message, sizeof lg->message);
	switch (event[0]) {
	case '+':
		role = SC_ROLE_SESSION;
		break;
	case '<':
	case '>':
		role = SC_ROLE_EITHER;
		break;
	case '-':
	case '*':
		role = SC_ROLE_NOTE;
		break;
	default:
		return -1;
	}
	tr = sc_session(lg, key, kn);
	tr->origin = sc_format_origin[lg->records];
	return sc_transcript_line(tr, lg->records, role, data, dn, key, kn, ev);
}

int sc_record_line(struct sc_log *lg, int fmt, const char *s, size_t len,
                   struct smtpcode_log_event *ev)
{
	if (fmt >= 0)
		return report(lg, fmt, s, len, ev);
	return exchange(lg, s, len, ev);
}
