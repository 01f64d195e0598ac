/* SPDX-License-Identifier: MIT */
/* logline.c - the log reader: each line goes to the transcript reader when
 * it begins with a transcript prefix, else to the marker scan; each marker
 * found is read by its row of data/logformats.txt (logmarker.c), and a
 * reply folded over the next lines is joined there (logfold.c).
 *
 * Layer: the dispatcher, the top of the library (smtpcode_log_*). May call
 * every file below it: logmarker.c, logrecord.c, logfold.c, transcript.c,
 * logscan.c, logtext.c, the code library and the generated tables; nothing
 * in the library calls it. */
#include "internal.h"
#include "log.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *smtpcode_log_format_name(enum smtpcode_log_format f)
{
	return (unsigned)f < SC_NFORMATS ? sc_format_names[f] : NULL;
}

/* Clears the details of the events whose details were read (next()
 * leaves them NULL and 0), before their q[] slot gives another event. */
static void clear_details(struct smtpcode_log *lg)
{
	for (int i = 0; i < 2; i++) {
		struct smtpcode_log_event *ev = &lg->q[i];
		if (!(lg->rare & (SC_RARE_READ0 << i)))
			continue;
		ev->time = NULL;
		ev->time_len = 0;
		ev->has_epoch = 0;
		ev->epoch = 0;
		ev->queue_id = NULL;
		ev->queue_id_len = 0;
		ev->sender = NULL;
		ev->sender_len = 0;
		ev->remote_addr = NULL;
		ev->remote_addr_len = 0;
	}
	lg->rare &= (unsigned char)~(SC_RARE_READ0 | SC_RARE_READ1 | SC_RARE_NO_LINE0);
}

/* Empties the reader's state for a new input; the scan and the switches
 * stay. */
static void start_input(struct smtpcode_log *lg)
{
	struct sc_log *r = &lg->lg;
	enum sc_scan_path scan = r->scan;
	int bare_on = r->bare_on, year = r->year;
	long long latest = r->latest;
	unsigned detail_kinds = r->detail_kinds;

	/* every field but the texts of the replies' lines (sc_lines: 72 KiB,
	 * for every input and MIME part, made check of a 900-message mbox
	 * 33% dearer); the transcripts' fields by sc_transcript_begin below */
	_Static_assert(offsetof(struct sc_log, fold) < offsetof(struct sc_log, tr) &&
	               offsetof(struct sc_log, tr) < offsetof(struct sc_log, used) &&
	               offsetof(struct sc_fold, reply_lines) + sizeof(struct sc_lines) ==
	                       sizeof(struct sc_fold),
	               "the fold's lines end it, the transcripts follow it, then used");
	_Static_assert(offsetof(struct sc_log, ses) + sizeof(struct sc_ses) == sizeof(struct sc_log),
	               "the SES notification's buffers end the state");
	memset(r, 0, offsetof(struct sc_log, fold.reply_lines.text));
	/* (up to the SES notification's buffers, 70 KiB) */
	memset(r->used, 0, offsetof(struct sc_log, ses.doc) - offsetof(struct sc_log, used));
	r->scan = scan;
	r->bare_on = bare_on;
	r->bare_may_open = 1; /* a part's first line may be a bare reply */
	r->year = year;
	r->latest = latest;
	r->detail_kinds = detail_kinds;
	r->fold.marker = -1;
	r->records = -2; /* (the first line may be a CSV record) */
	for (int i = 0; i < SC_SESSIONS; i++)
		sc_transcript_begin(&r->tr[i], &r->lines);
	clear_details(lg);
	lg->head = lg->count = 0;
	lg->last = -1;
	lg->rare = 0;
}

struct smtpcode_log *smtpcode_log_new(void)
{
	struct smtpcode_log *lg;
	enum sc_scan_path scan;
	int e = sc_scan_choose(&scan);

	if (e != 0) {
		errno = e;
		return NULL;
	}
	if ((lg = calloc(1, sizeof *lg)) == NULL)
		return NULL; /* (errno ENOMEM) */
	lg->lg.scan = scan;
	lg->lg.detail_kinds = SMTPCODE_DETAIL_ALL;
	start_input(lg);
	return lg;
}

void smtpcode_log_free(struct smtpcode_log *lg)
{
	free(lg);
}

void smtpcode_log_reset(struct smtpcode_log *lg)
{
	if (lg != NULL)
		start_input(lg);
}

/* The transcript prefix that s[0..len) begins with after its leading
 * blanks, *skip set to the bytes up to the prefix's end; NULL if none.
 * Both of its first two bytes are tested before any prefix: most log lines
 * begin with neither (a syslog line of September begins with S, but not
 * with "Se"). A quoted-transcript's prefix before text that is not quoted
 * gives way to a later row with the same start (Python smtplib's "send: "
 * to a bounce's "send: RCPT TO:<x>"), and is kept when none follows (its
 * own summary lines). */
#if defined(__GNUC__)
__attribute__((always_inline)) /* (read_line is inlined twice: see read_again) */
#endif
static inline const struct sc_prefix *prefix_of(const char *s, size_t len, size_t *skip)
{
	const struct sc_prefix *unquoted = NULL;
	size_t lead = 0;

	while (lead < len && (s[lead] == ' ' || s[lead] == '\t'))
		lead++;
	s += lead;
	len -= lead;
	if (len < 2 || !sc_prefix_first[(unsigned char)s[0]] ||
	    !sc_prefix_second[(unsigned char)s[1]])
		return NULL;
	for (size_t i = 0; i < SC_NPREFIXES; i++) {
		const struct sc_prefix *p = &sc_prefixes[i];
		if (len >= p->len && s[0] == p->text[0] && memcmp(s, p->text, p->len) == 0) {
			if (unquoted == NULL &&
			    sc_format_transcript[p->format] == SC_READER_QUOTED_TRANSCRIPT &&
			    !sc_quoted(s + p->len, len - p->len)) {
				unquoted = p;
				continue;
			}
			*skip = lead + p->len;
			return p;
		}
	}
	if (unquoted != NULL)
		*skip = lead + unquoted->len;
	return unquoted;
}

