/* SPDX-License-Identifier: MIT */
/* transcript.c - the state of an SMTP transcript being read: the command
 * each reply answers, multi-line replies, the data between a 354 and its
 * ".", and where a session starts. Which line is a command and which a
 * reply is the prefix rows' business (data/logformats.txt, matched in
 * logline.c). */
#include "internal.h"
#include "log.h"

#include <string.h>

void sc_transcript_begin(struct sc_transcript *tr)
{
	memset(tr, 0, sizeof *tr);
	tr->format = -1;
	tr->session_over = 1;
	smtpcode_reply_begin(&tr->reply);
}

/* A new session: its first reply is the greeting. */
static void new_session(struct sc_transcript *tr)
{
	tr->session_over = 1;
	tr->in_data = 0;
	tr->last = NULL;
}

/* A client line: remember the command it sends. */
static void client_line(struct sc_transcript *tr, const char *cmd, size_t len)
{
	size_t w;

	while (len > 0 && (*cmd == ' ' || *cmd == '\t'))
		cmd++, len--;
	while (len > 0 && cmd[len - 1] == ' ')
		len--;
	if (tr->in_data) {
		if (len == 1 && cmd[0] == '.') {
			tr->in_data = 0;
			tr->last = &sc_commands[SC_CMD_END_OF_DATA];
		}
		return;
	}
	w = sc_word_len(cmd, len);
	tr->last = sc_command_find(cmd, w);
	tr->last_text = NULL;
	tr->last_text_len = 0;
	if (tr->last == NULL && w > 0) {
		/* Copied: the caller may reuse this line's buffer before the
		 * reply comes. A longer word is cut. */
		if (w > sizeof tr->last_word)
			w = sizeof tr->last_word;
		memcpy(tr->last_word, cmd, w);
		tr->last_text = tr->last_word;
		tr->last_text_len = w;
	}
	smtpcode_reply_begin(&tr->reply);
}

/* A server line: 1 when it completes a reply. */
static int server_line(struct sc_transcript *tr, const char *r, size_t len,
                       struct smtpcode_log_event *ev)
{
	const struct smtpcode_command *c;

	while (len > 0 && *r == ' ')
		r++, len--;
	if (smtpcode_reply_feed(&tr->reply, r, len) != SMTPCODE_FEED_DONE)
		return 0;
	ev->format = (enum smtpcode_log_format)tr->format;
	ev->reply = tr->reply;
	if (tr->last == NULL && (tr->session_over || tr->reply.code == 220)) {
		/* The first reply of a session is the greeting; a 220 that
		 * answers no command starts a new session. */
		ev->command = &sc_commands[SC_CMD_CONNECT];
	} else {
		ev->command = tr->last;
		if (tr->last == NULL && tr->last_text) {
			ev->command_text = tr->last_text;
			ev->command_text_len = tr->last_text_len;
		}
	}
	c = ev->command;
	tr->session_over = 0;
	if (c && c->id == SC_CMD_DATA && tr->reply.code / 100 == 3)
		tr->in_data = 1;
	if ((c && c->id == SC_CMD_QUIT) || tr->reply.code == 421)
		tr->session_over = 1;
	tr->last = NULL;
	tr->last_text = NULL;
	smtpcode_reply_begin(&tr->reply);
	return 1;
}

int sc_transcript_line(struct sc_transcript *tr, const struct sc_prefix *p, const char *rest,
                       size_t len, struct smtpcode_log_event *ev)
{
	if (p->role == SC_ROLE_SESSION) {
		new_session(tr);
		return 0;
	}
	if (tr->format != p->format) {
		/* Another transcript: another session. */
		tr->format = p->format;
		new_session(tr);
		smtpcode_reply_begin(&tr->reply);
	}
	if (p->role == SC_ROLE_CLIENT) {
		client_line(tr, rest, len);
		return 0;
	}
	return server_line(tr, rest, len, ev);
}

int sc_transcript_end(struct sc_transcript *tr, struct smtpcode_log_event *ev)
{
	if (!tr->reply.open || tr->format < 0)
		return 0;
	ev->format = (enum smtpcode_log_format)tr->format;
	ev->command = tr->last;
	ev->reply = tr->reply;
	ev->reply.flags |= SMTPCODE_REPLY_UNTERMINATED;
	smtpcode_reply_begin(&tr->reply);
	return 1;
}
