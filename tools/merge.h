/* SPDX-License-Identifier: MIT */
/* merge.h - "check --merge": JSON summaries read back and added up
 * (merge.c). */
#ifndef SMTPCODE_MERGE_H
#define SMTPCODE_MERGE_H

#include <stdio.h>

#include "counts.h"

/* Adds the counts of every summary in f (JSON Lines, as "check --summary
 * --json" writes them; other records are passed over) to c. Returns 0,
 * or 2 with a message naming the file and line (a summary that does not
 * read, or a file without one); then nothing of f is added. */
int merge_summaries(struct counts *c, const char *name, FILE *f);

#endif