/* Resets what the readers may have set before giving up. The reply is
 * left: every reader that succeeds writes the whole of it; so are the
 * details, which next() clears on the event it gives (a line without a
 * reply, most of a log's, spares their stores). */
static void clear_event(struct smtpcode_log_event *ev)
{
	ev->format = SMTPCODE_LOG_POSTFIX;
	ev->command = NULL;
	ev->command_text = NULL;
	ev->command_text_len = 0;
	ev->pipelined = 0;
	ev->lines_before = 0;
	ev->recipient = NULL;
	ev->recipient_len = 0;
	ev->remote_host = NULL;
	ev->remote_host_len = 0;
	ev->sender = NULL; /* (a transcript's, which next() gives) */
	ev->sender_len = 0;
	ev->origin = SMTPCODE_ORIGIN_UNKNOWN;
	ev->lines = NULL;
	ev->lines_len = 0;
}

/* Whether a[0..n) and b[0..n) are the same, ASCII letters in any case. */
static int same_caseless(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x != y && !((x | 0x20) == (y | 0x20) && (x | 0x20) >= 'a' && (x | 0x20) <= 'z'))
			return 0;
	}
	return 1;
}

/* A group field's value v[0..e) as the event gives it: a recipient
 * without the angle brackets some MTAs put around RFC 3464's addr-spec
 * ("rfc822;<b@example.org>", KumoMTA), a remote host without the brackets
 * of an address literal ("dns; [192.0.2.25]", RFC 5321 §4.1.3; its
 * "IPv6:" tag too) or the port some write after a name
 * ("dns; mx.example.org:25", KumoMTA). */
static void group_value(unsigned what, const char **v, const char **e)
{
	const char *a = *v, *b = *e, *c;

	if (b - a >= 2 && ((what == SC_FIELD_RECIPIENT && *a == '<' && b[-1] == '>') ||
	                   (what == SC_FIELD_REMOTE_HOST && *a == '[' && b[-1] == ']'))) {
		a++, b--;
		if (what == SC_FIELD_REMOTE_HOST && b - a > 5 && same_caseless(a, "IPv6:", 5))
			a += 5;
	} else if (what == SC_FIELD_REMOTE_HOST && (c = memchr(a, ':', (size_t)(b - a))) != NULL &&
	           c > a && c + 1 < b && memchr(c + 1, ':', (size_t)(b - c - 1)) == NULL) {
		const char *d = c + 1;
		while (d < b && *d >= '0' && *d <= '9')
			d++;
		if (d == b) /* "name:25" (one ':', digits after it) */
			b = c;
	}
	*v = a;
	*e = b;
}

/* A field of a delivery status report's group ("Final-Recipient: rfc822;
 * x@y"): its value after the type and ';', blanks trimmed, kept for the
 * group's replies. RFC 5322 §1.2.2: a field's name in any case. A
 * recipient begins a group (RFC 3464 §2.3: each group names one); while a
 * reply is folding (folding set), it is left for the line's second read. */
static void group_field(struct sc_log *lg, const char *s, size_t len, int folding)
{
	for (size_t i = 0; i < SC_NFIELDS; i++) {
		const struct sc_field *f = &sc_fields[i];
		const char *v, *e = s + len;
		size_t n;
		if (len < f->len || !same_caseless(s, f->text, f->len))
			continue;
		if (f->what == SC_FIELD_ATTEMPT_DATE || f->what == SC_FIELD_ARRIVAL_DATE) {
			/* (while a fold ends: the date of its group still) */
			sc_keep_date(lg, f->what == SC_FIELD_ATTEMPT_DATE ? SC_DATE_ATTEMPT : SC_DATE_ARRIVAL,
			             s + f->len, len - f->len);
			return;
		}
		if (f->what == SC_FIELD_RECIPIENT) {
			if (folding)
				return; /* the fold's reply is the group's before */
			/* a new group, though no blank line came before it */
			lg->group_len[SC_FIELD_REMOTE_HOST] = 0;
			lg->date_len[SC_DATE_ATTEMPT] = 0;
		}
		v = memchr(s + f->len, ';', len - f->len);
		v = v ? v + 1 : s + f->len;
		while (v < e && (*v == ' ' || *v == '\t'))
			v++;
		while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		group_value(f->what, &v, &e);
		n = (size_t)(e - v) < sizeof lg->group[0] ? (size_t)(e - v) : sizeof lg->group[0] - 1;
		memcpy(lg->group[f->what], v, n);
		lg->group_len[f->what] = (unsigned char)n;
		return;
	}
}

/* The group's recipient and remote host, on a reply that names neither. */
static int in_group(struct sc_log *lg, int r, struct smtpcode_log_event *ev)
{
	if (r <= 0 || (lg->group_len[0] | lg->group_len[1]) == 0)
		return r;
	if (ev->recipient == NULL && lg->group_len[SC_FIELD_RECIPIENT] > 0) {
		ev->recipient = lg->group[SC_FIELD_RECIPIENT];
		ev->recipient_len = lg->group_len[SC_FIELD_RECIPIENT];
	}
	if (ev->remote_host == NULL && lg->group_len[SC_FIELD_REMOTE_HOST] > 0) {
		ev->remote_host = lg->group[SC_FIELD_REMOTE_HOST];
		ev->remote_host_len = lg->group_len[SC_FIELD_REMOTE_HOST];
	}
	return r;
}

void smtpcode_log_bare_replies(struct smtpcode_log *lg, int on)
{
	if (lg != NULL) {
		lg->lg.bare_on = on != 0;
		lg->lg.bare_may_open = 1; /* a part's first line may be one */
	}
}

