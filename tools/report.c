/* SPDX-License-Identifier: MIT */
/* report.c - one reply found by the log reader, as "check" reports it:
 * chosen (--code, --command, --verdict), judged, counted and written.
 * Layer: under hold.c and stream.c; calls judge.c, counts.c, records.c,
 * out.c and text.c (code_matches) only. */
#include <stdio.h>

#include "smtpcode.h"
#include "check.h"
#include "counts.h"
#include "html.h"
#include "judge.h"
#include "out.h"
#include "records.h"
#include "text.h"

/* Whether the record is one --code and --command ask for. */
static int asked_for(const struct checker *ck, const struct smtpcode_log_event *ev)
{
	if (ck->only_command && ev->command != ck->only_command)
		return 0;
	return !ck->code_pattern[0] || code_matches(ev->reply.code, ck->code_pattern);
}

/* Whether --ignore leaves the reply out: its code matches a rule's pattern
 * and its command the rule's. */
static int ignored(const struct checker *ck, const struct smtpcode_log_event *ev)
{
	for (size_t i = 0; i < ck->nignores; i++) {
		const struct ignore_rule *r = &ck->ignores[i];
		if (!code_matches(ev->reply.code, r->code))
			continue;
		if (r->which == 0 || (r->which == 1 && ev->command == r->command) ||
		    (r->which == 2 && ev->command == NULL))
			return 1;
	}
	return 0;
}

void check_report(struct checker *ck, const char *file, unsigned long line,
                  const struct smtpcode_log_event *ev)
{
	char buf[512];
	const char *msg = NULL;
	size_t msg_len = 0;
	struct out *o = &ck->ob;
	struct record rec;
	enum verdict vd;
	int problem, all = ck->all || ck->verdicts;

	if (!asked_for(ck, ev))
		return;
	if (ck->nignores && ignored(ck, ev)) {
		ck->counts.ignored++;
		return;
	}
	/* Messages cost time: write one only for a record that is printed. */
	vd = ck->json || all ? judge_message(&ck->judge, ev, buf, sizeof buf, &msg, &msg_len)
	                     : judge_verdict(&ck->judge, ev);
	if (ck->verdicts && !(ck->verdicts & (1u << vd)))
		return;
	if (ck->ignore_verdicts & (1u << vd)) {
		ck->counts.ignored++;
		return;
	}
	problem = vd >= V_NOT_LISTED;
	if (!problem && !(all | ck->json | ck->summary | ck->only_reasons) && ck->html == NULL) {
		/* the most of a default run: a reply counted, nothing more */
		counts_reply(&ck->counts, ev, vd, 0);
		return;
	}
	if (problem && !ck->json && !all) {
		judge_problem_message(&ck->judge, ev, buf, sizeof buf, &msg, &msg_len);
		/* a problem printed: its details, where stream.c did not read
		 * every record's (a held record has its own, read as it was
		 * held) */
		if (ck->lg != NULL && !ck->details_read) {
			(void)smtpcode_log_details(ck->lg);
		} else if (ck->lg != NULL && ck->every_kinds != ck->detail_kinds) {
			/* those stream.c left out (the queue id), for this
			 * record alone */
			smtpcode_log_detail_kinds(ck->lg, ck->detail_kinds);
			(void)smtpcode_log_details(ck->lg);
			smtpcode_log_detail_kinds(ck->lg, ck->every_kinds);
		}
	}

	/* why a failure failed: read for the records printed or counted with
	 * it, and for --reason's choice (judge.c remembers the repeats) */
	rec.reason = -1;
	rec.provider = NULL;
	if (ck->only_reasons || ck->summary || ck->json || all || problem || ck->html) {
		rec.reason = judge_reason(&ck->judge, ev, &rec.provider);
		if (ck->only_reasons &&
		    (rec.reason < 0 || !(ck->only_reasons & (1u << (unsigned)rec.reason))))
			return;
		if (ck->summary || ck->html)
			counts_reason(&ck->counts, rec.reason, rec.provider ? rec.provider->name : NULL);
	}
	counts_reply(&ck->counts, ev, vd, problem);
	if ((ck->summary || ck->html) && ev->remote_host)
		counts_add_host(&ck->counts, ev->remote_host, ev->remote_host_len, ev->origin, 1,
		                problem != 0);
	/* a failure's enhanced code, recipient domain, sender and recipient */
	if ((ck->summary || ck->html) && ev->reply.code >= 400 && ev->reply.code < 600) {
		if (ev->reply.has_ecode)
			counts_ecode(&ck->counts, &ev->reply.ecode, 1);
		counts_refusal(&ck->counts, ev);
	}
	/* the span of the times and the counts by hour (read with the
	 * details, as the hosts) */
	if ((ck->summary || ck->html) && ev->has_epoch) {
		counts_span(&ck->counts, ev->epoch);
		counts_hour(&ck->counts, ev->epoch, 1, problem != 0, rec.reason);
	}
	if (!ck->json && !problem && !all)
		return;
	if (o->f != ck->out) { /* another stream (the fuzz target's) */
		out_flush(o);
		out_init(o, ck->out, ck->out_buf, sizeof ck->out_buf);
	}
	rec.file = file;
	rec.message = ck->message;
	rec.part = ck->part;
	rec.line = line;
	rec.ev = ev;
	rec.verdict = vd;
	rec.msg = msg;
	rec.msg_len = msg_len;
	if (ck->html != NULL && problem)
		html_keep(ck->html, &rec);
	rec.ex = &ck->explanations;
	if (ck->json) {
		rec.valid = judge_valid(&ck->judge, ev, vd);
		rec.enhanced_problem = judge_enhanced_problem(&ev->reply);
		record_json(o, &rec);
	} else {
		rec.valid = -1;
		rec.enhanced_problem = NULL;
		record_text(o, &rec);
	}
	if (ck->line_buffered)
		out_flush(o);
	if (o->failed || ferror(ck->out))
		ck->write_failed = 1;
}
