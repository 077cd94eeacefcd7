/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* commands.h - the subcommands of pcipath(1), one file each (cmd-*.c). */
#pragma once

/* pcipath wait PATH [--kind K] ...: cmd-wait.c. Returns a CLI_EXIT_* code. */
int cmd_wait(int argc, char *argv[]);
