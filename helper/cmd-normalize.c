/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-normalize.c - pcipath normalize: the canonical form of PCI paths, no sysfs. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli-util.h"
#include "cmd-predict.h"
#include "log.h"
#include "macro.h"
#include "path.h"

static void help(void)
{
	printf("Usage: %s normalize PATH...\n"
	       "Print the canonical form of each PCI path, one per line, without looking "
	       "at\n"
	       "sysfs: upper-case hex, one-digit slots, an explicit .0 or pci0000:00/ "
	       "and\n"
	       "Kata's root-bus form (20/00/02 = pci0000:20/00/02) are accepted.\n"
	       "Anything else: a one-line reason, exit 1, nothing printed.\n\n"
	       "  -h --help  Show this help\n",
	       program_invocation_short_name);
}

int cmd_normalize(int argc, char *argv[])
{
	static const struct option options[] = {
		{"help", no_argument, NULL, 'h'},
		{},
	};
	_cleanup_free_ char *out = NULL;
	size_t size = 0;
	FILE *f;
	int opt, ret = CLI_EXIT_OK;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) >= 0) {
		switch (opt) {
		case 'h':
			help();
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		ERR("normalize: missing PATH; see '%s normalize --help'",
		    program_invocation_short_name);
		return CLI_EXIT_USAGE;
	}

	/* All or nothing: a script must never read half a list as the whole one. */
	f = open_memstream(&out, &size);
	if (!f) {
		ERR("normalize: out of memory");
		return CLI_EXIT_ERR;
	}
	for (int i = optind; i < argc; i++) {
		char canon[PCIPATH_MAX_LEN];
		struct pci_path p;
		const char *reason;

		if (pcipath_parse(argv[i], &p, &reason) < 0 ||
		    pcipath_format(&p, canon, sizeof(canon)) < 0) {
			ERR("normalize: '%s': %s", argv[i],
			    reason ? reason : "not a PCI path");
			ret = CLI_EXIT_ERR;
			break;
		}
		fprintf(f, "%s\n", canon);
	}
	if (fclose(f) != 0) {
		ERR("normalize: out of memory");
		return CLI_EXIT_ERR;
	}
	if (ret != CLI_EXIT_OK)
		return ret;
	if (fwrite(out, 1, size, stdout) != size || fflush(stdout) != 0) {
		ERR("normalize: cannot write output");
		return CLI_EXIT_ERR;
	}
	return CLI_EXIT_OK;
}
