/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-predict.h - the host-side commands of pcipath(1): normalize and predict. */
#pragma once

/* Each takes the command's own argv (argv[0] is its name); returns a CLI_EXIT_ code. */
int cmd_normalize(int argc, char *argv[]);
int cmd_predict(int argc, char *argv[]);
