/* SPDX-License-Identifier: MIT */
/* transcript.c - the protocol state of an SMTP transcript being read.
 * Which line is a command and which a reply is the prefix and marker rows'
 * business (data/logformats.txt, matched in logline.c and logmarker.c);
 * here:
 *   - commands queue as sent, and each complete reply answers the oldest
 *     unanswered one (RFC 2920 §3.1); a reply with none queued is the
 *     greeting at a session's start, else it answers no command;
 *   - AUTH (RFC 4954 §4): a 334 leaves AUTH waiting, and the client's next
 *     line is authentication data, which is never kept: it answers nothing
 *     and is not a command;
 *   - DATA: after a 3yz to DATA the client's lines are the message until
 *     ".", whose reply is end-of-data's; BDAT (RFC 3030): the chunk's bytes
 *     are not commands, and each BDAT gets one reply;
 *   - STARTTLS (RFC 3207 §4.2): after its 220 the session starts over
 *     without a greeting; ATRN (RFC 2645) and TURN (RFC 821) turn the
 *     roles round after a 250, and the other side greets;
 *   - LMTP (RFC 2033 §4.2): after the ".", one reply for each recipient
 *     that RCPT accepted, in RCPT order, each answering end-of-data;
 *   - a session ends at QUIT's reply or a 421; a 220 that answers a
 *     command other than STARTTLS greets a new connection (a log's
 *     process whose session was not seen to end: the commands still
 *     queued are dropped);
 *   - a multi-line reply ends where the next begins (a line with another
 *     code, or a command sent): cut off before its final line, it answers
 *     its command and is flagged SMTPCODE_REPLY_UNTERMINATED;
 *   - a server line without a reply code ("R: OK", RFC 821 Appendix F)
 *     answers the command it follows, a malformed reply
 *     (SMTPCODE_REPLY_NO_CODE), so that the replies after it keep their
 *     commands;
 *   - a transcript that shows only the last command of a pipelined batch
 *     (Sendmail's, in DSNs: ">>> DATA" then the batch's replies): the
 *     reply that answers the last command queued is held for a line; when
 *     another reply follows it, the held one answered a command the
 *     transcript left out (RFC 2920 §3.1: replies come in the commands'
 *     order), named only where its text names one, and the next reply
 *     answers the command shown.
 * Each reply's lines are kept for the event (ev->lines): a reply of one
 * line points at the line fed, a longer one is copied (struct sc_lines).
 *
 * Layer: a reader, above the reader primitives. Calls only those (here
 * only sc_word_len, inline in log.h), command.c, replyparse.c and the
 * generated tables; called by logrecord.c and logline.c.
 */
#include "internal.h"
#include "log.h"

#include <stddef.h>
#include <string.h>

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

void sc_transcript_begin(struct sc_transcript *tr, const unsigned long *lines)
{
	/* all but the texts of the lines (4 sessions of 12 KiB, for every
	 * input and MIME part) */
	memset(tr, 0, offsetof(struct sc_transcript, lines) + offsetof(struct sc_lines, text));
	tr->fed = lines;
	tr->format = -1;
	tr->bare = -1;
	tr->session_over = 1;
	smtpcode_reply_begin(&tr->reply);
}

/* Forgets the commands in flight and what they started. */
static void clear_queue(struct sc_transcript *tr)
{
	tr->head = tr->count = tr->lost = 0;
	tr->in_data = tr->auth_data = 0;
	tr->bdat_left = 0;
	tr->in_bdat = 0;
}

/* A new session: its first reply is the greeting. */
static void new_session(struct sc_transcript *tr)
{
	clear_queue(tr);
	tr->session_over = 1;
	tr->nrcpt = 0;
	tr->lmtp = 0;
	tr->swapped = 0;
	tr->has_sender = 0;
	tr->host_len = 0;
}

/* The remote host a session-host line names in s[0..len): a name up to
 * a ':' or the end, its final '.' (the root, as Sendmail writes a name)
 * left out, or an address in brackets ("[192.0.2.1]", "[IPv6:2001:db8::1]",
 * given without them and "IPv6:"); blanks around it left out. None when
 * that is empty, holds a blank or does not fit. */
