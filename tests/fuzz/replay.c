/* SPDX-License-Identifier: MIT */
/* replay.c - runs a fuzz target's entry point over files, without
 * libFuzzer: "make check" replays the seed inputs and every past finding
 * (tests/fuzz/regress/) with any compiler, under valgrind and the
 * sanitizers. Prints a TAP line per file; a failed assertion aborts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int main(int argc, char **argv)
{
	int fails = 0;

	printf("1..%d\n", argc - 1);
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		unsigned char *data = NULL;
		size_t size = 0, cap = 0, n;

		if (f == NULL) {
			printf("not ok %d - %s: cannot open\n", i, argv[i]);
			fails++;
			continue;
		}
		do {
			if (size == cap) {
				unsigned char *more = realloc(data, cap = cap ? 2 * cap : 4096);
				if (more == NULL) {
					fclose(f);
					free(data);
					printf("not ok %d - %s: out of memory\n", i, argv[i]);
					return 1;
				}
				data = more;
			}
			n = fread(data + size, 1, cap - size, f);
			size += n;
		} while (n > 0);
		fclose(f);
		/* An exact-size copy, so that reading past the input is caught. */
		{
			unsigned char *exact = malloc(size ? size : 1);
			if (exact == NULL) {
				free(data);
				return 1;
			}
			if (size)
				memcpy(exact, data, size);
			free(data);
			LLVMFuzzerTestOneInput(exact, size);
			free(exact);
		}
		printf("ok %d - %s\n", i, argv[i]);
		fflush(stdout);
	}
	return fails ? 1 : 0;
}
