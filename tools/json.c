/* SPDX-License-Identifier: MIT */
/* json.c - JSON string output. */
#include "json.h"

void json_string(FILE *f, const char *s)
{
	if (s == NULL) {
		fputs("null", f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(f, "\\u%04x", c);
			else
				putc(c, f);
		}
	}
	putc('"', f);
}

void json_member(FILE *f, const char *name, const char *value)
{
	json_string(f, name);
	putc(':', f);
	json_string(f, value);
}

void json_strings(FILE *f, const char *const *v, size_t n)
{
	putc('[', f);
	for (size_t i = 0; i < n; i++) {
		if (i)
			putc(',', f);
		json_string(f, v[i]);
	}
	putc(']', f);
}
