/* SPDX-License-Identifier: MIT */
/* render.h - the lookups' records as text and JSON (render.c). */
#ifndef SMTPCODE_RENDER_H
#define SMTPCODE_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "smtpcode.h"
#include "lookup.h"

/* A lookup's judgement of a code for a command: the library's
 * (smtpcode_judge), with the message check would print. */
struct judged {
	int code;
	const struct smtpcode_command *cmd;
	struct smtpcode_judgement j;
	char msg[768];
};

/* Judges the reply r (its text NULL: none known, as for CODE COMMAND)
 * for cmd under the lookups' standard, into *jd; returns its verdict. */
enum smtpcode_judged judge_lookup(const struct opts *o, struct judged *jd,
                                  const struct smtpcode_reply_state *r,
                                  const struct smtpcode_command *cmd);

/* The same for a code alone, with an enhanced code e or NULL. */
enum smtpcode_judged judge_code(const struct opts *o, struct judged *jd, int code,
                                const struct smtpcode_ecode *e,
                                const struct smtpcode_command *cmd);

void json_code(FILE *f, const struct opts *o, int code);
void json_validity(FILE *f, const struct opts *o, const struct judged *jd);
void print_code(const struct opts *o, int code);
int for_conditional(const struct opts *o, const struct smtpcode_command *cmd,
                    void (*fn)(int, const struct smtpcode_validity *, int, void *),
                    void *arg);
void print_verdict(const struct opts *o, const struct judged *jd);
void print_validity(const struct opts *o, const struct judged *jd);
void ecode_text(char *buf, size_t size, int cls, int subject, int detail);
void json_enhanced(FILE *f, int cls, int subject, int detail);
const char *sample_text(const struct smtpcode_enhanced *e);
void print_enhanced(int cls, int subject, int detail);
void print_enhanced_line(int cls, const struct smtpcode_enhanced *e);
void print_pairing(const char *prefix, int code, const struct smtpcode_ecode *e,
                   enum smtpcode_pairing pr, int sample);

#endif