static void take_host(struct sc_transcript *tr, const char *s, size_t len)
{
	const char *c;
	size_t i = 0, n;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < len && s[i] == '[' && (c = memchr(s + i, ']', len - i)) != NULL) {
		n = (size_t)(c - s);
		i++;
		if (n - i > 5 && memcmp(s + i, "IPv6:", 5) == 0)
			i += 5;
	} else {
		n = (c = memchr(s + i, ':', len - i)) != NULL ? (size_t)(c - s) : len;
		while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
			n--;
		if (n > i && s[n - 1] == '.')
			n--;
	}
	tr->host_len = 0;
	if (n > i && n - i <= sizeof tr->host[0] && memchr(s + i, ' ', n - i) == NULL &&
	    memchr(s + i, '\t', n - i) == NULL) {
		tr->host_half ^= 1;
		memcpy(tr->host[tr->host_half], s + i, n - i);
		tr->host_len = (unsigned short)(n - i);
	}
}

/* Copies s[0..len) (cut to the room there is) into e's text. */
static void set_text(struct sc_sent *e, const char *s, size_t len)
{
	if (len > sizeof e->text)
		len = sizeof e->text;
	memcpy(e->text, s, len);
	e->len = (unsigned char)len;
}

/* Queues a command sent; at the bound it is not kept, and a reply owed to
 * it answers no command. */
static struct sc_sent *push(struct sc_transcript *tr, const struct smtpcode_command *c)
{
	struct sc_sent *e;

	if (tr->count == SC_QUEUE) {
		tr->lost++;
		return NULL;
	}
	e = &tr->q[(tr->head + tr->count++) % SC_QUEUE];
	e->command = c;
	e->len = 0;
	return e;
}

/* Whether an AUTH is waiting for its reply. */
static int auth_queued(const struct sc_transcript *tr)
{
	for (unsigned i = 0; i < tr->count; i++)
		if (tr->q[(tr->head + i) % SC_QUEUE].command == &sc_commands[SC_CMD_AUTH])
			return 1;
	return 0;
}

/* The address of "RCPT TO:<a@b> ..." (or "MAIL FROM:<a@b> ..."): from
 * '<' to '>', else the rest. */
static void rcpt_address(struct sc_sent *e, const char *s, size_t len)
{
	const char *lt = memchr(s, '<', len), *gt;

	if (lt == NULL)
		return;
	gt = memchr(lt, '>', len - (size_t)(lt - s));
	set_text(e, lt, gt ? (size_t)(gt - lt) + 1 : len - (size_t)(lt - s));
}

/* The end of the message data: end-of-data, once for each recipient LMTP
 * accepted (at least once). */
static void end_of_data(struct sc_transcript *tr)
{
	const struct smtpcode_command *eod = &sc_commands[SC_CMD_END_OF_DATA];
	unsigned n = tr->lmtp && tr->nrcpt > 0 ? tr->nrcpt : 1;

	tr->in_data = 0;
	for (unsigned i = 0; i < n; i++) {
		struct sc_sent *e = push(tr, eod);
		if (e != NULL && tr->lmtp && i < SC_LMTP_RCPTS && i < tr->nrcpt)
			set_text(e, tr->rcpts[i].text, tr->rcpts[i].len);
	}
}

/* The byte count of "BDAT n ...". */
static size_t bdat_size(const char *s, size_t len)
{
	size_t i = 4, n = 0;

	while (i < len && s[i] == ' ')
		i++;
	for (; i < len && digit(s[i]) && n < (size_t)1 << 40; i++)
		n = n * 10 + (size_t)(s[i] - '0');
	return n;
}

/* Whether "BDAT n LAST" (RFC 3030 §2): the transaction's last chunk. */
static int bdat_last(const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return len >= 9 && (s[len - 5] == ' ' || s[len - 5] == '\t') &&
	       (s[len - 4] | 0x20) == 'l' && (s[len - 3] | 0x20) == 'a' &&
	       (s[len - 2] | 0x20) == 's' && (s[len - 1] | 0x20) == 't';
}

