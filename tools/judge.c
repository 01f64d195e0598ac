/* SPDX-License-Identifier: MIT */
/* judge.c - check's judgement of one reply found in a log: the library's
 * (smtpcode_judge_event), with memos of the verdicts and messages that the
 * codes and command alone decide, which the library leaves to its caller.
 * Layer: beside counts.c and records.c, under report.c; takes no checker;
 * calls the library only. */
#include <string.h>

#include "smtpcode.h"
#include "hash.h"
#include "judge.h"

/* A hash of a reply's text with what lies between '<' and the next '>'
 * left out (a mailbox, "<b@example.org>"): smtpcode_reason() reads no
 * phrase there (data/reasonrules.txt), and the same rejection repeats in a
 * log with another address each time. A '<' with no '>' after it is no
 * address: it and the rest are hashed, as the reason reads them. */
static unsigned long long fnv_text(unsigned long long h, const char *s, size_t n)
{
	const char *end = s + n;

	while (s < end) {
		const char *lt = memchr(s, '<', (size_t)(end - s)), *gt = NULL;
		if (lt == NULL || (gt = memchr(lt + 1, '>', (size_t)(end - lt - 1))) == NULL)
			return hash_words(h, s, (size_t)(end - s));
		h = hash_words(h, s, (size_t)(lt - s));
		h = (h ^ '<') * 0x100000001b3ull;
		s = gt;
	}
	return h;
}

/* Whether host[0..n) ends in a label of digits alone, a final dot aside
 * (an IPv4 address, as a log names a client that has no name): no
 * provider's pattern matches it, so all such give one reason
 * (smtpcode_reason() in smtpcode.h). */
static int host_is_address(const char *host, size_t n)
{
	size_t i;

	if (n > 0 && host[n - 1] == '.')
		n--;
	for (i = n; i > 0 && host[i - 1] >= '0' && host[i - 1] <= '9'; i--)
		;
	return i < n && (i == 0 || host[i - 1] == '.');
}

int judge_reason(struct judge *j, const struct smtpcode_log_event *ev,
                 const struct smtpcode_provider **provider)
{
	const struct smtpcode_reply_state *r = &ev->reply;
	const char *text = r->text;
	size_t len = r->text_len;
	size_t hlen = ev->remote_host != NULL && ev->remote_host_len < 255 ? ev->remote_host_len : 0;
	unsigned long long h;
	struct reason_memo *m;
	struct smtpcode_why why;
	char host[256];
	int reason;

	*provider = NULL;
	if (r->code < 400 || r->code > 599)
		return -1;
	h = fnv_text(HASH_BASIS, text, len);
	if (hlen > 0 && host_is_address(ev->remote_host, hlen))
		h = (h ^ 0xfe) * 0x100000001b3ull; /* any address, as one */
	else
		h = hash_words(h ^ 0xff, ev->remote_host ? ev->remote_host : "", hlen);
	h ^= (unsigned long long)r->code << 40 ^ (unsigned long long)(ev->command ? ev->command->id + 1 : 0) << 52;
	if (r->has_ecode)
		h ^= ((unsigned long long)r->ecode.cls << 20 | (unsigned long long)r->ecode.subject << 10 |
		      (unsigned long long)r->ecode.detail) * 0x9e3779b97f4a7c15ull;
	h |= 1; /* never 0, the unused slot's */
	m = &j->reasons[judge_memo_slot(h, JUDGE_REASON_BITS)];
	if (m->hash == h) {
		*provider = m->provider;
		return m->reason;
	}
	if (hlen > 0 && ev->remote_host != NULL)
		memcpy(host, ev->remote_host, hlen);
	host[hlen] = '\0';
	reason = smtpcode_reason(r->code, r->has_ecode ? &r->ecode : NULL, text, text ? len : 0,
	                         ev->command, hlen ? host : NULL, &why);
	if (reason < 0)
		return -1;
	m->hash = h;
	m->reason = reason;
	m->provider = why.provider;
	*provider = why.provider;
	return reason;
}

void judge_init(struct judge *j, enum smtpcode_standard std)
{
	memset(j, 0, sizeof *j);
	j->std = std;
}

unsigned long long judge_memo_key(const struct smtpcode_log_event *ev)
{
	const struct smtpcode_reply_state *r = &ev->reply;
	unsigned long long key;

	if (r->flags != 0 || r->code < 0 || r->code > 999 ||
	    (r->has_ecode && (r->ecode.cls < 0 || r->ecode.cls > 9 || r->ecode.subject < 0 ||
	                      r->ecode.subject > 999 || r->ecode.detail < 0 ||
	                      r->ecode.detail > 999)) ||
	    (ev->command && ev->command->id > 254))
		return 0;
	key = (unsigned long long)r->code | (unsigned long long)(ev->command ? ev->command->id + 1 : 0)
	                                            << 10;
	if (r->has_ecode)
		key |= 1ull << 18 | (unsigned long long)r->ecode.cls << 19 |
		       (unsigned long long)r->ecode.subject << 23 |
		       (unsigned long long)r->ecode.detail << 33;
	return key | 1ull << 63; /* a slot in use */
}

