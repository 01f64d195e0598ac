/* SPDX-License-Identifier: MIT */
/* html.c - check's summary as one self-contained HTML page (--html=FILE):
 * what was read, the counts as tables beside charts drawn as inline SVG,
 * and the problem records. Nothing is fetched: no script, no font, no
 * image, no style sheet but the page's own; it prints as it shows.
 * Layer: above counts.c and records.h's struct; calls counts.c
 * (counts_sorted_hosts), out.c (put_ulong) and the library only. */
#include <stdlib.h>
#include <string.h>

#include "smtpcode.h"
#include "counts.h"
#include "html.h"
#include "out.h"

/* A copy of s[0..n), terminated; NULL when out of memory. */
static char *copy(const char *s, size_t n)
{
	char *c = malloc(n + 1);

	if (c != NULL) {
		memcpy(c, s, n);
		c[n] = '\0';
	}
	return c;
}

void html_keep(struct html_page *p, const struct record *rec)
{
	const struct smtpcode_log_event *ev = rec->ev;
	struct html_record *h;
	char where[1200], reply[40];
	size_t n = 0;

	if (p->n >= HTML_RECORDS) {
		p->more++;
		return;
	}
	if (p->n == p->size) {
		size_t size = p->size ? 2 * p->size : 64;
		struct html_record *grown = realloc(p->recs, size * sizeof *grown);
		if (grown == NULL) {
			p->failed = 1;
			p->more++;
			return;
		}
		p->recs = grown;
		p->size = size;
	}
	/* where, as the text records write it */
	n = (size_t)snprintf(where, sizeof where, "%.1000s", rec->file);
	if (rec->message && n < sizeof where - 24) {
		where[n++] = '#';
		n += put_ulong(where + n, rec->message);
	}
	if (rec->part && n < sizeof where - 160)
		n += (size_t)snprintf(where + n, sizeof where - n, "[%.128s]", rec->part);
	if (n < sizeof where - 24) {
		where[n++] = ':';
		n += put_ulong(where + n, rec->line);
	}
	where[n < sizeof where ? n : sizeof where - 1] = '\0';
	if (ev->reply.has_ecode)
		snprintf(reply, sizeof reply, "%03d %d.%d.%d", ev->reply.code, ev->reply.ecode.cls,
		         ev->reply.ecode.subject, ev->reply.ecode.detail);
	else
		snprintf(reply, sizeof reply, "%03d", ev->reply.code);
	h = &p->recs[p->n];
	h->where = copy(where, strlen(where));
	h->reply = copy(reply, strlen(reply));
	h->message = copy(rec->msg, rec->msg_len);
	h->text = ev->reply.text_len ? copy(ev->reply.text, ev->reply.text_len) : NULL;
	h->command = ev->command ? ev->command->name : NULL;
	h->verdict = rec->verdict;
	if (h->where == NULL || h->reply == NULL || h->message == NULL ||
	    (ev->reply.text_len && h->text == NULL)) {
		free(h->where), free(h->reply), free(h->message), free(h->text);
		p->failed = 1;
		p->more++;
		return;
	}
	p->n++;
}

void html_free(struct html_page *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->recs[i].where);
		free(p->recs[i].reply);
		free(p->recs[i].message);
		free(p->recs[i].text);
	}
	free(p->recs);
	memset(p, 0, sizeof *p);
}

/* The length of the valid UTF-8 sequence at s[0..n) (2 to 4 bytes), or 0:
 * RFC 3629's ranges, no overlong form, no surrogate. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned lo = 0x80, hi = 0xbf;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, lo = s[0] == 0xe0 ? 0xa0 : 0x80, hi = s[0] == 0xed ? 0x9f : 0xbf;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, lo = s[0] == 0xf0 ? 0x90 : 0x80, hi = s[0] == 0xf4 ? 0x8f : 0xbf;
	else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

/* s[0..n) as HTML text or an attribute's value: the five characters HTML
 * gives meaning escaped, valid UTF-8 as it is, and any other byte (a
 * control byte, a byte of no valid sequence) shown as \xNN, so that the
 * page is valid UTF-8 whatever the log held. */
