/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* list-floor.c - the floor of `pcipath list`: readlink every /sys/bus/pci/devices entry. */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * Any list must at least learn where each function sits (the link's target names the
 * route). Prints the count, so the caller can check it saw the whole tree.
 */
int main(void)
{
	DIR *d = opendir("/sys/bus/pci/devices");
	struct dirent *de;
	char target[PATH_MAX];
	unsigned long n = 0;

	if (!d) {
		fprintf(stderr, "list-floor: /sys/bus/pci/devices: %s\n",
			strerror(errno));
		return EXIT_FAILURE;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (readlinkat(dirfd(d), de->d_name, target, sizeof(target)) < 0) {
			fprintf(stderr, "list-floor: %s: %s\n", de->d_name,
				strerror(errno));
			closedir(d);
			return EXIT_FAILURE;
		}
		n++;
	}
	closedir(d);
	printf("%lu\n", n);
	return EXIT_SUCCESS;
}
