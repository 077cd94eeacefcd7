/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-resolve.c - pcipath resolve: the BDF and syspath of a PCI path. */

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli-hwdb.h"
#include "cli-sysfs.h"
#include "cli-util.h"
#include "commands.h"
#include "kinds.h"
#include "log.h"
#include "macro.h"
#include "path.h"
#include "sysfs.h"

static void help_resolve(void)
{
	printf("Usage: %s resolve PATH [--json]\n"
	       "Print the BDF and sysfs path of the PCI function at PATH, found by "
	       "walking\n"
	       "sysfs down from the root bus. PATH may be in any input form of "
	       "pcipath(7).\n\n"
	       "  -j --json  {\"path\", \"bdf\", \"syspath\"}\n"
	       "  -h --help  Show this help\n",
	       program_invocation_short_name);
}

int cmd_resolve(int argc, char *argv[])
{
	static const struct option options[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{},
	};
	char sp[PATH_MAX], canon[PCIPATH_MAX_LEN];
	struct pci_path p;
	bool json = false;
	int opt;

	while ((opt = getopt_long(argc, argv, "jh", options, NULL)) >= 0) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'h':
			help_resolve();
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (!want_operands(argc, 1, "resolve", "missing PATH"))
		return CLI_EXIT_USAGE;
	if (resolve_arg("resolve", argv[optind], &p, sp, sizeof(sp)) < 0)
		return CLI_EXIT_ERR;
	if (pcipath_format(&p, canon, sizeof(canon)) < 0)
		return CLI_EXIT_ERR;
	return print_path_result(json, canon, path_basename(sp), sp);
}