/* A line the client sent. */
static void client_line(struct sc_transcript *tr, const char *s, size_t len)
{
	const struct smtpcode_command *c;
	struct sc_sent *e;
	size_t w;

	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r'))
		len--;
	if (tr->in_data) {
		/* The message, until "." (RFC 821 §3.1 writes it <CRLF>.<CRLF>). */
		if ((len == 1 && s[0] == '.') ||
		    (len == 13 && memcmp(s, "<CRLF>.<CRLF>", 13) == 0))
			end_of_data(tr);
		return;
	}
	if (tr->auth_data) {
		/* Authentication data after a 334 (RFC 4954 §4): never kept. */
		tr->auth_data = 0;
		return;
	}
	if (len > 1 && s[0] == '<' && s[len - 1] == '>')
		return; /* the RFCs' narration: "<open connection to server>" */
	w = sc_word_len(s, len);
	c = smtpcode_command(s, w);
	if (tr->in_bdat) {
		/* The chunk's bytes (RFC 3030 §2), until they are all shown or
		 * the transcript goes on with another BDAT or the session's end
		 * (it may show a chunk in part, or describe it). */
		if (c == NULL || (c->id != SC_CMD_BDAT && c->id != SC_CMD_QUIT &&
		                  c->id != SC_CMD_RSET)) {
			tr->bdat_left = tr->bdat_left > len + 2 ? tr->bdat_left - (len + 2) : 0;
			tr->in_bdat = tr->bdat_left > 0;
			return;
		}
		tr->in_bdat = 0;
	}
	if (w == 0)
		return;
	if (c == NULL && auth_queued(tr))
		return; /* AUTH data whose 334 the transcript left out */
	e = push(tr, c);
	if (c == NULL) {
		if (e != NULL)
			set_text(e, s, w);
		return;
	}
	switch (c->id) {
	case SC_CMD_RCPT:
		if (e != NULL)
			rcpt_address(e, s, len);
		break;
	case SC_CMD_MAIL:
	case SC_CMD_SEND:
	case SC_CMD_SOML:
	case SC_CMD_SAML:
		tr->nrcpt = 0;
		if (e != NULL)
			rcpt_address(e, s, len);
		break;
	case SC_CMD_LHLO:
		tr->lmtp = 1;
		break;
	case SC_CMD_BDAT:
		tr->bdat_left = bdat_size(s, len);
		tr->in_bdat = tr->bdat_left > 0;
		if (e != NULL && bdat_last(s, len))
			set_text(e, "LAST", 4); /* (its reply ends the transaction) */
		break;
	default:
		break;
	}
}

/* The origin of the server's replies: its line's, the other way round
 * once ATRN or TURN turned the roles round. */
static enum smtpcode_log_origin origin_of(const struct sc_transcript *tr)
{
	if (tr->swapped && tr->origin != SMTPCODE_ORIGIN_UNKNOWN)
		return tr->origin == SMTPCODE_ORIGIN_LOCAL ? SMTPCODE_ORIGIN_REMOTE
		                                           : SMTPCODE_ORIGIN_LOCAL;
	return (enum smtpcode_log_origin)tr->origin;
}

/* The address a command sent names, without its angle brackets ("<b@y>"
 * gives "b@y", as the logs' to=<> and from=<> fields give it; "<>" gives
 * ""), its length into *n; NULL for none or an address cut at SC_TEXT. */
static const char *address_of(const struct sc_sent *sent, size_t *n)
{
	if (sent->len < 2 || sent->text[0] != '<' || sent->text[sent->len - 1] != '>')
		return NULL;
	*n = (size_t)sent->len - 2;
	return sent->text + 1;
}

/* The recipient of a RCPT (or of LMTP's reply to the data) that sent
 * names; none for "<>". */
static void set_recipient(struct smtpcode_log_event *ev, const struct sc_sent *sent)
{
	size_t n;
	const char *a = address_of(sent, &n);

	if (a != NULL && n > 0) {
		ev->recipient = a;
		ev->recipient_len = n;
	}
}

/* The sender of a MAIL that sent names ("" for "<>", the null sender),
 * into the session's halves in turn: where it is kept, or NULL. */
static const char *keep_sender(struct sc_transcript *tr, const struct sc_sent *sent)
{
	size_t n;
	const char *a = address_of(sent, &n);
	char *to;

	if (a == NULL)
		return NULL;
	to = tr->sender[tr->sender_half ^= 1];
	tr->sender_len = (unsigned char)n;
	memcpy(to, a, n);
	return to;
}

