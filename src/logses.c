/* SPDX-License-Identifier: MIT */
/* logses.c - Amazon SES's bounce and delivery notifications, a JSON
 * object on one log line (data/logformats.txt's format ses): each of
 * bounce.bouncedRecipients that has a diagnosticCode is a reply, the one
 * the receiving server gave SES ("smtp; 550 5.1.1 ..."), and a delivery's
 * smtpResponse is the reply of the server that accepted the message
 * ("250 2.0.0 OK ..."). The notification as SES publishes it
 * ("notificationType":"Bounce"), as an event destination does
 * ("eventType":"Bounce"), or inside the SNS notification that carries it
 * (its "Message", a string holding the object), in compact JSON or with
 * blanks between the tokens. Amazon documents the object at
 * docs.aws.amazon.com/ses/latest/dg/notification-contents.html.
 *
 * Layer: a leaf of the log reader; calls logtext.c (sc_json_text,
 * sc_take_reply_lines, sc_word_echo), logdetail.c (sc_ip_of, sc_id_is:
 * the rules of an address and an id) and the reply parser only; called
 * by logline.c. Its events' details are logdetail.c's (ses_details). */
#include "internal.h"
#include "log.h"

#include <string.h>

/* Deeper than this, a notification is not read (hostile input: the walk
 * recurses once a level). SES's object nests four deep. */
#define DEPTH_MAX 16

static const char *blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

/* p at a string's opening quote: the byte after its closing one, or NULL
 * for a string the line cuts. */
static const char *string_end(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '"')
			return p + 1;
		if (*p == '\\')
			p++;
	}
	return NULL;
}

static const char *value_end(const char *p, const char *end, int depth);

/* p at '{' or '[': the byte after its closing bracket, or NULL. */
static const char *container_end(const char *p, const char *end, int depth) /* NOLINT(misc-no-recursion): DEPTH_MAX levels at most */
{
	char close = *p == '{' ? '}' : ']';
	int object = *p == '{';

	if (depth >= DEPTH_MAX)
		return NULL;
	p = blanks(p + 1, end);
	if (p < end && *p == close)
		return p + 1;
	for (;;) {
		if (object) {
			if (p >= end || *p != '"' || (p = string_end(p, end)) == NULL)
				return NULL;
			p = blanks(p, end);
			if (p >= end || *p != ':')
				return NULL;
			p = blanks(p + 1, end);
		}
		if ((p = value_end(p, end, depth + 1)) == NULL)
			return NULL;
		p = blanks(p, end);
		if (p < end && *p == close)
			return p + 1;
		if (p >= end || *p != ',')
			return NULL;
		p = blanks(p + 1, end);
	}
}

/* p at a value: the byte after it, or NULL for none. */
static const char *value_end(const char *p, const char *end, int depth) /* NOLINT(misc-no-recursion): through container_end, DEPTH_MAX levels */
{
	if (p >= end)
		return NULL;
	if (*p == '"')
		return string_end(p, end);
	if (*p == '{' || *p == '[')
		return container_end(p, end, depth);
	/* a number, true, false or null */
	while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\t' &&
	       *p != '\r' && *p != '\n')
		p++;
	return p;
}

/* A member of an object: its key (between the quotes, still escaped) and
 * its value [v, ve). */
struct member {
	const char *key, *v, *ve;
	size_t key_len;
};

/* The next member of the object whose members begin at *p (after its '{'
 * or after a ','): 1 and *m, with *p past it; 0 at the object's end or
 * where it is malformed. */
static int next_member(const char **p, const char *end, struct member *m)
{
	const char *q = blanks(*p, end), *k;

	if (q < end && *q == ',')
		q = blanks(q + 1, end);
	if (q >= end || *q != '"' || (k = string_end(q, end)) == NULL)
		return 0;
	m->key = q + 1;
	m->key_len = (size_t)(k - q - 2);
	q = blanks(k, end);
	if (q >= end || *q != ':')
		return 0;
	m->v = blanks(q + 1, end);
	if ((m->ve = value_end(m->v, end, 1)) == NULL)
		return 0;
	*p = m->ve;
	return 1;
}

static int is_key(const struct member *m, const char *name)
{
	size_t n = strlen(name);

	return m->key_len == n && memcmp(m->key, name, n) == 0;
}

/* Whether the member's value is the string s. */
static int is_string(const struct member *m, const char *s)
{
	size_t n = strlen(s);

	return m->ve - m->v == (ptrdiff_t)n + 2 && *m->v == '"' && memcmp(m->v + 1, s, n) == 0;
}

/* A string member's text between its quotes, when it holds no escape
 * (a time, an address, an id: none of them needs one); else none. */