void smtpcode_log_detail_kinds(struct smtpcode_log *lg, unsigned kinds)
{
	if (lg != NULL)
		lg->lg.detail_kinds = kinds & SMTPCODE_DETAIL_ALL;
}

/* Whether a bare reply may begin on the line after s[0..len): it is blank,
 * ends with ':' ("host H:", "reports:"), or is an address alone
 * ("  b@example.org", "<b@example.org>:"), as bounces put a reply under
 * its recipient. Elsewhere a line that looks like a reply is a wrapped
 * reply's tail ("... h16si851737uar." then "253 - gsmtp"). */
static int opens_reply(const char *s, size_t len)
{
	int at = 0;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	if (len == 0 || s[len - 1] == ':')
		return 1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			return 0;
		at |= s[i] == '@';
	}
	return at;
}

/* A bare reply that stopped before its final line: reported as far as it
 * went, at its last line, `before` lines back. */
static int bare_unterminated(struct sc_log *lg, struct smtpcode_log_event *ev, size_t before)
{
	sc_reply_cut(ev, &lg->bare);
	sc_lines_set(&lg->fold.reply_lines, ev);
	ev->format = SMTPCODE_LOG_BOUNCE_TEXT;
	ev->origin = (enum smtpcode_log_origin)sc_format_origin[SMTPCODE_LOG_BOUNCE_TEXT];
	ev->lines_before = before;
	lg->bare.open = 0;
	return 1;
}

/* A line that is a reply by itself, after any blanks
 * (smtpcode_log_bare_replies): 1 when a reply completes, 2 when a
 * multi-line one stopped before this line, -1 when the line is no reply
 * line, 0 when more lines are to come. */
static int bare_line(struct sc_log *lg, const char *line, size_t len,
                     struct smtpcode_log_event *ev)
{
	struct smtpcode_line l;
	int may_open = lg->bare_may_open;

	/* for the next line (a line read twice, after a 2, sets the same) */
	lg->bare_may_open = opens_reply(line, len);
	while (len > 0 && (*line == ' ' || *line == '\t')) /* Exim indents it */
		line++, len--;
	if (!smtpcode_line_parse(line, len, &l) || smtpcode_code_form(l.code) != SMTPCODE_FORM_OK)
		return lg->bare.open ? (bare_unterminated(lg, ev, 1), 2) : -1;
	if (lg->bare.open && l.code != lg->bare.first_code)
		return bare_unterminated(lg, ev, 1), 2; /* another reply begins */
	if (!lg->bare.open) {
		if (!may_open)
			return -1; /* not under a recipient: a wrapped reply's tail */
		smtpcode_reply_begin(&lg->bare);
		sc_lines_begin(&lg->fold.reply_lines);
	}
	lg->bare_may_open = 1; /* a reply line: another may follow */
	sc_lines_line(&lg->fold.reply_lines, line, len);
	if (smtpcode_reply_feed(&lg->bare, line, len) == SMTPCODE_FEED_MORE)
		return 0;
	/* reported at its final line, as a transcript's are */
	ev->reply = lg->bare;
	sc_lines_set(&lg->fold.reply_lines, ev);
	ev->format = SMTPCODE_LOG_BOUNCE_TEXT;
	ev->origin = (enum smtpcode_log_origin)sc_format_origin[SMTPCODE_LOG_BOUNCE_TEXT];
	sc_word_echo(ev, SMTPCODE_LOG_BOUNCE_TEXT); /* a command its text names */
	lg->bare.open = 0;
	return 1;
}

/* A "message" row's reply s[0..n) (its text so far, in the fold's text,
 * when its lines were joined) into *ev, its code `before` lines back: 1,
 * or 0 when it is no reply. The row's reply is over either way. */
static int message_done(struct sc_log *lg, const struct sc_message *m, const char *s, size_t n,
                        size_t before, struct smtpcode_log_event *ev)
{
	struct sc_fold *f = &lg->fold;

	lg->msg_open = 0;
	lg->msg_host = 0;
	if (!sc_take_reply_lines(ev, s, n, &f->reply_lines))
		return 0;
	if (ev->lines == f->text) {
		/* one line, in the text a line read again may write over */
		sc_lines_begin(&f->reply_lines);
		sc_lines_line(&f->reply_lines, ev->lines, ev->lines_len);
		sc_lines_set(&f->reply_lines, ev);
	}
	ev->format = (enum smtpcode_log_format)m->format;
	ev->origin = (enum smtpcode_log_origin)sc_format_origin[m->format];
	ev->lines_before = before;
	if (m->command >= 0)
		ev->command = &sc_commands[m->command];
	else if (m->echo)
		sc_word_echo(ev, m->format);
	return 1;
}

/* Whether s[0..n) is an address: one word, an '@' inside it. */
static int is_address(const char *s, size_t n)
{
	const char *at = n > 2 && n < 256 ? memchr(s + 1, '@', n - 2) : NULL;

	for (size_t i = 0; at != NULL && i < n; i++)
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '<' || s[i] == '>' || s[i] == ':')
			return 0;
	return at != NULL;
}

/* Where row m's OPEN ends in s[0..end) (the line after its blanks): at its
 * start or after one word (a host's) and a space; or right after an
 * address ("x@y" or "<x@y>", into *addr): NULL when the line has not the
 * row's shape. */