enum verdict judge_message(struct judge *j, const struct smtpcode_log_event *ev, char *buf,
                           size_t size, const char **msg, size_t *len)
{
	/* A valid record's message is the validity sentence, which its codes
	 * and command decide: remembered, it is given from the memo rather
	 * than made with snprintf (--all --json on the bench log: 9 records
	 * in 10). A line of Postfix's warn_if_reject adds to it: not
	 * remembered. */
	unsigned long long key =
		ev->format != SMTPCODE_LOG_POSTFIX_REJECT_WARNING ? judge_memo_key(ev) : 0;
	struct message_memo *m = &j->messages[judge_memo_slot(key, JUDGE_MESSAGE_BITS)];
	enum verdict v;
	size_t n;

	if (key != 0 && m->key == key) {
		*msg = m->text;
		*len = m->len;
		return V_VALID;
	}
	v = (enum verdict)smtpcode_judge_event(j->std, ev, NULL, buf, size);
	*msg = buf;
	*len = n = strlen(buf);
	if (key != 0 && v == V_VALID && n < sizeof m->text) {
		m->key = key;
		m->len = (unsigned short)n;
		memcpy(m->text, buf, n + 1);
	}
	return v;
}

void judge_problem_message(struct judge *j, const struct smtpcode_log_event *ev, char *buf,
                           size_t size, const char **msg, size_t *len)
{
	/* The message of a problem (check prints it for each, and on the
	 * bench log half of them say the same as the one before): made with
	 * snprintf, it cost 2,700 instructions. What decides it is the key's
	 * codes and command, the format and pipelining that the hint names,
	 * and the evidence; an unknown command's name (command_text) and
	 * Postfix's warn_if_reject add to it: not remembered. */
	unsigned long long key = ev->format != SMTPCODE_LOG_POSTFIX_REJECT_WARNING &&
	                                         ev->command_text == NULL
	                                 ? judge_memo_key(ev)
	                                 : 0;
	struct smtpcode_judgement jd;
	struct problem_memo *m;
	size_t n;

	if (key == 0) {
		(void)judge_message(j, ev, buf, size, msg, len);
		return;
	}
	if (j->memo[judge_memo_slot(key, JUDGE_MEMO_BITS)].key != key) {
		/* a verdict that the text may have decided (judge_verdict_new
		 * remembers none such): the evidence, judged without the
		 * message */
		(void)smtpcode_judge_event(j->std, ev, &jd, NULL, 0);
		if (jd.evidence == SMTPCODE_EVIDENCE_SHOWN) { /* (its rule: one of several) */
			(void)judge_message(j, ev, buf, size, msg, len);
			return;
		}
		key ^= (unsigned long long)jd.evidence << 46;
	} /* (else the codes and command decided it: evidence NONE) */
	key ^= (unsigned long long)(ev->format == SMTPCODE_LOG_POSTFIX_SMTPD) << 44 ^
	       (unsigned long long)(ev->pipelined != 0) << 45;
	m = &j->problems[judge_memo_slot(key, JUDGE_PROBLEM_BITS)];
	if (m->key == key) {
		*msg = m->text;
		*len = m->len;
		return;
	}
	(void)smtpcode_judge_event(j->std, ev, NULL, buf, size);
	*msg = buf;
	*len = n = strlen(buf);
	if (n < sizeof m->text) {
		m->key = key;
		m->len = (unsigned short)n;
		memcpy(m->text, buf, n + 1);
	}
}

/* A verdict that the codes and the command decide (no reply flag, no
 * conditional rule that reads the text) is remembered in a small table:
 * most records of a log repeat a few such triples (on the bench log, this
 * takes 13% of the instructions of check off). judge_verdict() looks it
 * up; this judges a reply the table does not hold. */
enum verdict judge_verdict_new(struct judge *j, const struct smtpcode_log_event *ev,
                               unsigned long long key)
{
	struct smtpcode_judgement jd;
	enum verdict v = (enum verdict)smtpcode_judge_event(j->std, ev, &jd, NULL, 0);

	if (key != 0 && jd.evidence != SMTPCODE_EVIDENCE_SHOWN &&
	    jd.evidence != SMTPCODE_EVIDENCE_NOT_SHOWN) {
		struct verdict_memo *m = &j->memo[judge_memo_slot(key, JUDGE_MEMO_BITS)];
		m->key = key;
		m->verdict = (unsigned char)v;
	}
	return v;
}

int judge_valid_problem(const struct judge *j, const struct smtpcode_log_event *ev)
{
	/* the table's verdict with the text's evidence, whatever the reply's
	 * flags and enhanced code say */
	struct smtpcode_reply_state bare = ev->reply;

	if (smtpcode_code_form(ev->reply.code) != SMTPCODE_FORM_OK || !smtpcode_reply(ev->reply.code))
		return 0;
	bare.flags = 0;
	bare.has_ecode = 0;
	if (bare.text == NULL) /* a log's reply has a text, if empty */
		bare.text = "";
	return smtpcode_judge(j->std, ev->command, &bare, NULL, NULL, 0) <= V_CONDITIONAL;
}