static void esc_n(FILE *f, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < n;) {
		unsigned char c = u[i];
		switch (c) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			if (c >= 0x20 && c < 0x7f) {
				putc(c, f);
			} else {
				size_t k = c >= 0x80 ? utf8_len(u + i, n - i) : 0;
				if (k > 0) {
					fwrite(u + i, 1, k, f);
					i += k;
					continue;
				}
				fprintf(f, "\\x%02x", c);
			}
		}
		i++;
	}
}

static void esc(FILE *f, const char *s)
{
	esc_n(f, s, strlen(s));
}

/* One bar of a chart: its label, the part drawn in its colour, the rest
 * drawn grey (the replies that were not problems, for a host). */
struct bar {
	const char *label;
	unsigned long value, rest;
	const char *colour;
};

#define CHART_WIDTH 720
#define CHART_LABEL 230 /* the labels' column */
#define CHART_BARS 400  /* the longest bar */
#define CHART_ROW 22

/* A horizontal bar chart of bars[0..n), as inline SVG, its numbers beside
 * the bars (the table below it gives them too, for a reader without
 * pictures). */
static void chart(FILE *f, const char *title, const struct bar *bars, size_t n)
{
	unsigned long max = 1;
	int height = (int)n * CHART_ROW + 8;

	for (size_t i = 0; i < n; i++)
		if (bars[i].value + bars[i].rest > max)
			max = bars[i].value + bars[i].rest;
	fprintf(f, "<svg class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	        "role=\"img\" aria-label=\"", CHART_WIDTH, height, CHART_WIDTH, height);
	esc(f, title);
	fputs("\">\n", f);
	for (size_t i = 0; i < n; i++) {
		int y = (int)i * CHART_ROW + 4;
		int w = (int)((double)bars[i].value * CHART_BARS / (double)max + 0.5);
		int r = (int)((double)(bars[i].value + bars[i].rest) * CHART_BARS / (double)max + 0.5) - w;
		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", CHART_LABEL - 8, y + 15);
		esc_n(f, bars[i].label, strlen(bars[i].label) > 32 ? 32 : strlen(bars[i].label));
		if (strlen(bars[i].label) > 32)
			fputs("\xe2\x80\xa6", f); /* … */
		fputs("</text>", f);
		if (w > 0 || bars[i].value > 0)
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%s\"/>",
			        CHART_LABEL, y + 2, w > 0 ? w : 1, bars[i].colour);
		if (r > 0)
			fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#bdbdbd\"/>",
			        CHART_LABEL + w, y + 2, r);
		fprintf(f, "<text x=\"%d\" y=\"%d\">%lu</text>\n", CHART_LABEL + w + (r > 0 ? r : 0) + 6,
		        y + 15, bars[i].value + bars[i].rest);
	}
	fputs("</svg>\n", f);
}

/* The colours of the verdicts: the problems in reds and browns, the
 * others green and greys. */
static const char *verdict_colour(enum verdict v)
{
	static const char *const colours[V_COUNT] = {
		[V_VALID] = "#2e7d32", [V_CONDITIONAL] = "#7cb342", [V_NO_COMMAND] = "#78909c",
		[V_NOT_LISTED] = "#c62828", [V_MALFORMED_CODE] = "#ad1457",
		[V_UNREGISTERED_CODE] = "#6a1b9a", [V_ENHANCED_MISMATCH] = "#ef6c00",
		[V_UNREGISTERED_ENHANCED] = "#8d6e63", [V_MALFORMED_REPLY] = "#4e342e",
	};
	return (unsigned)v < V_COUNT && colours[v] ? colours[v] : "#616161";
}

/* A reply code's colour, by its class. */
static const char *class_colour(int code)
{
	switch (code / 100) {
	case 2: return "#2e7d32";
	case 3: return "#1565c0";
	case 4: return "#f9a825";
	case 5: return "#c62828";
	default: return "#616161";
	}
}

struct code_count {
	int code;
	unsigned long n;
};