static const char *message_open(const struct sc_message *m, const char *s, const char *end,
                                const char **addr, size_t *addr_len, const char **host,
                                size_t *host_len)
{
	const char *o;

	if (m->before == SC_BEFORE_ADDRESS) {
		const char *a = s, *ae;
		if ((o = sc_find(s, (size_t)(end - s), m->open, m->open_len)) == NULL)
			return NULL;
		ae = o;
		if (ae - a > 2 && *a == '<' && ae[-1] == '>')
			a++, ae--;
		if (!is_address(a, (size_t)(ae - a)))
			return NULL;
		*addr = a;
		*addr_len = (size_t)(ae - a);
		return o + m->open_len;
	}
	o = s;
	if ((size_t)(end - o) < m->open_len || memcmp(o, m->open, m->open_len) != 0) {
		/* after a host's word ("mx.example.org #550 ...") */
		while (o < end && *o != ' ' && *o != '\t' && *o != '@')
			o++;
		if (o == s || o >= end || *o != ' ')
			return NULL;
		o++;
		if ((size_t)(end - o) < m->open_len || memcmp(o, m->open, m->open_len) != 0)
			return NULL;
		*host = s;
		*host_len = (size_t)(o - 1 - s);
	}
	return o + m->open_len;
}

/* A line of a message that has a "message" row's shape (data/logformats.txt;
 * tried when no marker read the line): 1 and *ev for its reply, 0 when
 * the reply goes on over the next lines (its CLOSE to come), -1 for none. */
#if defined(__GNUC__)
__attribute__((noinline, cold)) /* (messages only: out of a log's way) */
#endif
static int message_reply(struct sc_log *lg, const char *line, size_t len,
                         struct smtpcode_log_event *ev)
{
	const char *s = line, *end = line + len;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	for (size_t i = 0; i < SC_NMESSAGES && sc_messages[i].open != NULL; i++) {
		const struct sc_message *m = &sc_messages[i];
		const char *addr = NULL, *host = NULL, *r, *c;
		size_t addr_len = 0, host_len = 0;
		if ((r = message_open(m, s, end, &addr, &addr_len, &host, &host_len)) == NULL)
			continue;
		while (r < end && (*r == ' ' || *r == '\t'))
			r++;
		if (r == end && m->close == NULL && addr == NULL) {
			/* OPEN ends the line: the reply is on the lines after */
			lg->fold.len = 0;
			lg->msg_host = 0;
			lg->msg_open = (unsigned char)(i + 1);
			lg->msg_lines = 0;
			return 0;
		}
		if (!smtpcode_line_parse(r, (size_t)(end - r), NULL))
			continue;
		c = m->close ? sc_find(r, (size_t)(end - r), m->close, m->close_len) : end;
		if (c == NULL) {
			/* its lines go on, each a line of a multi-line reply:
			 * the host's word, then the reply, in the fold's text */
			size_t h = host != NULL && host_len < 128 ? host_len : 0, n = (size_t)(end - r);
			if (n > sizeof lg->fold.text - 1 - h)
				n = sizeof lg->fold.text - 1 - h;
			if (h > 0)
				memcpy(lg->fold.text, host, h);
			memcpy(lg->fold.text + h, r, n);
			lg->fold.len = h + n;
			lg->msg_host = (unsigned char)h;
			lg->msg_open = (unsigned char)(i + 1);
			lg->msg_lines = 0;
			return 0;
		}
		if (!message_done(lg, m, r, (size_t)(c - r), 0, ev))
			continue;
		ev->recipient = addr;
		ev->recipient_len = addr_len;
		ev->remote_host = host_len ? host : NULL;
		ev->remote_host_len = host_len;
		return 1;
	}
	return -1;
}

/* The "message" row's reply whose lines were joined in the fold's text
 * (after the host's word), its code `before` lines back: 1 and *ev, or 0. */
static int message_held(struct sc_log *lg, size_t before, struct smtpcode_log_event *ev)
{
	size_t h = lg->msg_host;

	if (!message_done(lg, &sc_messages[lg->msg_open - 1], lg->fold.text + h, lg->fold.len - h,
	                  before, ev))
		return 0;
	ev->remote_host = h ? lg->fold.text : NULL;
	ev->remote_host_len = h;
	return 1;
}

/* At most this many lines after its code's line for a "message" row's
 * reply whose CLOSE has not come. */
#define SC_MESSAGE_LINES 16

/* A line s[0..len) (its blanks left out) after a "message" row whose OPEN
 * ended its line: the reply's lines, to its final line (1 and *ev there, 0
 * before); a line that is no reply line ends it cut short (2 and *ev: the
 * line is still to be read), or, before any, the row's reply (-1: none). */
static int message_next(struct sc_log *lg, const char *s, size_t len,
                        struct smtpcode_log_event *ev)
{
	struct sc_fold *f = &lg->fold;
	struct smtpcode_line l;
	size_t room = sizeof f->text - 1 - f->len;

	if (len == 0 || lg->msg_lines >= SC_MESSAGE_LINES || room < 2 ||
	    !smtpcode_line_parse(s, len, &l)) {
		if (f->len == 0) {
			lg->msg_open = 0;
			return -1;
		}
		if (!message_held(lg, 1, ev))
			return -1;
		ev->reply.flags |= SMTPCODE_REPLY_UNTERMINATED; /* its final line never came */
		return 2;
	}
	(void)sc_add_spaced(f->text, sizeof f->text - 2, &f->len, s, len); /* (a byte spare) */
	lg->msg_lines++;
	/* reported at its final line, as a next-line marker's */
	return l.last ? message_held(lg, 0, ev) : 0;
}

/* A line while a "message" row's reply waits for its CLOSE: a reply line
 * is joined to it (1 and *ev once CLOSE ends it, 0 before); another line
 * ends it as it is (2 and *ev: the line is still to be read; -1 when it
 * was no reply). */
