/* SPDX-License-Identifier: MIT */
/* render.h - the lookups' records as text and JSON (render.c). */
#ifndef SMTPCODE_RENDER_H
#define SMTPCODE_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "smtpcode.h"
#include "lookup.h"

void json_code(FILE *f, const struct opts *o, int code);
void json_validity(FILE *f, const struct opts *o, int code,
                   const struct smtpcode_command *cmd,
                   const struct smtpcode_validity *v);
void print_code(const struct opts *o, int code);
int for_conditional(const struct opts *o, const struct smtpcode_command *cmd,
                    void (*fn)(int, const struct smtpcode_validity *, int, void *),
                    void *arg);
void print_verdict(const struct opts *o, int code, const struct smtpcode_command *cmd,
                   const struct smtpcode_validity *v);
void print_validity(const struct opts *o, int code,
                    const struct smtpcode_command *cmd,
                    const struct smtpcode_validity *v);
void ecode_text(char *buf, size_t size, int cls, int subject, int detail);
void json_enhanced(FILE *f, int cls, int subject, int detail);
const char *sample_text(const struct smtpcode_enhanced *e);
void print_enhanced(int cls, int subject, int detail);
void print_enhanced_line(int cls, const struct smtpcode_enhanced *e);
void print_pairing(const char *prefix, int code, const struct smtpcode_ecode *e,
                   enum smtpcode_pairing pr, int sample);

#endif
