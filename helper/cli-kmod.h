/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli-kmod.h - the command's libkmod glue: contexts, module lookups and their state. */
#pragma once

#include <limits.h>

#include <libkmod.h>

/* A libkmod context on moddir (NULL: /lib/modules/`uname -r`), indexes loaded once;
 * libkmod's own messages go through our log. NULL with a message on error. */
struct kmod_ctx *kmod_open(const char *moddir);

/* builtin, loaded, unloading, available (its file is there) or missing. */
const char *module_state(struct kmod_module *mod);

struct modinfo {
	char name[64];
	const char *state;
	char path[PATH_MAX];
};

/* The modules matching modalias (at most max): how many, or -errno. */
int match_modules(struct kmod_ctx *ctx, const char *modalias, struct modinfo *mi,
		  int max);

/*
 * The module of the driver bound to the function at fn_syspath, from the driver's
 * module link (built-in drivers have one too), when no alias matched: 1 and *mi, or 0.
 */
int module_of_driver(struct kmod_ctx *ctx, const char *fn_syspath, struct modinfo *mi);