#if defined(__GNUC__)
__attribute__((noinline, cold)) /* (messages only: out of a log's way) */
#endif
static int message_more(struct sc_log *lg, const char *line, size_t len,
                        struct smtpcode_log_event *ev)
{
	const struct sc_message *m = &sc_messages[lg->msg_open - 1];
	struct sc_fold *f = &lg->fold;
	const char *s = line, *end = line + len, *c;
	size_t n, room = sizeof f->text - 1 - f->len;

	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	if (m->close == NULL)
		return message_next(lg, s, (size_t)(end - s), ev);
	if (s == end || lg->msg_lines >= SC_MESSAGE_LINES || room < 2 ||
	    !smtpcode_line_parse(s, (size_t)(end - s), NULL))
		return message_held(lg, lg->msg_lines + 1u, ev) ? 2 : -1;
	lg->msg_lines++;
	c = sc_find(s, (size_t)(end - s), m->close, m->close_len);
	n = (size_t)((c ? c : end) - s);
	(void)sc_add_spaced(f->text, sizeof f->text - 1, &f->len, s, n);
	if (c == NULL && lg->msg_lines < SC_MESSAGE_LINES)
		return 0;
	return message_held(lg, lg->msg_lines, ev);
}

/* A fold begun on line[0..len): its head, the line before first when it
 * was indented (in a message's part), its blanks left out and ": "
 * before it, as the lines after the marker's follow a ':' (Exim's bounce:
 * "  host H [IP]", then "    SMTP error from remote mail server after RCPT
 * TO:<x>:", make ": host H [IP]     SMTP error ...", where the reply's
 * line "host H [IP]: 550 ..." would make "...RCPT TO:<x>: host H [IP]: ").
 */
static void fold_head_start(struct sc_log *lg, const char *line, size_t len)
{
	const char *p = lg->prev, *e = lg->prev + lg->prev_len;

	lg->fold.head_len = 0;
	if (e > p) {
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		sc_fold_head(&lg->fold, ":", 1);
		sc_fold_head(&lg->fold, p, (size_t)(e - p));
	}
	sc_fold_head(&lg->fold, line, len);
}

/* A fold's event ev (r > 0): its head kept for its details, which the
 * next fold's would write over. r is returned. */
static int fold_head_keep(struct sc_log *lg, int r, const struct smtpcode_log_event *ev)
{
	if (r > 0) {
		memcpy(lg->head_kept, lg->fold.head, lg->fold.head_len);
		lg->head_kept_len = lg->fold.head_len;
		lg->head_of = ev;
	}
	return r;
}

/* The next reply the end of the input leaves unfinished, into *ev: 1, or 0
 * when there are no more. */
static int end_step(struct sc_log *lg, struct smtpcode_log_event *ev)
{
	clear_event(ev);
	if (lg->head_of == ev)
		lg->head_of = NULL;
	if (lg->bare.open)
		return bare_unterminated(lg, ev, 0);
	if (lg->msg_open) {
		int lines = sc_messages[lg->msg_open - 1].close == NULL; /* to its final line */
		if (message_held(lg, lg->msg_lines, ev)) {
			if (lines)
				ev->reply.flags |= SMTPCODE_REPLY_UNTERMINATED;
			return 1;
		}
	}
	for (int i = 0; i < SC_SESSIONS; i++)
		if (sc_transcript_end(&lg->tr[i], ev))
			return 1;
	return in_group(lg, fold_head_keep(lg, sc_fold_end(&lg->fold, ev), ev), ev);
}

/* A line of journald's JSON export ({"...":..., "MESSAGE":"..."}): its
 * MESSAGE decoded into out (a JSON string, or an array of byte values for
 * a message that is not UTF-8), after one space so that a marker at its
 * start is found; the length, or 0 when the line is not one. */
static size_t journal_message(const char *s, size_t len, char *out, size_t size)
{
	static const char key[] = "\"MESSAGE\":";
	const char *p = sc_find(s, len, key, sizeof key - 1), *end = s + len;
	size_t n = 0;

	if (p == NULL)
		return 0;
	p += sizeof key - 1;
	while (p < end && *p == ' ')
		p++;
	out[n++] = ' ';
	if (p < end && *p == '[') {
		/* [78,79,...]: the message's bytes */
		for (p++; p < end && *p != ']' && n < size; ) {
			unsigned v = 0;
			int digits = 0;
			while (p < end && (*p == ' ' || *p == ','))
				p++;
			while (p < end && *p >= '0' && *p <= '9' && digits < 4)
				v = v * 10 + (unsigned)(*p++ - '0'), digits++;
			if (digits == 0 || v > 255)
				break;
			out[n++] = (char)v;
		}
		return n;
	}
	if (p >= end || *p != '"')
		return 0;
	return sc_json_text(p + 1, end, out, n, size);
}

/* A transcript line that marker m, at `at`, marks in the middle of a log
 * line; the bytes from the last space before the marker name its session,
 * or, for a format with a key row, the word after its text before the
 * marker ('[' left out, up to a space, ']' or '.'): -1 when the text is not
 * there (not the format's line). */
static int transcript_marker(struct sc_log *lg, int m, const char *line, size_t len,
                             const char *at, struct smtpcode_log_event *ev)
{
	const struct sc_marker *mk = &sc_markers[m];
	const char *rest = at + mk->len, *end = line + len, *key = at, *key_end = at;
	struct sc_transcript *tr;

	if (sc_format_key[mk->format] != NULL) {
		key = sc_find(line, (size_t)(at - line), sc_format_key[mk->format],
		              sc_format_key_len[mk->format]);
		if (key == NULL)
			return -1;
		key += sc_format_key_len[mk->format];
		if (key < at && *key == '[')
			key++;
		for (key_end = key; key_end < at && *key_end != ' ' && *key_end != ']' &&
		                    *key_end != '.'; key_end++)
			;
	}
	if (mk->reply == SC_REPLY_COLON) {
		const char *c = sc_find(rest, (size_t)(end - rest), ": ", 2);
		if (c == NULL)
			return 0;
		rest = c + 2;
	}
	while (sc_format_key[mk->format] == NULL && key > line && key[-1] != ' ')
		key--;
	lg->records = -1;
	tr = sc_session(lg, key, (size_t)(key_end - key));
	tr->origin = mk->origin;
	return sc_transcript_line(tr, mk->format, mk->role, rest, (size_t)(end - rest), key,
	                          (size_t)(key_end - key), ev);
}