/* Most replies first, then by code. */
static int by_count(const void *a, const void *b)
{
	const struct code_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->code - y->code;
}

/* The colours of the reasons (data/reasons.txt's order), then of a
 * problem of none: distinct hues, dark enough to print on white and each
 * segment edged white, so that neighbours stay apart in grey. */
static const char *const reason_colours[SMTPCODE_REASON_COUNT + 1] = {
	"#c62828", "#6d4c41", "#f9a825", "#00838f", "#9e9d24", "#5e35b1", /* userunknown... */
	"#ad1457", "#004d40", "#283593", "#1565c0", "#ef6c00", "#4a148c", /* notaccept... */
	"#558b2f", "#8e24aa", "#26a69a", "#827717", "#37474f", "#a1887f", /* securityerror... */
	"#424242", "#880e4f", "#1a237e", "#ff7043", "#757575", "#212121", /* systemerror... none */
};
_Static_assert(SMTPCODE_REASON_COUNT == 23, "a colour for each reason");

static const char *reason_label(int r)
{
	return r < SMTPCODE_REASON_COUNT ? smtpcode_reason_name((enum smtpcode_reason)r)
	                                 : "(no reason)";
}

/* Replies by hour as upright bars, the problems at each bar's foot in a
 * segment for each reason (stacked in the reasons' order, a legend
 * below) and the other replies grey above them; the hours from the first
 * to the last with replies (days when they span more than a week: a bar
 * a day). A segment's height is the difference of the rounded heights of
 * the problems up to it, so that they add up to the problems' part. */
