/* SPDX-License-Identifier: MIT */
/* judge.h - check's judgement of a reply (judge.c): the library's
 * (smtpcode_judge_event), behind memos of the verdicts and messages that
 * the codes and command alone decide. It needs the standard and its memos,
 * nothing of the run that reads the log. */
#ifndef SMTPCODE_JUDGE_H
#define SMTPCODE_JUDGE_H

#include <stddef.h>

#include "smtpcode.h"
#include "verdict.h"

/* A verdict remembered for a code, enhanced code and command. */
#define JUDGE_MEMO_BITS 8
struct verdict_memo {
	unsigned long long key; /* 0: unused */
	unsigned char verdict;
};

/* A valid record's message, remembered for its codes and command. */
#define JUDGE_MESSAGE_BITS 6
struct message_memo {
	unsigned long long key; /* 0: unused */
	unsigned short len;
	char text[182];
};

/* A problem's message, remembered for its codes, command, the log's
 * format and pipelining (which the message's hint names) and the
 * judgement's evidence (whether the text showed a condition or not). */
#define JUDGE_PROBLEM_BITS 6
struct problem_memo {
	unsigned long long key; /* 0: unused */
	unsigned short len;
	char text[512];
};

/* A failure's reason (smtpcode_reason), remembered for a hash of its
 * code, enhanced code, command, remote host (any address as one) and
 * text: a log repeats its rejections word for word, and reading a reason
 * costs about as much as reading the line. */
#define JUDGE_REASON_BITS 10
struct reason_memo {
	unsigned long long hash; /* 0: unused */
	int reason;
	const struct smtpcode_provider *provider;
};

/* What judging needs: the standard and the memos (valid for this standard
 * only: set std before the first judgement). */
struct judge {
	enum smtpcode_standard std;
	struct verdict_memo memo[1u << JUDGE_MEMO_BITS];
	struct message_memo messages[1u << JUDGE_MESSAGE_BITS];
	struct problem_memo problems[1u << JUDGE_PROBLEM_BITS];
	struct reason_memo reasons[1u << JUDGE_REASON_BITS];
};

/* The reason of a failure reply (4xx, 5xx), from its whole text, command
 * and remote host, with the provider whose row decided it into *provider
 * (NULL: none); -1 for a reply that is no failure. */
int judge_reason(struct judge *j, const struct smtpcode_log_event *ev,
                 const struct smtpcode_provider **provider);

/* Zeroes *j for the standard std. */
void judge_init(struct judge *j, enum smtpcode_standard std);

/* The verdict on one reply, with its message (which says when the reply
 * was not sent) in *msg[0..*len), NUL-terminated: a memo's, valid until
 * the next call, or written into buf[0..size) (size > 0). */
enum verdict judge_message(struct judge *j, const struct smtpcode_log_event *ev, char *buf,
                           size_t size, const char **msg, size_t *len);

/* The message of a reply whose verdict (judge_verdict()'s) is a problem,
 * as judge_message() gives it. */
void judge_problem_message(struct judge *j, const struct smtpcode_log_event *ev, char *buf,
                           size_t size, const char **msg, size_t *len);

/* The key of a record's codes and command in the memo tables, or 0 when
 * they do not fit one (or the reply has a flag that decides alone). */
unsigned long long judge_memo_key(const struct smtpcode_log_event *ev);

/* The slot of key in a memo table of 2^bits entries. */
static inline size_t judge_memo_slot(unsigned long long key, unsigned bits)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ull) >> (64 - bits));
}

/* judge_verdict() of a reply that the memo does not hold (key: its
 * judge_memo_key()). */
enum verdict judge_verdict_new(struct judge *j, const struct smtpcode_log_event *ev,
                               unsigned long long key);

/* The verdict alone, for a record that is not printed: inline, as most
 * records of a log are found in the memo (check without --all). */
static inline enum verdict judge_verdict(struct judge *j, const struct smtpcode_log_event *ev)
{
	unsigned long long key = judge_memo_key(ev);
	const struct verdict_memo *m = &j->memo[judge_memo_slot(key, JUDGE_MEMO_BITS)];

	if (key != 0 && m->key == key)
		return (enum verdict)m->verdict;
	return judge_verdict_new(j, ev, key);
}

/* judge_valid() of a reply whose verdict is a problem. */
int judge_valid_problem(const struct judge *j, const struct smtpcode_log_event *ev);

/* Whether the code is allowed for the command (listed or conditional),
 * whatever the enhanced code says, given the reply's verdict vd: 1 or 0,
 * -1 when the log names no command. */
static inline int judge_valid(const struct judge *j, const struct smtpcode_log_event *ev,
                              enum verdict vd)
{
	if (ev->command == NULL)
		return -1;
	return vd <= V_CONDITIONAL ? 1 : judge_valid_problem(j, ev);
}

/* The enhanced code's problem with the basic code, as a verdict's name
 * ("enhanced-mismatch", "unregistered-enhanced"), or NULL (none, or no
 * enhanced code). */
static inline const char *judge_enhanced_problem(const struct smtpcode_reply_state *r)
{
	if (!r->has_ecode)
		return NULL;
	switch (smtpcode_pair(r->code, &r->ecode)) {
	case SMTPCODE_PAIR_CLASS_MISMATCH:
		return verdict_name(V_ENHANCED_MISMATCH);
	case SMTPCODE_PAIR_UNREGISTERED:
		return verdict_name(V_UNREGISTERED_ENHANCED);
	default:
		return NULL;
	}
}

#endif
