/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pcipath.c - the pcipath command: a table of commands, one file each (see pcipath(1)). */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-hwdb.h"
#include "cli-util.h"
#include "commands.h"
#include "log.h"
#include "macro.h"

/* ---- main --------------------------------------------------------------------------- */

static const struct {
	const char *name;
	int (*fn)(int argc, char *argv[]);
	const char *what;
} commands[] = {
	{"list", cmd_list, "List every PCI function with its PCI path and nodes"},
	{"resolve", cmd_resolve, "Print the BDF and sysfs path of a PCI path"},
	{"of", cmd_of, "Print the PCI path of a device node, link, BDF or interface"},
	{"show", cmd_show, "Show one function: driver, nodes, links, modules"},
	{"wait", cmd_wait, "Wait for a node of a PCI function to appear"},
};

static void help(void)
{
	printf("Usage: %s COMMAND [OPTIONS] [ARG]\n"
	       "Name PCI functions and their devices by PCI path (see pcipath(7)).\n\n"
	       "Commands:\n",
	       program_invocation_short_name);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		printf("  %-8s %s\n", commands[i].name, commands[i].what);
	printf("\nOptions:\n"
	       "  -h --help     Show this help ('%s COMMAND --help' for a command's)\n"
	       "  -V --version  Show the version\n"
	       "\nExit status: 0 success, 1 error or not found, 2 usage, 124 wait timed "
	       "out.\n",
	       program_invocation_short_name);
}

int main(int argc, char *argv[])
{
	static const struct option options[] = {
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{},
	};
	int opt, ret;

	log_setup(false);
	while ((opt = getopt_long(argc, argv, "+hV", options, NULL)) >= 0) {
		switch (opt) {
		case 'h':
			help();
			return CLI_EXIT_OK;
		case 'V':
			puts(PCIPATH_VERSION);
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		ERR("missing command; see '%s --help'", program_invocation_short_name);
		return CLI_EXIT_USAGE;
	}
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!streq(argv[optind], commands[i].name))
			continue;
		argc -= optind;
		argv += optind;
		optind = 0; /* 0: getopt reinitializes for the subcommand's argv */
		ret = commands[i].fn(argc, argv);
		cli_hwdb_close();
		return ret;
	}
	ERR("unknown command '%s'; see '%s --help'", argv[optind],
	    program_invocation_short_name);
	return CLI_EXIT_USAGE;
}
