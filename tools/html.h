/* SPDX-License-Identifier: MIT */
/* html.h - check's summary as one self-contained HTML page (--html=FILE):
 * the counts as tables beside inline SVG charts, and the problem records
 * (html.c). */
#ifndef SMTPCODE_HTML_H
#define SMTPCODE_HTML_H

#include <stdio.h>

#include "counts.h"
#include "records.h"

/* The problem records a page lists: the first HTML_RECORDS, copied (the
 * record's texts do not outlive the line), and how many more there were. */
#define HTML_RECORDS 2000
struct html_record {
	char *where;    /* "FILE:LINE", "FILE[PART]:LINE", "MBOX#N[PART]:LINE" */
	char *reply;    /* "550 5.1.1" */
	const char *command; /* a command's name (constant), or NULL */
	enum verdict verdict;
	char *message;  /* the judgement's message */
	char *text;     /* the reply's text, or NULL */
};

struct html_page {
	struct html_record *recs;
	size_t n, size;
	unsigned long more;   /* problem records past HTML_RECORDS */
	int failed;           /* out of memory: the page says records are missing */
};

/* Keeps a problem record for the page. */
void html_keep(struct html_page *p, const struct record *rec);

/* Writes the page of the counts (the host table is sorted in place, as
 * counts_summary() does) and the records kept, for the inputs files[0..n)
 * (none: standard input), to f; 0, or -1 when writing failed. */
int html_write(FILE *f, struct counts *cn, const struct html_page *p, char *const *files, int n,
               int merged);

/* Frees the records kept. */
void html_free(struct html_page *p);

#endif