/* The input's first line (blanks and '#' lines aside), while no header
 * was read: when it has the shape of a csv-transcript format's record (an
 * ISO 8601 date-time, then a comma: Exchange's protocol log grepped, or a
 * piece of it, without its "#Fields:" header), the format's records are
 * read from it on, their columns those of its header row's text (the
 * prefix row of data/logformats.txt); otherwise none are (sc_record_line
 * still turns away a line that is no record). */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static void first_record(struct sc_log *lg, const char *s, size_t len)
{
	size_t i = 11;

	if (sc_blank(s, len) || (len > 0 && s[0] == '#'))
		return; /* (still to decide) */
	lg->records = -1;
	if (len < 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T')
		return;
	for (size_t k = 0; k < 10; k++)
		if (k != 4 && k != 7 && (s[k] < '0' || s[k] > '9'))
			return;
	while (i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == ':' || s[i] == '.' ||
	                   s[i] == 'Z' || s[i] == '+' || s[i] == '-'))
		i++;
	if (i >= len || s[i] != ',')
		return;
	for (size_t k = 0; k < SC_NPREFIXES; k++) {
		const struct sc_prefix *p = &sc_prefixes[k];
		if (sc_format_transcript[p->format] == SC_READER_CSV_TRANSCRIPT) {
			lg->records = p->format;
			sc_details_header(lg, p->format, p->text, p->len);
			return;
		}
	}
}

/* A line, *ev cleared; the line's '\r' and a journald line's JSON are
 * taken off. (Inlined: a call for each line of a log cost 2% of check's
 * instructions.) */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int read_line(struct sc_log *lg, const char *line, size_t len,
                     struct smtpcode_log_event *ev)
{
	const char *at[SC_NMARKERS];
	const struct sc_prefix *p;
	sc_markset found;
	size_t plen;
	int r;

	/* a delivery status report's field before the fold it may end: a
	 * Remote-MTA after a folded Diagnostic-Code is the group's still (a
	 * Final-Recipient begins the next group: group_field waits for the
	 * fold to end, and the line is read again then) */
	if (len > 0 && sc_field_first[(unsigned char)line[0]])
		group_field(lg, line, len, lg->fold.marker >= 0);
	if (lg->fold.marker >= 0 && prefix_of(line, len, &plen) != NULL)
		(void)sc_fold_yield(&lg->fold); /* a transcript begins */
	if (lg->fold.marker >= 0) {
		if ((r = sc_fold_line(&lg->fold, line, len, ev)) != 0)
			return fold_head_keep(lg, r, ev); /* 2: the fold's reply; the
			                                     line is read next call */
		if (lg->fold.marker >= 0)
			return 0;
		clear_event(ev); /* what the fold's end left half-read */
	}
	/* the end of a delivery status report's group */
	if ((lg->group_len[0] | lg->group_len[1]) && sc_blank(line, len))
		lg->group_len[0] = lg->group_len[1] = 0;
	p = prefix_of(line, len, &plen);
	if (p != NULL) {
		/* a transcript's reply held for the line after it (transcript.c;
		 * a line without a prefix: sc_transcript_bare) */
		if (SC_UNLIKELY(lg->tr[0].holding) && sc_transcript_release(&lg->tr[0], line, len, ev))
			return 2;
		if (sc_format_transcript[p->format] == SC_READER_REPORT_TRANSCRIPT)
			return (r = sc_record_line(lg, p->format, line + plen, len - plen, ev)) > 0 ? r : 0;
		if (sc_format_transcript[p->format] == SC_READER_CSV_TRANSCRIPT) {
			lg->records = p->format; /* its header: records follow */
			sc_details_header(lg, p->format, line, len);
			return 0;
		}
		lg->records = -1;
		lg->tr[0].origin = sc_format_origin[p->format];
		return sc_transcript_line(&lg->tr[0], p->format, p->role, line + plen, len - plen,
		                          NULL, 0, ev);
	}
	if (SC_UNLIKELY(lg->records != -1)) {
		if (lg->records == -2)
			first_record(lg, line, len);
		if (lg->records >= 0 && (r = sc_record_line(lg, -1, line, len, ev)) >= 0)
			return r;
	}
	if ((r = sc_transcript_bare(&lg->tr[0], line, len, ev)) >= 0)
		return r;
	if (lg->bare_on) {
		/* a message's text: a "message" row's reply whose lines go on */
		if (SC_UNLIKELY(lg->msg_open) && (r = message_more(lg, line, len, ev)) >= 0)
			return r;
		if ((r = bare_line(lg, line, len, ev)) >= 0)
			return r;
	}
	found = sc_scan(lg->scan, line, len, at);
	/* In the table's order: the first marker that yields a reply wins. */
	for (; found; found &= found - 1) {
		int m = sc_markset_lowest(found);
		if (sc_markers[m].role != 255) {
			if ((r = transcript_marker(lg, m, line, len, at[m], ev)) >= 0)
				return r;
			continue;
		}
		r = sc_marker_read(&lg->fold, m, line, len, at[m], lg->scratch, sizeof lg->scratch, ev);
		if (r > 0)
			return 1;
		if (r < 0) {
			fold_head_start(lg, line, len);
			return 0; /* the reply continues on the next lines */
		}
		clear_event(ev);
	}
	/* in a message, the shapes no marker finds */
	return lg->bare_on && message_reply(lg, line, len, ev) > 0;
}