/* The oldest command in flight, answered: copied into the next half of
 * tr->done (the event's texts point there) and named in *ev. */
static struct sc_sent *take_oldest(struct sc_transcript *tr, struct smtpcode_log_event *ev)
{
	struct sc_sent *done = &tr->done[tr->done_half ^= 1];

	*done = tr->q[tr->head];
	ev->command = done->command;
	if (done->command == NULL) {
		ev->command_text = done->text;
		ev->command_text_len = done->len;
	}
	return done;
}

/* The transaction's sender, on a reply to one of its commands. */
static void set_sender(const struct sc_transcript *tr, struct smtpcode_log_event *ev)
{
	if (tr->has_sender) {
		ev->sender = tr->sender[tr->sender_half];
		ev->sender_len = tr->sender_len;
	}
}

/* A reply is complete: which command it answers, and what follows. */
static void answered(struct sc_transcript *tr, struct smtpcode_log_event *ev)
{
	int code = tr->reply.code, cls = code / 100;
	const struct smtpcode_command *c;
	struct sc_sent *done;

	ev->format = (enum smtpcode_log_format)tr->format;
	ev->origin = origin_of(tr);
	ev->reply = tr->reply;
	if (tr->host_len > 0) {
		ev->remote_host = tr->host[tr->host_half];
		ev->remote_host_len = tr->host_len;
	}
	if (tr->count == 0) {
		if (tr->lost > 0) {
			tr->lost--; /* owed to a command the queue could not keep */
		} else if (tr->session_over || code == 220) {
			/* The first reply of a session is the greeting; a 220 that
			 * answers no command starts a new session. */
			ev->command = &sc_commands[SC_CMD_CONNECT];
		}
		tr->session_over = 0;
		if (code == 421)
			new_session(tr);
		return;
	}
	if (code == 220 && tr->q[tr->head].command != &sc_commands[SC_CMD_STARTTLS]) {
		/* A greeting (RFC 5321 §3.1; 220 answers no command but STARTTLS,
		 * RFC 3207 §4): a new connection, where the last one's end was
		 * not seen (a log written twice over, a process's next session):
		 * what it left queued is dropped. */
		new_session(tr);
		tr->session_over = 0;
		ev->command = &sc_commands[SC_CMD_CONNECT];
		return;
	}
	tr->session_over = 0;
	done = take_oldest(tr, ev);
	c = done->command;
	if (c == &sc_commands[SC_CMD_AUTH] && code == 334) {
		/* AUTH goes on: the client's next line is its data. */
		tr->auth_data = 1;
		return;
	}
	tr->auth_data = 0; /* the exchange is over (a log may not show the data) */
	tr->head = (tr->head + 1) % SC_QUEUE;
	tr->count--;
	if (c == NULL)
		return;
	switch (c->id) {
	case SC_CMD_MAIL:
	case SC_CMD_SEND:
	case SC_CMD_SOML:
	case SC_CMD_SAML:
		/* the sender the command named, and, once accepted, the
		 * transaction's (RFC 5321 §4.1.1.2) */
		tr->has_sender = 0;
		if ((ev->sender = keep_sender(tr, done)) != NULL) {
			ev->sender_len = tr->sender_len;
			tr->has_sender = cls == 2;
		}
		break;
	case SC_CMD_DATA:
		tr->in_data = cls == 3;
		set_sender(tr, ev);
		break;
	case SC_CMD_RCPT:
		/* the recipient the command named (its address, "<b@y>"):
		 * the reply is about it */
		set_recipient(ev, done);
		set_sender(tr, ev);
		if (cls == 2 && tr->nrcpt < SC_QUEUE) {
			if (tr->nrcpt < SC_LMTP_RCPTS)
				tr->rcpts[tr->nrcpt] = *done;
			tr->nrcpt++;
		}
		break;
	case SC_CMD_BDAT:
		set_sender(tr, ev);
		if (done->len == 4 && memcmp(done->text, "LAST", 4) == 0)
			tr->has_sender = 0; /* the transaction is over */
		break;
	case SC_CMD_END_OF_DATA:
		set_recipient(ev, done); /* LMTP's, one reply each */
		set_sender(tr, ev);
		/* the transaction is over (RFC 5321 §4.1.1.4) after the last
		 * reply to it (LMTP: one a recipient) */
		if (tr->count == 0 || tr->q[tr->head].command != c)
			tr->has_sender = 0;
		break;
	case SC_CMD_RSET:
	case SC_CMD_HELO:
	case SC_CMD_EHLO:
	case SC_CMD_LHLO:
		/* RFC 5321 §4.1.1.5 and §4.1.4: no transaction after them */
		if (cls == 2)
			tr->has_sender = 0;
		break;
	case SC_CMD_STARTTLS:
		if (code == 220) {
			/* RFC 3207 §4.2: both sides start over; no greeting. */
			clear_queue(tr);
			tr->nrcpt = 0;
			tr->has_sender = 0;
		}
		break;
	case SC_CMD_ATRN:
	case SC_CMD_TURN:
		if (cls == 2) {
			/* The roles turn round: the other side greets. */
			int swapped = !tr->swapped, lmtp = tr->lmtp;
			new_session(tr);
			tr->swapped = swapped;
			tr->lmtp = lmtp;
		}
		break;
	case SC_CMD_QUIT:
		new_session(tr);
		break;
	default:
		break;
	}
	if (code == 421)
		new_session(tr);
}

