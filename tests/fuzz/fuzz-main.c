/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-main.c - run a fuzz target on corpus files without libFuzzer (gcc builds): the
 * normal test run replays every seed and regression input (TAP, one line per file). */

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int n;

static int run_file(const char *path)
{
	FILE *f = fopen(path, "re");
	uint8_t *buf;
	long len;

	if (!f || fseek(f, 0, SEEK_END) < 0 || (len = ftell(f)) < 0 || len > (1 << 20)) {
		printf("not ok %d - cannot read %s\n", ++n, path);
		if (f)
			fclose(f);
		return -1;
	}
	rewind(f);
	buf = malloc((size_t)len + 1);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
		printf("not ok %d - cannot read %s\n", ++n, path);
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	/* A violated invariant aborts: the test then fails with the file named last. */
	fprintf(stderr, "running %s\n", path);
	LLVMFuzzerTestOneInput(buf, (size_t)len);
	free(buf);
	printf("ok %d - %s\n", ++n, path);
	return 0;
}

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char *argv[])
{
	int fail = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		DIR *d;
		struct dirent *de;
		char *names[4096];
		size_t k = 0;

		if (stat(argv[i], &st) < 0) {
			printf("not ok %d - %s: %s\n", ++n, argv[i], strerror(errno));
			fail = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			fail |= run_file(argv[i]) < 0;
			continue;
		}
		d = opendir(argv[i]);
		while (d && (de = readdir(d)) && k < 4096)
			if (de->d_name[0] != '.')
				names[k++] = strdup(de->d_name);
		if (d)
			closedir(d);
		qsort(names, k, sizeof(*names), entry_cmp);
		for (size_t j = 0; j < k; j++) {
			char p[4096];

			snprintf(p, sizeof(p), "%s/%s", argv[i], names[j]);
			fail |= run_file(p) < 0;
			free(names[j]);
		}
	}
	if (n == 0) {
		printf("not ok 1 - no corpus input\n");
		n = 1;
		fail = 1;
	}
	printf("1..%d\n", n);
	return fail ? EXIT_FAILURE : EXIT_SUCCESS;
}