/* The first reply of the SES notification sc_ses_line() read, into q[i]:
 * 1, or 3 when more follow (next() gives them: SC_RARE_SES). */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static int ses_first(struct smtpcode_log *L, int i)
{
	struct sc_log *lg = &L->lg;

	if (!sc_ses_event(lg, 0, &L->q[i]))
		return 0;
	if (lg->ses.n < 2)
		return 1;
	lg->ses_next = 1;
	L->rare |= SC_RARE_SES;
	return 3;
}

/* Reads a line once into lg->q[i]: 1 for a reply, 2 for a fold's reply
 * that the line ended (the line is then to be read again), 3 for an SES
 * notification's first reply of several, 0 for none. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int read_once(struct smtpcode_log *L, int i, const char *line, size_t len)
{
	struct sc_log *lg = &L->lg;
	struct smtpcode_log_event *ev = &L->q[i];

	clear_event(ev);
	if (i == 0)
		lg->head_of = NULL; /* (a fold's event is q[0]: fold_head_keep) */
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len > 0 && line[0] == '{') {
		size_t n = journal_message(line, len, lg->message, sizeof lg->message);
		lg->message_len = n; /* (for the details: the line as read) */
		if (n > 0) {
			line = lg->message;
			len = n;
		} else if (sc_ses_line(lg, line, len) > 0) {
			return ses_first(L, i);
		}
	}
	return in_group(lg, read_line(lg, line, len, ev), ev);
}

/* Moves p[0..n), when it lies in from[0..size), to the same place in to. */
static const char *moved(const char *p, size_t n, const char *from, size_t size, char *to)
{
	uintptr_t a = (uintptr_t)p, f = (uintptr_t)from;

	if (p == NULL || a < f || a - f > size || n > size - (a - f))
		return p;
	return to + (a - f);
}

/* A fold's reply that a line ended, in q[0], before the line is read
 * again: its texts that lie in the fold or in the group, which the second
 * read may write over, copied into lg->kept. */
static void keep_event(struct smtpcode_log *lg)
{
	struct smtpcode_log_event *ev = &lg->q[0];
	const char *text = lg->lg.fold.text, *group = lg->lg.group[0];
	size_t tsize = sizeof lg->lg.fold.text, gsize = sizeof lg->lg.group;
	char *kt = lg->kept, *kg = lg->kept + tsize;

	memcpy(kt, text, tsize);
	memcpy(kg, group, gsize);
	ev->reply.text = moved(ev->reply.text, ev->reply.text_len, text, tsize, kt);
	ev->reply.text = moved(ev->reply.text, ev->reply.text_len, group, gsize, kg);
	ev->command_text = moved(ev->command_text, ev->command_text_len, text, tsize, kt);
	ev->recipient = moved(ev->recipient, ev->recipient_len, text, tsize, kt);
	ev->recipient = moved(ev->recipient, ev->recipient_len, group, gsize, kg);
	ev->remote_host = moved(ev->remote_host, ev->remote_host_len, text, tsize, kt);
	ev->remote_host = moved(ev->remote_host, ev->remote_host_len, group, gsize, kg);
}

/* A line that ended a fold, whose reply is in q[0], read again for its own
 * reply into q[1]: the number of events. Out of feed()'s way (rare), so
 * that the reader is inlined there for the lines (a loop over q[] that
 * read each line at one place made check 1.3% slower). */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static int read_again(struct smtpcode_log *lg, const char *line, size_t len)
{
	int r;

	keep_event(lg);
	lg->rare |= SC_RARE_NO_LINE0; /* (the fold's lines are gone) */
	r = read_once(lg, 1, line, len);
	return r == 1 || r == 3 ? 2 : 1;
}

/* A line that gave more than one reply: a fold's reply it ended and its
 * own (r 2), or an SES notification's several (r 3, or after the fold's
 * reply): the events in q[], and the number next() gives in all. */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static int feed_more(struct smtpcode_log *lg, const char *line, size_t len, int r)
{
	int q = r == 2 ? read_again(lg, line, len) : 1;

	lg->head = 0;
	lg->count = (unsigned char)q;
	if (lg->rare & SC_RARE_SES)
		q += (int)(lg->lg.ses.n - lg->lg.ses_next);
	return q;
}

/* The finish, a line after it (a new input), or a line after an event
 * whose details were read: out of the way of the lines. 0: the line is
 * not to be read. */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static int feed_rare(struct smtpcode_log *lg, const char *line)
{
	clear_details(lg);
	lg->rare &= (unsigned char)~SC_RARE_SES; /* (replies not asked for: gone) */
	if (line == NULL)
		return smtpcode_log_finish(lg);
	if (lg->rare & SC_RARE_FINISHING)
		start_input(lg); /* a line after the finish: a new input */
	return 1;
}

/* A line read: its events, into q[] (count). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int feed_line(struct smtpcode_log *lg, const char *line, size_t len)
{
	int r;

	lg->fed = line;
	lg->fed_len = len;
	r = read_once(lg, 0, line, len);
	if (SC_UNLIKELY(r >= 2))
		return feed_more(lg, line, len, r); /* the fold's reply, then the line's own */
	lg->head = 0;
	lg->count = (unsigned char)r;
	return r;
}

/* A line of a message's part (smtpcode_log_bare_replies): read, then kept
 * when indented for the next line's fold, whose head may begin with it
 * (fold_head_start: Exim's bounce, "  host H [IP]" before "    SMTP error
 * from remote mail server after ..."). Out of the way of a log's lines (a
 * test of each line's first byte in feed() cost check 1.2%). */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static int feed_message_line(struct smtpcode_log *lg, const char *line, size_t len)
{
	struct sc_log *l = &lg->lg;
	int r = feed_line(lg, line, len); /* (a fold begun reads l->prev) */

	l->prev_len = 0;
	if (len > 0 && len < sizeof l->prev && (line[0] == ' ' || line[0] == '\t')) {
		memcpy(l->prev, line, len);
		l->prev_len = (unsigned short)len;
	}
	return r;
}