/* The multi-line reply being read stopped before its final line: another
 * reply or a command came. It answers its command, flagged unterminated,
 * with the lines that came: 2 (the line that ended it is still to be
 * read). */
static int cut(struct sc_transcript *tr, struct smtpcode_log_event *ev)
{
	tr->reply.flags |= SMTPCODE_REPLY_UNTERMINATED;
	answered(tr, ev);
	sc_lines_set(&tr->lines, ev);
	/* reported at its last line, the one before, where a transcript's
	 * lines follow each other (a session that log lines name comes amid
	 * others': at the line that ended it) */
	ev->lines_before = tr->keylen == 0;
	smtpcode_reply_begin(&tr->reply);
	return 2;
}

/* A line in the server's place that is no reply line, r[0..len): it
 * answers the command it follows all the same, a malformed reply with no
 * code (its text the line). */
static void no_code(struct sc_transcript *tr, const char *r, size_t len,
                    struct smtpcode_log_event *ev)
{
	smtpcode_reply_begin(&tr->reply);
	tr->reply.flags = SMTPCODE_REPLY_NO_CODE;
	tr->reply.lines = 1;
	tr->reply.text = r;
	tr->reply.text_len = len;
	answered(tr, ev);
	ev->lines = r;
	ev->lines_len = len;
	smtpcode_reply_begin(&tr->reply);
}

/* Whether the transcript shows only the last command of a pipelined batch
 * (Sendmail's "... while talking to" block: sendmail(8) writes the
 * command that it waits on, then every reply it reads). */
static int shows_last_command(int format)
{
	return format == SMTPCODE_LOG_SENDMAIL_TRANSCRIPT;
}

/* Holds the reply in *ev, complete, which answered the last command queued
 * of a transcript that shows only a batch's last command: its texts are
 * copied (the line they lie in is gone by the next line). */
static void hold(struct sc_transcript *tr, const struct smtpcode_log_event *ev)
{
	size_t t = ev->reply.text_len, n = ev->lines_len;
	char *to = tr->held_text[tr->held_half ^= 1];

	if (t > SC_LINES / 4)
		t = SC_LINES / 4;
	if (n > SC_LINES - t) {
		/* (the lines that fit whole, cut at a line's end) */
		const char *nl = NULL;
		for (size_t i = 0; i < SC_LINES - t; i++)
			if (ev->lines[i] == '\n')
				nl = ev->lines + i;
		n = nl ? (size_t)(nl - ev->lines) : 0;
	}
	tr->held = *ev;
	memcpy(to, ev->reply.text, t);
	tr->held.reply.text = to;
	tr->held.reply.text_len = t;
	if (ev->lines != NULL && n > 0)
		memcpy(to + t, ev->lines, n);
	tr->held.lines = ev->lines != NULL && n > 0 ? to + t : NULL;
	tr->held.lines_len = n;
	tr->held_sent = tr->done[tr->done_half];
	if (tr->held.recipient != NULL) /* (into the copy: done moves on) */
		tr->held.recipient = tr->held_sent.text + 1;
	tr->held_after = 0;
	tr->holding = 1;
	tr->bare = -2; /* the lines without a prefix come to sc_transcript_bare */
}