static void plain_string(const struct member *m, const char **s, size_t *n)
{
	if (m->ve - m->v < 2 || *m->v != '"' || memchr(m->v, '\\', (size_t)(m->ve - m->v)) != NULL)
		return;
	*s = m->v + 1;
	*n = (size_t)(m->ve - m->v - 2);
}

/* The reply of a diagnosticCode, decoded into out[0..size): after its
 * type ("smtp;", RFC 3464 §2.3.6, in any case) and blanks; its length, 0
 * when it is no reply (SES's own words, with no code). */
static size_t diagnostic(const struct member *m, char *out, size_t size,
                         struct smtpcode_reply_state *r)
{
	size_t n, at = 0;

	if (m->ve - m->v < 2 || *m->v != '"')
		return 0;
	n = sc_json_text(m->v + 1, m->ve - 1, out, 0, size - 1);
	if (n >= 5 && (out[0] | 0x20) == 's' && (out[1] | 0x20) == 'm' && (out[2] | 0x20) == 't' &&
	    (out[3] | 0x20) == 'p' && out[4] == ';')
		at = 5;
	while (at < n && (out[at] == ' ' || out[at] == '\t'))
		at++;
	/* its line ends (a folded field's) as blanks */
	for (size_t i = at; i < n; i++)
		if (out[i] == '\r' || out[i] == '\n' || out[i] == '\t')
			out[i] = ' ';
	memmove(out, out + at, n - at);
	n -= at;
	while (n > 0 && out[n - 1] == ' ')
		n--;
	return n > 0 && smtpcode_reply_flat(out, n, r) ? n : 0;
}

/* The members of a recipient's object at o (its '{') that give its
 * reply: its emailAddress and its diagnosticCode; or, of a delivery
 * object, its recipient where it names one alone (the reply accepted the
 * message for all of them: one reply, no one recipient) and its
 * smtpResponse. */
static void reply_members(const char *o, const char *end, int delivery, struct member *addr,
                          struct member *reply)
{
	struct member m;
	const char *p = o + 1;

	addr->v = reply->v = NULL;
	while (next_member(&p, end, &m)) {
		if (is_key(&m, delivery ? "smtpResponse" : "diagnosticCode") && *m.v == '"') {
			*reply = m;
		} else if (!delivery && is_key(&m, "emailAddress") && *m.v == '"') {
			*addr = m;
		} else if (delivery && is_key(&m, "recipients") && *m.v == '[') {
			const char *q = blanks(m.v + 1, m.ve), *qe, *r;
			if (q < m.ve && *q == '"' && (qe = string_end(q, m.ve)) != NULL &&
			    (r = blanks(qe, m.ve)) < m.ve && *r == ']') {
				addr->v = q;
				addr->ve = qe;
			}
		}
	}
}

/* Whether the object at o (its '{'), a bounced recipient's or a
 * delivery's, gives a reply (decoded into scratch to be read). */
static int gives_reply(const char *o, const char *end, int delivery, char *scratch, size_t size)
{
	struct member a, r;
	struct smtpcode_reply_state st;

	reply_members(o, end, delivery, &a, &r);
	return r.v != NULL && diagnostic(&r, scratch, size, &st) > 0;
}

/* A bounce's or a delivery's object at o (its '{'): its time, the remote
 * address, and the objects that give a reply: each of a bounce's
 * bouncedRecipients that has one, or the delivery itself (SES's delivery
 * notification: the reply of the server that accepted the message). */
static void event_members(struct sc_ses *ses, const char *o, const char *end, int delivery,
                          char *scratch, size_t size)
{
	struct member m;
	const char *p = o + 1;

	while (next_member(&p, end, &m)) {
		if (is_key(&m, "timestamp")) {
			plain_string(&m, &ses->time, &ses->time_len);
		} else if (is_key(&m, "remoteMtaIp")) {
			plain_string(&m, &ses->addr, &ses->addr_len);
		} else if (!delivery && is_key(&m, "bouncedRecipients") && *m.v == '[') {
			const char *q = blanks(m.v + 1, m.ve), *qe;
			while (q < m.ve && *q == '{' && ses->n < SC_SES_RECIPIENTS &&
			       (qe = value_end(q, m.ve, 1)) != NULL) {
				if (gives_reply(q, qe, 0, scratch, size))
					ses->rcpt[ses->n++] = q;
				q = blanks(qe, m.ve);
				if (q < m.ve && *q == ',')
					q = blanks(q + 1, m.ve);
			}
		}
	}
	if (delivery && gives_reply(o, end, 1, scratch, size)) {
		ses->rcpt[0] = o;
		ses->n = 1;
		ses->delivery = 1;
	}
}

