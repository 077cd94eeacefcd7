/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* commands.h - pcipath's commands (one file each, as kmod's tools) and what they share. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli-hwdb.h"
#include "cli-sysfs.h"
#include "path.h"

/*
 * A command gets argv with argv[0] its own name and getopt reset (optind = 0); it
 * returns the exit status (CLI_EXIT_* in cli-util.h).
 */
int cmd_list(int argc, char *argv[]);
int cmd_resolve(int argc, char *argv[]);
int cmd_of(int argc, char *argv[]);
int cmd_show(int argc, char *argv[]);
int cmd_wait(int argc, char *argv[]);

/* A command's argv after getopt: exactly n operands, or a usage error on stderr. */
bool want_operands(int argc, int n, const char *cmd, const char *what);
/* A PATH operand in any input form, or a one-line error. */
int parse_path_arg(const char *cmd, const char *arg, struct pci_path *p);
/* A PATH operand -> its function's syspath, or a one-line error. */
int resolve_arg(const char *cmd, const char *arg, struct pci_path *p, char *buf,
		size_t size);
/* Flush stdout: CLI_EXIT_OK, or CLI_EXIT_ERR with a message when the write failed. */
int finish_output(void);

/* Output of functions and nodes, shared by list, show, resolve and of (json-c). */
struct json_object;
void json_add_str(struct json_object *o, const char *key, const char *value);
struct json_object *json_func(const struct cli_func *fn, const struct names *nm);
/* Print o on one line, then drop it: finish_output()'s status. */
int json_print(struct json_object *o);
const char *node_label(const struct cli_node *n);
void text_nodes(FILE *f, const struct cli_func *fn);
/* resolve's and of's result: "BDF SYSPATH", or the JSON object. */
int print_path_result(bool json, const char *canon, const char *bdf, const char *syspath);