/* A reply line: 1 when it completes a reply (0 when it is held or goes
 * on), 2 when it ends a reply cut off before its final line (and is
 * still to be read). With `flat`, a line may hold a whole multi-line
 * reply, its lines joined. */
static int server_line(struct sc_transcript *tr, const char *r, size_t len,
                       struct smtpcode_log_event *ev, int flat)
{
	struct smtpcode_line l;
	int first;

	while (len > 0 && (*r == ' ' || *r == '\t'))
		r++, len--;
	if (len > 0 && r[len - 1] == '\r')
		len--;
	if (!smtpcode_line_parse(r, len, &l)) {
		if (tr->reply.open)
			return cut(tr, ev);
		if (sc_blank(r, len))
			return 0;
		if (tr->in_data)
			end_of_data(tr);
		no_code(tr, r, len, ev);
		return 1;
	}
	if (tr->reply.open && l.code != tr->reply.first_code)
		return cut(tr, ev); /* another reply begins */
	/* A reply while the client sends the message ends it: the log did not
	 * show the data (Haraka logs none at loglevel protocol). */
	if (tr->in_data)
		end_of_data(tr);
	first = !tr->reply.open;
	if (flat && first) {
		size_t n;
		sc_lines_begin(&tr->lines);
		if (sc_reply_flat_lines(r, len, &tr->reply, 1, tr->lines.text[tr->lines.half],
		                        SC_LINES, &n)) {
			if (tr->reply.lines > 1) {
				tr->lines.len = n;
				sc_lines_set(&tr->lines, ev);
			} else {
				ev->lines = r;
				ev->lines_len = len;
			}
			goto done;
		}
	}
	if (sc_reply_feed_line(&tr->reply, r, len, &l) != SMTPCODE_FEED_DONE) {
		/* a continuation line: the reply's lines are copied */
		if (first)
			sc_lines_begin(&tr->lines);
		sc_lines_line(&tr->lines, r, len);
		tr->reply_at = *tr->fed; /* (an end before its final line
		                              reports it here) */
		return 0;
	}
	if (first) {
		ev->lines = r; /* one line: the line itself */
		ev->lines_len = len;
	} else {
		sc_lines_line(&tr->lines, r, len);
		sc_lines_set(&tr->lines, ev);
	}
done:
	{
		unsigned queued = tr->count;
		answered(tr, ev);
		smtpcode_reply_begin(&tr->reply);
		if (queued == 1 && tr->count == 0 && shows_last_command(tr->format) &&
		    ev->command != NULL && ev->reply.code / 100 != 3 &&
		    (ev->command->id == SC_CMD_DATA || ev->command->id == SC_CMD_RCPT ||
		     ev->command->id == SC_CMD_MAIL)) {
			hold(tr, ev);
			return 0;
		}
	}
	return 1;
}

/* Whether s[0..n) is the upper-case word w[0..n), in any case. */
static int caseless(const char *s, const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != w[i] && !(w[i] >= 'A' && w[i] <= 'Z' && s[i] == w[i] + ('a' - 'A')))
			return 0;
	return 1;
}

/* The command a reply's text names, when it names one and only one
 * ("552 RCPT TO:<x> Mailbox full"): MAIL or RCPT, by their words; else
 * NULL ("503 Issue RCPT TO: command before DATA command" names two). */
static const struct smtpcode_command *named_in(const char *s, size_t len)
{
	static const char *const words[3] = { "MAIL FROM", "RCPT TO", "DATA" };
	static const unsigned char ids[3] = { SC_CMD_MAIL, SC_CMD_RCPT, SC_CMD_DATA };
	const struct smtpcode_command *c = NULL;

	for (int w = 0; w < 3; w++) {
		size_t n = strlen(words[w]);
		for (size_t i = 0; i + n <= len; i++) {
			if (caseless(s + i, words[w], n) && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '[') &&
			    (i + n == len || s[i + n] == ' ' || s[i + n] == ':' || s[i + n] == ']')) {
				if (c != NULL)
					return NULL; /* two: the text names none alone */
				c = &sc_commands[ids[w]];
				break;
			}
		}
	}
	return c;
}

