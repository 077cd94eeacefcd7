/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cli-kmod.c - the command's libkmod glue: contexts, module lookups and their state. */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libkmod.h>

#include "cli-kmod.h"
#include "log.h"
#include "macro.h"
#include "sysfs.h"
#include "util.h"

/* libkmod's own messages, through our log at their priority. */
_printf_(6, 0) static void kmod_log(_unused_ void *data, int priority,
				    _unused_ const char *file, _unused_ int line,
				    _unused_ const char *fn, const char *format,
				    va_list args)
{
	char msg[512];
	int n = vsnprintf(msg, sizeof(msg), format, args);

	if (n < 0)
		return;
	while (n > 0 && (size_t)n <= sizeof(msg) && msg[n - 1] == '\n')
		msg[--n] = '\0';
	log_msg(priority, "libkmod: %s", msg);
}

/* A libkmod context on moddir (NULL: /lib/modules/`uname -r`), indexes loaded once. */
struct kmod_ctx *kmod_open(const char *moddir)
{
	struct kmod_ctx *ctx = kmod_new(moddir, NULL);
	int r;

	if (!ctx) {
		ERR("cannot create libkmod context%s%s", moddir ? " for " : "",
		    moddir ? moddir : "");
		return NULL;
	}
	kmod_set_log_fn(ctx, kmod_log, NULL);
	r = kmod_load_resources(ctx);
	if (r < 0) {
		ERR("no module indexes in %s: %s", kmod_get_dirname(ctx), strerror(-r));
		kmod_unref(ctx);
		return NULL;
	}
	return ctx;
}

const char *module_state(struct kmod_module *mod)
{
	const char *path;

	switch (kmod_module_get_initstate(mod)) {
	case KMOD_MODULE_BUILTIN:
		return "builtin";
	case KMOD_MODULE_LIVE:
	case KMOD_MODULE_COMING:
		return "loaded";
	case KMOD_MODULE_GOING:
		return "unloading";
	default:
		break;
	}
	path = kmod_module_get_path(mod);
	return path && access(path, F_OK) == 0 ? "available" : "missing";
}

/* The modules matching modalias; -errno, or how many (at most max). */
int match_modules(struct kmod_ctx *ctx, const char *modalias, struct modinfo *mi, int max)
{
	struct kmod_list *list = NULL, *l;
	int n = 0, r;

	r = kmod_module_new_from_lookup(ctx, modalias, &list);
	if (r < 0)
		return r;
	kmod_list_foreach(l, list)
	{
		struct kmod_module *mod = kmod_module_get_module(l);
		const char *path;

		if (n < max) {
			strprintf(mi[n].name, sizeof(mi[n].name), "%s",
				  kmod_module_get_name(mod));
			mi[n].state = module_state(mod);
			path = kmod_module_get_path(mod);
			strprintf(mi[n].path, sizeof(mi[n].path), "%s", path ? path : "");
			n++;
		}
		kmod_module_unref(mod);
	}
	kmod_module_unref_list(list);
	return n;
}

int module_of_driver(struct kmod_ctx *ctx, const char *fn_syspath, struct modinfo *mi)
{
	struct kmod_module *mod = NULL;
	char dir[PATH_MAX], target[PATH_MAX];
	const char *path;

	/* The driver's module link: made for modules and for built-in drivers alike. */
	if (!strprintf(dir, sizeof(dir), "%s/driver", fn_syspath) ||
	    sysfs_read_link(dir, "module", target, sizeof(target)) < 0 ||
	    kmod_module_new_from_name(ctx, path_basename(target), &mod) < 0)
		return 0;
	strprintf(mi->name, sizeof(mi->name), "%s", kmod_module_get_name(mod));
	mi->state = module_state(mod);
	path = kmod_module_get_path(mod);
	strprintf(mi->path, sizeof(mi->path), "%s", path ? path : "");
	kmod_module_unref(mod);
	return 1;
}