int smtpcode_log_feed(struct smtpcode_log *lg, const char *line, size_t len)
{
	if (lg == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (SC_UNLIKELY(line == NULL || lg->rare) && feed_rare(lg, line) == 0)
		return 0;
	lg->lg.lines++;
	if (SC_UNLIKELY(lg->lg.bare_on))
		return feed_message_line(lg, line, len);
	return feed_line(lg, line, len);
}

int smtpcode_log_finish(struct smtpcode_log *lg)
{
	if (lg == NULL) {
		errno = EINVAL;
		return -1;
	}
	lg->head = lg->count = 0;
	lg->last = -1;
	lg->rare = (unsigned char)((lg->rare & ~SC_RARE_SES) | SC_RARE_FINISHING);
	return 0;
}

/* The next reply the finish left unfinished, or NULL; it has no line of
 * its own to give details. */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static const struct smtpcode_log_event *next_unfinished(struct smtpcode_log *lg)
{
	lg->last = -1;
	clear_details(lg); /* (q[0] gives each) */
	if (!end_step(&lg->lg, &lg->q[0]))
		return NULL;
	lg->last = 0;
	return &lg->q[0];
}

/* The next reply of the line's SES notification, into q[0]. */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static const struct smtpcode_log_event *next_ses(struct smtpcode_log *lg)
{
	struct sc_log *l = &lg->lg;
	struct smtpcode_log_event *ev = &lg->q[0];

	clear_details(lg);
	clear_event(ev);
	l->head_of = NULL;
	if (l->ses_next + 1 >= l->ses.n)
		lg->rare &= (unsigned char)~SC_RARE_SES;
	if (!sc_ses_event(l, l->ses_next++, ev))
		return NULL; /* (not so: sc_ses_line counted those that give one) */
	lg->head = lg->count = 1;
	return ev;
}

const struct smtpcode_log_event *smtpcode_log_next(struct smtpcode_log *lg)
{
	if (lg == NULL)
		return NULL;
	if (lg->head < lg->count)
		return &lg->q[lg->head++]; /* (its details: NULL and 0 already) */
	lg->head = 3; /* none given: details() gives NULL */
	if (SC_UNLIKELY(lg->rare & SC_RARE_SES))
		return next_ses(lg); /* an SES notification's next reply */
	/* at the end, the unfinished replies one by one */
	return lg->rare & SC_RARE_FINISHING ? next_unfinished(lg) : NULL;
}

/* The kinds of details asked for that q[i] has not had read. */
static unsigned details_wanted(const struct smtpcode_log *lg, int i)
{
	unsigned read = (lg->rare & (SC_RARE_READ0 << i)) ? lg->kinds_read[i] : 0;

	return lg->lg.detail_kinds & ~read;
}

/* Reads the kinds `want` of q[i]'s details from src, and notes them read. */
static const struct smtpcode_log_event *details_read(struct smtpcode_log *lg, int i,
                                                     const struct sc_source *src, unsigned want)
{
	if (!(lg->rare & (SC_RARE_READ0 << i)))
		lg->kinds_read[i] = 0;
	if (want != 0)
		sc_details_read(&lg->lg, src, want, &lg->q[i]);
	lg->kinds_read[i] |= (unsigned char)want;
	lg->rare |= (unsigned char)(SC_RARE_READ0 << i);
	return &lg->q[i];
}

const struct smtpcode_log_event *smtpcode_log_details(struct smtpcode_log *lg)
{
	struct sc_source src = { NULL, NULL, 0, 0 };
	unsigned want;
	int i;

	if (lg == NULL)
		return NULL;
	if (lg->rare & SC_RARE_FINISHING) {
		/* the finish's replies: no line of their own (the input's
		 * dates alone, and a fold's head) */
		if (lg->last < 0)
			return NULL;
		i = 0;
		want = details_wanted(lg, 0);
	} else {
		if (lg->head == 0 || lg->head > lg->count)
			return NULL;
		i = lg->head - 1;
		want = details_wanted(lg, i); /* (the kinds asked since) */
		if (want == 0 && (lg->rare & (SC_RARE_READ0 << i)))
			return &lg->q[i]; /* read already */
		if (i == 1 || !(lg->rare & SC_RARE_NO_LINE0)) {
			/* the line as fed (its CR left out) and as read */
			src.fed = lg->fed;
			src.fed_len = lg->fed_len;
			if (src.fed_len > 0 && src.fed[src.fed_len - 1] == '\r')
				src.fed_len--;
			src.line = src.fed;
			src.len = src.fed_len;
			if (src.len > 0 && src.line[0] == '{' && lg->lg.message_len > 0) {
				src.line = lg->lg.message;
				src.len = lg->lg.message_len;
			}
		}
	}
	if (SC_UNLIKELY(lg->lg.head_of == &lg->q[i])) {
		/* a fold's reply: its details where the fold began (the
		 * time, where the line has one, the line's) */
		src.line = lg->lg.head_kept;
		src.len = lg->lg.head_kept_len;
	}
	return details_read(lg, i, &src, want);
}

int smtpcode_log_date(struct smtpcode_log *lg, const char *date, size_t len)
{
	if (lg == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (date == NULL) {
		lg->lg.date_len[SC_DATE_INPUT] = 0;
		return 0;
	}
	if (!sc_keep_date(&lg->lg, SC_DATE_INPUT, date, len)) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

void smtpcode_log_year(struct smtpcode_log *lg, int year)
{
	if (lg != NULL)
		lg->lg.year = year >= 1 && year <= 9999 ? year : 0;
}

void smtpcode_log_latest(struct smtpcode_log *lg, long long epoch)
{
	if (lg != NULL && lg->lg.latest != (epoch > 0 ? epoch : 0)) {
		lg->lg.latest = epoch > 0 ? epoch : 0;
		lg->lg.day[0].len = 0; /* (its days were decided with the last) */
	}
}