int sc_transcript_release(struct sc_transcript *tr, const char *s, size_t len,
                          struct smtpcode_log_event *ev)
{
	const char *p = s;
	size_t n = len;
	int role = -1;

	while (n > 0 && (*p == ' ' || *p == '\t'))
		p++, n--;
	for (size_t i = 0; i < SC_NPREFIXES && n > 0; i++) {
		const struct sc_prefix *x = &sc_prefixes[i];
		if (n >= x->len && memcmp(p, x->text, x->len) == 0) {
			role = x->format == tr->format ? x->role : SC_ROLE_NOTE;
			p += x->len;
			n -= x->len;
			break;
		}
	}
	if (role < 0 && smtpcode_line_parse(p, n, NULL)) {
		/* Sendmail's own line for a recipient it failed, between the
		 * protocol lines ("550 5.1.1 <x@example.org>... User unknown"):
		 * read as any other, the reply still held */
		tr->held_after++;
		return 0;
	}
	tr->holding = 0;
	tr->bare = -1;
	*ev = tr->held;
	ev->lines_before = tr->held_after + 1;
	while (n > 0 && (*p == ' ' || *p == '\t'))
		p++, n--;
	if (role == SC_ROLE_SERVER && tr->count == 0 && smtpcode_line_parse(p, n, NULL)) {
		/* Another reply: the held one answered a command of the batch
		 * that the transcript does not show, and the command shown is
		 * answered by a reply after it (RFC 2920 §3.1). */
		ev->command = named_in(tr->held.reply.text, tr->held.reply.text_len);
		ev->command_text = NULL;
		ev->command_text_len = 0;
		ev->recipient = NULL; /* the shown command's, not its own */
		ev->recipient_len = 0;
		ev->pipelined = 1;
		tr->head = (tr->head + SC_QUEUE - 1) % SC_QUEUE;
		tr->q[tr->head] = tr->held_sent;
		tr->count++;
		tr->in_data = 0;
	}
	return 2;
}

/* Python's repr of the line: b'...' or '...', less a final \r\n. */
static int unquote(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len;

	while (n > 0 && (*p == ' ' || *p == '\t'))
		p++, n--;
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\r'))
		n--;
	if (n > 0 && p[0] == 'b')
		p++, n--;
	if (n < 2 || (p[0] != '\'' && p[0] != '"') || p[n - 1] != p[0])
		return 0;
	p++;
	n -= 2;
	if (n >= 4 && memcmp(p + n - 4, "\\r\\n", 4) == 0)
		n -= 4;
	*s = p;
	*len = n;
	return 1;
}

int sc_quoted(const char *s, size_t len)
{
	return unquote(&s, &len);
}

/* Whether key[0..len) names another session than the last line's. */
static int other_key(const struct sc_transcript *tr, const char *key, size_t len)
{
	if (len > sizeof tr->key)
		len = sizeof tr->key;
	return len != tr->keylen || memcmp(key, tr->key, len) != 0;
}

int sc_transcript_line(struct sc_transcript *tr, int format, int role, const char *rest,
                       size_t len, const char *key, size_t keylen,
                       struct smtpcode_log_event *ev)
{
	int named = role == SC_ROLE_SESSION_HOST; /* (the line names the host) */