/* The notification's object at s[0..len) ('{' first): its type, bounce
 * or delivery and mail members read; 1 when it is a bounce or a
 * delivery. */
static int notification(struct sc_ses *ses, const char *s, size_t len, char *scratch,
                        size_t size)
{
	const char *end = s + len, *p = s + 1;
	struct member m;
	int known = 0;

	while (next_member(&p, end, &m)) {
		if (is_key(&m, "notificationType") || is_key(&m, "eventType")) {
			known |= is_string(&m, "Bounce") || is_string(&m, "Delivery");
		} else if (is_key(&m, "bounce") && *m.v == '{') {
			event_members(ses, m.v, m.ve, 0, scratch, size);
		} else if (is_key(&m, "delivery") && *m.v == '{' && ses->n == 0) {
			event_members(ses, m.v, m.ve, 1, scratch, size);
		} else if (is_key(&m, "mail") && *m.v == '{') {
			const char *q = m.v + 1;
			struct member k;
			while (next_member(&q, m.ve, &k)) {
				if (is_key(&k, "source"))
					plain_string(&k, &ses->sender, &ses->sender_len);
				else if (is_key(&k, "messageId"))
					plain_string(&k, &ses->id, &ses->id_len);
			}
		}
	}
	return known;
}

int sc_ses_line(struct sc_log *lg, const char *line, size_t len)
{
	static const char key[] = "\"bouncedRecipients\"", key2[] = "\"smtpResponse\"";
	struct sc_ses *ses = &lg->ses;
	const char *doc = line, *end = line + len, *p = line + 1;
	struct member m;

	memset(ses, 0, offsetof(struct sc_ses, doc));
	if (len < sizeof key || line[0] != '{' ||
	    (sc_find(line, len, key, sizeof key - 1) == NULL &&
	     sc_find(line, len, key2, sizeof key2 - 1) == NULL &&
	     sc_find(line, len, "\\\"bouncedRecipients\\\"", 21) == NULL &&
	     sc_find(line, len, "\\\"smtpResponse\\\"", 16) == NULL))
		return 0;
	/* the SNS notification that carries it: its Message, decoded */
	while (next_member(&p, end, &m)) {
		if (is_key(&m, "Message") && *m.v == '"') {
			size_t n = sc_json_text(m.v + 1, m.ve - 1, ses->doc, 0, sizeof ses->doc);
			if (n > 0 && n < sizeof ses->doc && ses->doc[0] == '{') {
				doc = ses->doc;
				end = ses->doc + n;
			}
			break;
		}
	}
	if (!notification(ses, doc, (size_t)(end - doc), ses->text, sizeof ses->text) ||
	    ses->n == 0) {
		ses->n = 0;
		return 0;
	}
	ses->end = end;
	/* an address and an id as the reader takes them from any line
	 * (logdetail.c's rules), or none */
	if (ses->addr != NULL && (ses->addr = sc_ip_of(ses->addr, ses->addr_len, &ses->addr_len)) == NULL)
		ses->addr_len = 0;
	if (ses->id != NULL && !sc_id_is(ses->id, ses->id_len)) {
		ses->id = NULL;
		ses->id_len = 0;
	}
	return (int)ses->n;
}

int sc_ses_event(struct sc_log *lg, unsigned k, struct smtpcode_log_event *ev)
{
	struct sc_ses *ses = &lg->ses;
	struct member a, d;
	size_t n;

	if (k >= ses->n)
		return 0;
	reply_members(ses->rcpt[k], ses->end, ses->delivery, &a, &d);
	if (d.v == NULL || (n = diagnostic(&d, ses->text, sizeof ses->text, &ev->reply)) == 0 ||
	    !sc_take_reply_lines(ev, ses->text, n, &ses->lines))
		return 0;
	ev->format = SMTPCODE_LOG_SES;
	ev->origin = (enum smtpcode_log_origin)sc_format_origin[SMTPCODE_LOG_SES];
	sc_word_echo(ev, SMTPCODE_LOG_SES);
	if (a.v != NULL) {
		size_t r = sc_json_text(a.v + 1, a.ve - 1, ses->address, 0, sizeof ses->address);
		if (r > 0 && r < sizeof ses->address) {
			ev->recipient = ses->address;
			ev->recipient_len = r;
		}
	}
	/* the remote host, as a report group's Remote-MTA is given: the
	 * address SES delivered to (SES names no host) */
	if (ses->addr != NULL) {
		ev->remote_host = ses->addr;
		ev->remote_host_len = ses->addr_len;
	}
	return 1;
}