static void hours_chart(FILE *f, struct counts *cn)
{
	static struct hour_count h[COUNTS_HOURS];
	size_t n = counts_sorted_hours(cn, h), nbars, w, width, legend = 0, cols;
	long long first, last, step;
	unsigned long max = 1;
	static unsigned long rep[COUNTS_HOURS], prob[COUNTS_HOURS];
	static unsigned long seg[COUNTS_HOURS][SMTPCODE_REASON_COUNT + 1];
	unsigned long total[SMTPCODE_REASON_COUNT + 1] = { 0 };
	char name[48];

	if (n == 0)
		return;
	first = h[0].hour;
	last = h[n - 1].hour;
	step = last - first >= 24LL * 7 ? 24 : 1;
	first -= first % step;
	nbars = (size_t)((last - first) / step) + 1;
	if (nbars > COUNTS_HOURS)
		nbars = COUNTS_HOURS;
	memset(rep, 0, nbars * sizeof rep[0]);
	memset(prob, 0, nbars * sizeof prob[0]);
	memset(seg, 0, nbars * sizeof seg[0]);
	for (size_t i = 0; i < n; i++) {
		size_t b = (size_t)((h[i].hour - first) / step);
		if (b < nbars) {
			rep[b] += h[i].replies;
			prob[b] += h[i].problems;
			for (int r = 0; r <= SMTPCODE_REASON_COUNT; r++) {
				seg[b][r] += h[i].by_reason[r];
				total[r] += h[i].by_reason[r];
			}
		}
	}
	for (int r = 0; r <= SMTPCODE_REASON_COUNT; r++)
		legend += total[r] != 0;
	for (size_t b = 0; b < nbars; b++)
		if (rep[b] > max)
			max = rep[b];
	w = nbars > 120 ? 4 : nbars > 48 ? 8 : 16;
	width = nbars * w + 80;
	if (legend && width < 720)
		width = 720; /* room for the legend */
	cols = width >= 360 ? width / 180 : 1;
	fprintf(f, "<section id=\"hours\">\n<h2>Replies per %s (UTC)</h2>\n", step == 24 ? "day" : "hour");
	fprintf(f, "<svg class=\"chart\" width=\"%zu\" height=\"%zu\" viewBox=\"0 0 %zu %zu\" role=\"img\" "
	        "aria-label=\"Replies per %s: the problems coloured by reason, the others grey\">\n",
	        width, 190 + (legend + cols - 1) / cols * 20, width,
	        190 + (legend + cols - 1) / cols * 20, step == 24 ? "day" : "hour");
	fprintf(f, "<text x=\"0\" y=\"12\">%lu</text><text x=\"0\" y=\"160\">0</text>\n", max);
	for (size_t b = 0; b < nbars; b++) {
		int ht = (int)((double)rep[b] * 140 / (double)max + 0.5);
		int hp = (int)((double)prob[b] * 140 / (double)max + 0.5);
		size_t x = 60 + b * w;
		unsigned long below = 0;
		int y0 = 0;
		if (ht > hp)
			fprintf(f, "<rect x=\"%zu\" y=\"%d\" width=\"%zu\" height=\"%d\" fill=\"#bdbdbd\"/>", x,
			        155 - ht, w - 1, ht - hp);
		for (int r = 0; r <= SMTPCODE_REASON_COUNT; r++) {
			int y1;
			if (seg[b][r] == 0)
				continue;
			below += seg[b][r];
			y1 = (int)((double)below * 140 / (double)max + 0.5);
			if (y1 > y0) {
				counts_hour_name(name, sizeof name, first + (long long)b * step, ' ');
				fprintf(f, "<rect class=\"seg\" data-hour=\"%.*s\" data-reason=\"%s\" "
				        "data-n=\"%lu\" x=\"%zu\" y=\"%d\" width=\"%zu\" height=\"%d\" "
				        "fill=\"%s\" stroke=\"#fff\" stroke-width=\"0.5\"/>",
				        step == 24 ? 10 : 13, name, reason_label(r), seg[b][r], x, 155 - y1,
				        w - 1, y1 - y0, reason_colours[r]);
			}
			y0 = y1;
		}
	}
	counts_hour_name(name, sizeof name, first, ' ');
	fprintf(f, "\n<text x=\"60\" y=\"178\">%.*s</text>", step == 24 ? 10 : 13, name);
	counts_hour_name(name, sizeof name, first + (long long)(nbars - 1) * step, ' ');
	fprintf(f, "<text x=\"%zu\" y=\"178\" text-anchor=\"end\">%.*s</text>\n",
	        60 + nbars * w, step == 24 ? 10 : 13, name);
	/* the legend: the reasons of the problems shown */
	for (int r = 0, k = 0; r <= SMTPCODE_REASON_COUNT; r++) {
		size_t lx, ly;
		if (total[r] == 0)
			continue;
		lx = (size_t)k % cols * 180;
		ly = 192 + (size_t)k / cols * 20;
		fprintf(f, "<rect class=\"key\" x=\"%zu\" y=\"%zu\" width=\"12\" height=\"12\" fill=\"%s\"/>"
		        "<text x=\"%zu\" y=\"%zu\">%s %lu</text>\n", lx, ly, reason_colours[r], lx + 16,
		        ly + 11, reason_label(r), total[r]);
		k++;
	}
	fputs("</svg>\n", f);
	fputs("<table class=\"counts\"><thead><tr><th>UTC</th><th class=\"n\">replies</th>"
	      "<th class=\"n\">problems</th><th>problems by reason</th></tr></thead><tbody>\n", f);
	for (size_t b = 0; b < nbars; b++) {
		int any = 0;
		if (rep[b] == 0)
			continue;
		counts_hour_name(name, sizeof name, first + (long long)b * step, ' ');
		fprintf(f, "<tr><td>%.*s</td><td class=\"n\">%lu</td><td class=\"n\">%lu</td><td>",
		        step == 24 ? 10 : 13, name, rep[b], prob[b]);
		for (int r = 0; r <= SMTPCODE_REASON_COUNT; r++)
			if (seg[b][r])
				fprintf(f, "%s%s %lu", any++ ? ", " : "", reason_label(r), seg[b][r]);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table>\n</section>\n", f);
}

static void table_head(FILE *f, const char *what)
{
	fprintf(f, "<table class=\"counts\"><thead><tr><th>%s</th><th class=\"n\">replies</th>"
	        "</tr></thead><tbody>\n", what);
}

static void table_row(FILE *f, const char *name, unsigned long n)
{
	fputs("<tr><td>", f);
	esc(f, name);
	fprintf(f, "</td><td class=\"n\">%lu</td></tr>\n", n);
}

static const char style[] =
	"body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",sans-serif;color:#212121;"
	"margin:1.5em auto;max-width:76em;padding:0 1em}\n"
	"h1{font-size:1.5em;margin:0 0 .3em}\n"
	"h2{font-size:1.15em;margin:1.8em 0 .6em;border-bottom:1px solid #bdbdbd}\n"
	"p.lead{margin:.2em 0}\n"
	".figures{display:flex;flex-wrap:wrap;gap:.6em 2.5em;margin:1em 0}\n"
	".figures div{font-size:.9em;color:#616161}\n"
	".figures b{display:block;font-size:1.6em;color:#212121}\n"
	".figures .bad b{color:#c62828}\n"
	"table{border-collapse:collapse;margin:.6em 0}\n"
	"th,td{padding:.2em .7em;text-align:left;vertical-align:top}\n"
	"th{border-bottom:1px solid #9e9e9e}\n"
	"tbody tr:nth-child(even){background:#f5f5f5}\n"
	".n{text-align:right;font-variant-numeric:tabular-nums}\n"
	".pair{display:flex;flex-wrap:wrap;gap:.5em 3em;align-items:flex-start}\n"
	"svg.chart{display:block;max-width:100%;height:auto;font-size:12px}\n"
	"svg.chart text{fill:#212121}\n"
	"table.records td{font-size:.92em}\n"
	"table.records td.where,table.records td.reply{white-space:nowrap;font-family:ui-monospace,monospace}\n"
	"table.records td.text{font-family:ui-monospace,monospace;word-break:break-word}\n"
	".v{display:inline-block;padding:0 .4em;border-radius:3px;color:#fff;white-space:nowrap}\n"
	"footer{margin-top:2.5em;font-size:.85em;color:#616161}\n"
	"@media print{body{margin:0;max-width:none}h2{break-after:avoid}"
	"tr,svg{break-inside:avoid}svg{print-color-adjust:exact;-webkit-print-color-adjust:exact}.v{border:1px solid #000;color:#000;background:none!important}}\n";

int html_write(FILE *f, struct counts *cn, const struct html_page *p, char *const *files, int n,
               int merged)
{
	const struct smtpcode_command *c;
	struct bar bars[V_COUNT > 20 ? V_COUNT : 20];
	size_t nbars, nhosts = 0;
	const struct host_count *h = counts_sorted_hosts(cn, &nhosts);
	char code[8];

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", f);
	fprintf(f, "<meta name=\"generator\" content=\"smtpcode %s\">\n", smtpcode_version());
	fprintf(f, "<title>smtpcode check: %lu problem%s in %lu repl%s</title>\n", cn->problems,
	        cn->problems == 1 ? "" : "s", cn->replies, cn->replies == 1 ? "y" : "ies");
	fprintf(f, "<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>smtpcode check</h1>\n", style);
	fputs("<p class=\"lead\">", f);
	if (merged)
		fputs("The summaries of other runs: ", f);
	else
		fputs("Read: ", f);
	if (n == 0)
		fputs("standard input", f);
	for (int i = 0; i < n && i < 20; i++) {
		fputs(i ? ", " : "", f);
		fputs("<code>", f);
		esc(f, files[i]);
		fputs("</code>", f);
	}
	if (n > 20)
		fprintf(f, " and %d more", n - 20);
	fputs(".</p>\n", f);
	if (cn->have_span) {
		char a[48], b[48];
		/* ("2026-11-20 10:00": its hour, then the minutes) */
		counts_hour_name(a, sizeof a, cn->first_epoch / 3600, ' ');
		counts_hour_name(b, sizeof b, cn->last_epoch / 3600, ' ');
		fprintf(f, "<p class=\"lead\">The records' times span %.13s:%02lld to %.13s:%02lld (UTC).</p>\n",
		        a, cn->first_epoch % 3600 / 60, b, cn->last_epoch % 3600 / 60);
	}
	fputs("<div class=\"figures\">\n", f);
	fprintf(f, "<div>lines read<b>%lu</b></div>\n<div>replies found<b>%lu</b></div>\n"
	        "<div%s>problems<b>%lu</b></div>\n<div>lines skipped<b>%lu</b></div>\n</div>\n"
	        "</header>\n<main>\n",
	        cn->lines, cn->replies, cn->problems ? " class=\"bad\"" : "", cn->problems, cn->skipped);
	if (cn->replies == 0)
		fputs("<p>No SMTP replies were found in the input.</p>\n", f);

	/* verdicts */
	fputs("<section id=\"verdicts\">\n<h2>Verdicts</h2>\n<div class=\"pair\">\n", f);
	nbars = 0;
	for (int v = 0; v < V_COUNT; v++)
		if (cn->by_verdict[v])
			bars[nbars++] = (struct bar){ verdict_name((enum verdict)v), cn->by_verdict[v], 0,
			                              verdict_colour((enum verdict)v) };
	if (nbars)
		chart(f, "Replies by verdict", bars, nbars);
	table_head(f, "verdict");
	for (size_t i = 0; i < nbars; i++)
		table_row(f, bars[i].label, bars[i].value);
	fputs("</tbody></table>\n</div>\n</section>\n", f);

	hours_chart(f, cn);

	/* codes: the twenty most frequent in the chart, all in the table */
	fputs("<section id=\"codes\">\n<h2>Reply codes</h2>\n<div class=\"pair\">\n", f);
	{
		struct code_count top[1000];
		static char labels[20][4];
		size_t ntop = 0;
		for (int k = 0; k < 1000; k++)
			if (cn->by_code[k])
				top[ntop++] = (struct code_count){ k, cn->by_code[k] };
		qsort(top, ntop, sizeof top[0], by_count);
		if (ntop > 20)
			ntop = 20;
		for (size_t i = 0; i < ntop; i++) {
			snprintf(labels[i], sizeof labels[i], "%03d", top[i].code);
			bars[i] = (struct bar){ labels[i], top[i].n, 0, class_colour(top[i].code) };
		}
		if (ntop)
			chart(f, "Replies by code, the most frequent", bars, ntop);
	}
	table_head(f, "code");
	for (int k = 0; k < 1000; k++)
		if (cn->by_code[k]) {
			snprintf(code, sizeof code, "%03d", k);
			table_row(f, code, cn->by_code[k]);
		}
	fputs("</tbody></table>\n</div>\n</section>\n", f);

	/* commands */
	fputs("<section id=\"commands\">\n<h2>Commands answered</h2>\n<div class=\"pair\">\n", f);
	nbars = 0;
	for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL && nbars < 19; i++)
		if (cn->by_command[i])
			bars[nbars++] = (struct bar){ c->name, cn->by_command[i], 0, "#1565c0" };
	if (cn->no_command)
		bars[nbars++] = (struct bar){ "(none named)", cn->no_command, 0, "#78909c" };
	if (nbars)
		chart(f, "Replies by the command they answered", bars, nbars);
	table_head(f, "command");
	for (size_t i = 0; (c = smtpcode_command_at(i)) != NULL; i++)
		if (cn->by_command[i])
			table_row(f, c->name, cn->by_command[i]);
	if (cn->no_command)
		table_row(f, "(none named)", cn->no_command);
	fputs("</tbody></table>\n</div>\n</section>\n", f);

	/* why the failures failed, and whose documented replies they were */
	nbars = 0;
	for (int r = 0; r < SMTPCODE_REASON_COUNT && nbars < 20; r++)
		if (cn->by_reason[r])
			bars[nbars++] = (struct bar){ smtpcode_reason_name((enum smtpcode_reason)r),
			                              cn->by_reason[r], 0, "#6a1b9a" };
	if (nbars) {
		fputs("<section id=\"reasons\">\n<h2>Why the failures failed</h2>\n<div class=\"pair\">\n", f);
		chart(f, "Failures (4xx, 5xx) by reason", bars, nbars);
		fputs("<table class=\"counts\"><thead><tr><th>reason</th><th class=\"n\">failures</th>"
		      "</tr></thead><tbody>\n", f);
		for (size_t i = 0; i < nbars; i++)
			table_row(f, bars[i].label, bars[i].value);
		for (size_t i = 0; i < cn->nproviders; i++) {
			char label[64];
			snprintf(label, sizeof label, "provider: %s", cn->by_provider[i].name);
			table_row(f, label, cn->by_provider[i].n);
		}
		fputs("</tbody></table>\n</div>\n</section>\n", f);
	}
	{
		static struct ecode_count e[COUNTS_ECODES];
		size_t ne = counts_sorted_ecodes(cn, e);
		if (ne > 0) {
			fputs("<section id=\"enhanced\">\n<h2>Failures by enhanced code</h2>\n", f);
			fputs("<table class=\"counts\"><thead><tr><th>enhanced code</th><th class=\"n\">"
			      "failures</th></tr></thead><tbody>\n", f);
			for (size_t i = 0; i < ne; i++) {
				char ecode[40];
				snprintf(ecode, sizeof ecode, "%ld.%ld.%ld", e[i].key / 1000000,
				         e[i].key / 1000 % 1000, e[i].key % 1000);
				table_row(f, ecode, e[i].n);
			}
			if (cn->other_ecodes)
				table_row(f, "(others)", cn->other_ecodes);
			fputs("</tbody></table>\n</section>\n", f);
		}
	}

	/* the hosts, by whose replies they are (the summary's lists): the
	 * clients this host replied to, the servers that replied to it, and
	 * those the log does not tell; problems in red, the rest grey */
	{
		static const struct {
			unsigned origin;
			const char *id, *title;
		} groups[] = {
			{ SMTPCODE_ORIGIN_LOCAL, "clients", "Clients this host replied to" },
			{ SMTPCODE_ORIGIN_REMOTE, "servers", "Servers that replied to this host" },
			{ SMTPCODE_ORIGIN_UNKNOWN, "hosts", "Remote hosts (origin not known)" },
		};
		for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
			size_t first = nhosts, count = 0;
			for (size_t i = 0; i < nhosts; i++)
				if (h[i].origin == groups[g].origin) {
					if (first == nhosts)
						first = i;
					count++;
				}
			if (count == 0)
				continue;
			fprintf(f, "<section id=\"%s\">\n<h2>%s</h2>\n<div class=\"pair\">\n", groups[g].id,
			        groups[g].title);
			nbars = 0;
			for (size_t i = first; i < first + count && nbars < 20; i++)
				bars[nbars++] = (struct bar){ h[i].name, h[i].problems,
				                              h[i].replies - h[i].problems, "#c62828" };
			chart(f, "Problems (red) and other replies (grey) by host", bars, nbars);
			fputs("<table class=\"counts\"><thead><tr><th>host</th><th class=\"n\">replies"
			      "</th><th class=\"n\">problems</th></tr></thead><tbody>\n", f);
			for (size_t i = first; i < first + count && i < first + 50; i++) {
				fputs("<tr><td>", f);
				esc(f, h[i].name);
				fprintf(f, "</td><td class=\"n\">%lu</td><td class=\"n\">%lu</td></tr>\n",
				        h[i].replies, h[i].problems);
			}
			{
				/* the hosts past the fifty, and those past the table's
				 * room, on one row */
				unsigned long r = cn->other_host_replies[groups[g].origin];
				unsigned long pr = cn->other_host_problems[groups[g].origin];
				size_t more = count > 50 ? count - 50 : 0;
				for (size_t i = first + 50; i < first + count; i++) {
					r += h[i].replies;
					pr += h[i].problems;
				}
				if (more || r)
					fprintf(f, "<tr><td>%s %zu more</td><td class=\"n\">%lu</td>"
					        "<td class=\"n\">%lu</td></tr>\n",
					        cn->other_host_replies[groups[g].origin] ? "and over" : "and", more,
					        r, pr);
			}
			fputs("</tbody></table>\n</div>\n</section>\n", f);
		}
	}

	/* failures by recipient domain (the servers' refusals), by sender
	 * and by recipient: the twenty with the most, then the others */
	{
		static const struct {
			int table;
			const char *id, *title, *what;
		} lists[] = {
			{ COUNTS_DOMAINS, "domains", "Recipient domains the servers refused", "domain" },
			{ COUNTS_SENDERS, "senders", "Senders refused", "sender" },
			{ COUNTS_RECIPIENTS, "recipients", "Recipients refused", "recipient" },
		};
		for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
			size_t count, shown;
			const struct name_count *nc = counts_sorted_names(cn, lists[l].table, &count);
			unsigned long rest = cn->refused[lists[l].table].others;
			if (count == 0 && rest == 0)
				continue;
			shown = count;
			if (shown > 20)
				shown = 20;
			fprintf(f, "<section id=\"%s\">\n<h2>%s</h2>\n<div class=\"pair\">\n", lists[l].id,
			        lists[l].title);
			nbars = 0;
			for (size_t i = 0; i < shown; i++)
				bars[nbars++] = (struct bar){ nc[i].name, nc[i].n, 0, "#6a1b9a" };
			if (nbars)
				chart(f, "Failures (4xx, 5xx) by name, the most first", bars, nbars);
			fprintf(f, "<table class=\"counts\"><thead><tr><th>%s</th><th class=\"n\">failures"
			        "</th></tr></thead><tbody>\n", lists[l].what);
			for (size_t i = 0; i < shown; i++)
				table_row(f, nc[i].name, nc[i].n);
			if (count > shown || rest) {
				char label[64];
				for (size_t i = shown; i < count; i++)
					rest += nc[i].n;
				snprintf(label, sizeof label, "%s %zu more",
				         cn->refused[lists[l].table].others ? "and over" : "and",
				         count - shown);
				table_row(f, label, rest);
			}
			fputs("</tbody></table>\n</div>\n</section>\n", f);
		}
	}

	/* the problem records */
	fputs("<section id=\"records\">\n<h2>Problem records</h2>\n", f);
	if (merged) {
		fputs("<p>Summaries hold counts, not records: run check on the logs for them.</p>\n", f);
	} else if (p == NULL || p->n == 0) {
		fputs("<p>None.</p>\n", f);
	} else {
		fputs("<table class=\"records\"><thead><tr><th>where</th><th>reply</th><th>command</th>"
		      "<th>verdict</th><th>why</th><th>reply text</th></tr></thead><tbody>\n", f);
		for (size_t i = 0; i < p->n; i++) {
			const struct html_record *r = &p->recs[i];
			fputs("<tr><td class=\"where\">", f);
			esc(f, r->where);
			fputs("</td><td class=\"reply\">", f);
			esc(f, r->reply);
			fputs("</td><td>", f);
			esc(f, r->command ? r->command : "-");
			fprintf(f, "</td><td><span class=\"v\" style=\"background:%s\">",
			        verdict_colour(r->verdict));
			esc(f, verdict_name(r->verdict));
			fputs("</span></td><td>", f);
			esc(f, r->message);
			fputs("</td><td class=\"text\">", f);
			if (r->text)
				esc(f, r->text);
			fputs("</td></tr>\n", f);
		}
		fputs("</tbody></table>\n", f);
	}
	if (p != NULL && p->more)
		fprintf(f, "<p>%lu more problem record%s %s not listed (the page lists the first %d%s).</p>\n",
		        p->more, p->more == 1 ? "" : "s", p->more == 1 ? "is" : "are", HTML_RECORDS,
		        p->failed ? "; memory ran out for some" : "");
	fputs("</section>\n</main>\n<footer>\n", f);
	fprintf(f, "<p>Written by smtpcode %s. Each verdict judges a reply against the command-reply "
	        "tables of the standard (RFC 5321 §4.3.2 by default) and the enhanced status code "
	        "registry (RFC 3463); <code>man smtpcode</code> says what each verdict means.</p>\n",
	        smtpcode_version());
	fputs("</footer>\n</body>\n</html>\n", f);
	return fflush(f) != 0 || ferror(f) ? -1 : 0;
}