	if (named)
		role = SC_ROLE_SESSION;
	if (role == SC_ROLE_SESSION && tr->reply.open && tr->format == format)
		return cut(tr, ev); /* a new session: the reply stopped short */
	if (role == SC_ROLE_SESSION) {
		new_session(tr);
		tr->format = format;
		if (named)
			take_host(tr, rest, len);
	} else if (tr->format != format) {
		/* Another transcript: another session. */
		tr->format = format;
		new_session(tr);
		smtpcode_reply_begin(&tr->reply);
	}
	if (key != NULL && other_key(tr, key, keylen)) {
		/* A session that a log line names starts here (sc_session() gave
		 * it a transcript reset to no format, so the branch above started
		 * it over): its lines come amid others, and the first one seen
		 * may be from its middle; only a 220 greets (unless the line says
		 * the session starts). */
		if (role != SC_ROLE_SESSION)
			tr->session_over = 0;
		tr->keylen = (unsigned char)(keylen > sizeof tr->key ? sizeof tr->key : keylen);
		memcpy(tr->key, key, tr->keylen);
	}
	/* The lines after a bare transcript's own are its protocol lines. */
	tr->bare = sc_format_transcript[format] == SC_READER_BARE_TRANSCRIPT ? format : -1;
	if (role == SC_ROLE_NOTE || role == SC_ROLE_SESSION)
		return 0;
	if (sc_format_transcript[format] == SC_READER_QUOTED_TRANSCRIPT && !unquote(&rest, &len))
		return 0; /* a summary line ("reply: retcode (250); ...") */
	if (role == SC_ROLE_EITHER) {
		/* A reply line is the server's, unless the client is sending
		 * data (RFC 821's "S:" is the sender, the client). */
		const char *p = rest;
		size_t n = len;
		while (n > 0 && (*p == ' ' || *p == '\t'))
			p++, n--;
		role = !tr->in_data && !tr->in_bdat && smtpcode_line_parse(p, n, NULL)
		               ? SC_ROLE_SERVER
		               : SC_ROLE_CLIENT;
	} else if (tr->swapped) {
		role = role == SC_ROLE_CLIENT ? SC_ROLE_SERVER : SC_ROLE_CLIENT;
	}
	if (role == SC_ROLE_CLIENT) {
		if (tr->reply.open)
			return cut(tr, ev); /* a command: the reply stopped short */
		client_line(tr, rest, len);
		return 0;
	}
	return server_line(tr, rest, len, ev,
	                   sc_format_transcript[format] == SC_READER_FLAT_TRANSCRIPT);
}

/* A line without a prefix while a reply is held: 2 when it releases it,
 * -1 when the line is to be read as any other. */
static int bare_held(struct sc_transcript *tr, const char *s, size_t len,
                     struct smtpcode_log_event *ev)
{
	return sc_transcript_release(tr, s, len, ev) ? 2 : -1;
}

int sc_transcript_bare_line(struct sc_transcript *tr, const char *s, size_t len,
                            struct smtpcode_log_event *ev)
{
	const char *p = s;
	size_t n = len, w;

	if (tr->bare < 0) /* -2: a reply is held, which the line may release */
		return bare_held(tr, s, len, ev);
	while (n > 0 && (*p == ' ' || *p == '\t'))
		p++, n--;
	if (tr->in_data || tr->in_bdat || tr->auth_data) {
		client_line(tr, s, len);
		return 0;
	}
	if (smtpcode_line_parse(p, n, NULL))
		return server_line(tr, p, n, ev, 0);
	w = sc_word_len(p, n);
	if (w == 0 || smtpcode_command(p, w) == NULL)
		return -1; /* the program's own output, not the protocol */
	if (tr->reply.open)
		return cut(tr, ev); /* a command: the reply stopped short */
	client_line(tr, p, n);
	return 0;
}

int sc_transcript_end(struct sc_transcript *tr, struct smtpcode_log_event *ev)
{
	if (tr->holding) {
		/* nothing came after it: it answered the command shown */
		tr->holding = 0;
		tr->bare = -1;
		*ev = tr->held;
		ev->lines_before = tr->held_after;
		return 1;
	}
	if (!tr->reply.open || tr->format < 0)
		return 0;
	ev->format = (enum smtpcode_log_format)tr->format;
	ev->reply = tr->reply;
	sc_lines_set(&tr->lines, ev);
	ev->origin = origin_of(tr);
	ev->reply.flags |= SMTPCODE_REPLY_UNTERMINATED;
	/* reported at its last line, not at the input's (lines of other
	 * sessions or dialects may have come after it) */
	ev->lines_before = (size_t)(*tr->fed - tr->reply_at);
	if (tr->count > 0)
		(void)take_oldest(tr, ev);
	smtpcode_reply_begin(&tr->reply);
	return 1;
}
