/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-wait.c - pcipath wait: until a node of a PCI function is there, its event done. */

/*
 * What "done" means (pcipath(1), SPEC 5): with udevd, the node's udev event is
 * finished, RUN programs included. udevd writes the db before it runs RUN programs
 * (v255+ marks that window ID_PROCESSING=1) and sends its monitor event after them,
 * so neither the db alone nor one event says it. We listen to udevd's events (each
 * one makes us look again) and check the work itself: the db entry exists and is not
 * processing, and every link and altname pcipath_link makes for the device (computed
 * from the db by the same code, linkset.c) is there, or is recorded as another
 * device's. Without udevd (Kata's agent as init), the kernel's uevents and sysfs.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <net/if.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <libkmod.h>
#include <libudev.h>

#include "cli-hwdb.h"
#include "cli-kmod.h"
#include "cli-sysfs.h"
#include "cli-util.h"
#include "commands.h"
#include "kinds.h"
#include "log.h"
#include "linkdb.h"
#include "linkset.h"
#include "macro.h"
#include "path.h"
#include "rtnl.h"
#include "sysfs.h"
#include "vfio.h"

static void help_wait(void)
{
	printf("Usage: %s wait PATH [--kind KIND] [--timeout SECONDS] [--rescan]\n"
	       "                    [--load-modules] [--moddir DIR]\n"
	       "Wait until a node (or interface) exists below the PCI function at PATH, "
	       "and\n"
	       "print it (its /dev node, or the interface name). With udevd running, "
	       "only a\n"
	       "node whose udev event is finished counts, RUN programs included: its "
	       "links\n"
	       "(for net: the link and the pcipath-<tag> altname) exist. Without udevd, "
	       "the\n"
	       "kernel's uevents and sysfs.\n\n"
	       "  -k --kind KIND       block, drm, serial, net or vfio (default: any)\n"
	       "  -t --timeout SECS    Give up after SECS seconds (default 30; 0: check "
	       "once)\n"
	       "  -r --rescan          Write 1 to /sys/bus/pci/rescan first\n"
	       "  -l --load-modules    Load the modules of new devices below PATH (no "
	       "udevd)\n"
	       "  -d --moddir DIR      Module directory for --load-modules\n"
	       "  -h --help            Show this help\n"
	       "Exit status: 0 found, 1 error, 2 usage, 124 timed out.\n",
	       program_invocation_short_name);
}

struct waiter {
	struct pci_path path;
	int kind;
	bool udev_mode, load_modules;
	struct udev *udev;
	struct kmod_ctx *kctx;
	char *tried[1024]; /* devices whose modules we loaded (or tried to) */
	unsigned n_tried;
	char last_reason[PCIPATH_MAX_LEN + 256];
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/*
 * Is udevd running, for any uid? As systemd's udev_available(), none where /sys is
 * read-only (containers). Then its control socket: root can connect (a stale socket
 * refuses); anyone else is refused by its mode (0600), which still says it is there.
 */
static bool udevd_running(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct statvfs sv;
	struct stat st;
	int fd, r;

	if (statvfs("/sys", &sv) == 0 && (sv.f_flag & ST_RDONLY))
		return false;
	if (stat("/run/udev/control", &st) < 0 || !S_ISSOCK(st.st_mode))
		return false;
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return true;
	strprintf(sa.sun_path, sizeof(sa.sun_path), "/run/udev/control");
	r = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	if (r < 0)
		r = -errno;
	close(fd);
	return r != -ECONNREFUSED && r != -ENOENT;
}

static bool tried_before(struct waiter *w, const char *syspath)
{
	for (unsigned i = 0; i < w->n_tried; i++)
		if (streq(w->tried[i], syspath))
			return true;
	if (w->n_tried < ARRAY_SIZE(w->tried))
		w->tried[w->n_tried++] = strdup(syspath);
	return false;
}

static void load_modalias(struct waiter *w, const char *modalias)
{
	struct kmod_list *list = NULL, *l;

	if (kmod_module_new_from_lookup(w->kctx, modalias, &list) < 0)
		return;
	kmod_list_foreach(l, list)
	{
		struct kmod_module *mod = kmod_module_get_module(l);
		int r = kmod_module_probe_insert_module(mod, KMOD_PROBE_APPLY_BLACKLIST,
							NULL, NULL, NULL, NULL);

		if (r < 0)
			ERR("wait: cannot load %s for %s: %s", kmod_module_get_name(mod),
			    modalias, strerror(-r));
		kmod_module_unref(mod);
	}
	kmod_module_unref_list(list);
}

/*
 * What udevd would do for the devices below dir: load the modules their modaliases
 * name, once per device. Bounded in depth and in directories read.
 */
static void load_modules_below(struct waiter *w, const char *dir, int depth,
			       unsigned *budget)
{
	static const char *const skip[] = {
		"power", "queues", "statistics", "msi_irqs",
		"mq",	 "queue",  "integrity",	 "trace",
	};
	char p[PATH_MAX], ue[4096];
	DIR *d;
	struct dirent *de;

	strprintf(p, sizeof(p), "%s/uevent", dir);
	if (sysfs_read(p, ue, sizeof(ue)) >= 0 && !strstr(ue, "DRIVER=")) {
		char *m = strstr(ue, "MODALIAS=");

		if (m && (m == ue || m[-1] == '\n') && !tried_before(w, dir)) {
			m += strlen("MODALIAS=");
			m[strcspn(m, "\n")] = '\0';
			load_modalias(w, m);
		}
	}
	if (depth >= 12 || !(d = opendir(dir)))
		return;
	while ((de = readdir(d)) && *budget > 0) {
		bool skipped = false;

		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(skip); i++)
			skipped |= streq(de->d_name, skip[i]);
		if (skipped)
			continue;
		(*budget)--;
		strprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		load_modules_below(w, p, depth + 1, budget);
	}
	closedir(d);
}

static const char *db_prop(void *userdata, const char *key)
{
	const char *v = udev_device_get_property_value(userdata, key);

	return v && *v ? v : NULL;
}

/* Is the link there as it should be, or recorded as another device's? */
static bool link_done(const struct linkset_link *l, const char *id)
{
	char path[PATH_MAX], target[LINKSET_TARGET_MAX];
	bool owned = false;
	ssize_t n;

	strprintf(path, sizeof(path), "/dev/%s", l->name);
	n = readlink(path, target, sizeof(target) - 1);
	if (n >= 0 && (size_t)n == strlen(l->target) &&
	    memcmp(target, l->target, (size_t)n) == 0)
		return true;
	/* Contested: a waiting claim is pcipath_link's last word on it for now. */
	return linkdb_link_state(l->name, id, &owned) > 0 && !owned;
}

/*
 * Has udev finished with the device at syspath, RUN included? fn_syspath is its PCI
 * function's (for vfio: the work is the function's own event).
 */
static bool event_done(struct waiter *w, const struct cli_node *n, const char *fn_syspath)
{
	const char *syspath = n->kind == PCIPATH_CLASS_VFIO ? fn_syspath : n->syspath;
	struct linkset_facts facts = {};
	struct udev_device *d;
	struct linkset want;
	char id[LINKDB_ID_MAX], group[32];
	const char *reason;
	unsigned owner;
	bool bad_label, ok = false;

	if (!w->udev_mode || !syspath)
		return true;
	d = udev_device_new_from_syspath(w->udev, syspath);
	if (!d || udev_device_get_is_initialized(d) <= 0)
		goto out;
	/* v255+: the db is written, RUN programs have not finished yet. */
	if (streq0(udev_device_get_property_value(d, "ID_PROCESSING"), "1"))
		goto out;
	if (n->kind == PCIPATH_CLASS_NET)
		facts.ifname = n->name;
	if (n->kind == PCIPATH_CLASS_VFIO &&
	    vfio_group_of_function(fn_syspath, group, sizeof(group)) >= 0)
		facts.vfio_group = group;
	if (linkset_wanted(db_prop, d, &facts, &want, &bad_label, &reason) < 0 ||
	    linkdb_device_id(db_prop(d, "SUBSYSTEM"), db_prop(d, "MAJOR"),
			     db_prop(d, "MINOR"), db_prop(d, "IFINDEX"),
			     db_prop(d, "DEVPATH"), id, sizeof(id)) < 0) {
		ok = true; /* nothing pcipath_link could make: udev's part is all */
		goto out;
	}
	for (unsigned i = 0; i < want.n_links; i++)
		if (!link_done(&want.links[i], id))
			goto out;
	for (unsigned i = 0; i < want.n_alts; i++)
		/* Ours, or another interface's: pcipath_link has had its turn. */
		if (rtnl_name_owner(want.alts[i], &owner) < 0)
			goto out;
	ok = true;
out:
	udev_device_unref(d);
	return ok;
}

/* Check what exists now. Returns 1 and prints the node, 0 when nothing yet, -errno. */
static int wait_check(struct waiter *w)
{
	char sp[PATH_MAX], below[PATH_MAX + 1];
	struct cli_func *fs = NULL;
	size_t n = 0, m = 0;
	int r;

	r = sysfs_resolve(&w->path, sp, sizeof(sp), w->last_reason,
			  sizeof(w->last_reason));
	if (r < 0)
		return r == -ENOENT || r == -EBADMSG ? 0 : r;
	w->last_reason[0] = '\0';
	if (w->load_modules) {
		unsigned budget = 10000;

		load_modules_below(w, sp, 0, &budget);
	}
	if (w->kind == PCIPATH_CLASS_VFIO) {
		/* vfio group nodes belong to functions, maybe below PATH: read them all. */
		r = cli_scan_functions(&fs, &n, 0);
		if (r < 0)
			return r == -EBADMSG || r == -ENOENT ? 0 : r;
		/* The function at PATH and those below it (a bridge's), in path order. */
		strprintf(below, sizeof(below), "%s/", sp);
		for (size_t i = 0; i < n; i++) {
			if (streq(fs[i].syspath, sp) ||
			    startswith(fs[i].syspath, below)) {
				if (m != i) {
					struct cli_func t = fs[m];

					fs[m] = fs[i];
					fs[i] = t;
				}
				m++;
			}
		}
		r = cli_scan_nodes(fs, m, w->kind, false);
	} else {
		/* Every turn after an event: only PATH's function and the class dirs. */
		fs = calloc(1, sizeof(*fs));
		if (!fs)
			return -ENOMEM;
		n = m = 1;
		r = cli_func_load(sp, fs, 0);
		if (r == -ENOENT || r == -EBADMSG) { /* gone, or half there: look again */
			r = 0;
			goto out;
		}
		if (r >= 0)
			r = cli_scan_nodes_below(fs, w->kind);
	}
	for (size_t i = 0; r >= 0 && i < m; i++)
		for (size_t j = 0; j < fs[i].n_nodes; j++)
			if (event_done(w, &fs[i].nodes[j], fs[i].syspath)) {
				text_safe(stdout, node_label(&fs[i].nodes[j]));
				fputc('\n', stdout);
				r = 1;
				goto out;
			}
	r = r < 0 ? r : 0;
out:
	cli_funcs_free(fs, n);
	return r;
}

int cmd_wait(int argc, char *argv[])
{
	static const struct option options[] = {
		{"kind", required_argument, NULL, 'k'},
		{"timeout", required_argument, NULL, 't'},
		{"rescan", no_argument, NULL, 'r'},
		{"load-modules", no_argument, NULL, 'l'},
		{"moddir", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, 'h'},
		{},
	};
	static struct waiter w;
	struct udev_monitor *mon = NULL;
	char canon[PCIPATH_MAX_LEN];
	const char *moddir = NULL;
	long timeout_ms = 30000, deadline;
	bool rescan = false;
	int opt, r, fd = -1, ret = CLI_EXIT_ERR;

	w.kind = PCIPATH_CLASS_ANY;
	while ((opt = getopt_long(argc, argv, "k:t:rld:h", options, NULL)) >= 0) {
		switch (opt) {
		case 'k':
			w.kind = pcipath_class_from_string(optarg);
			if (w.kind < 0) {
				ERR("wait: unknown kind '%s' (block, drm, serial, net, "
				    "vfio)",
				    optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		case 't':
			if (cli_parse_timeout(optarg, &timeout_ms) < 0) {
				ERR("wait: bad timeout '%s' (seconds, 0 to 86400, e.g. "
				    "2.5)",
				    optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		case 'r':
			rescan = true;
			break;
		case 'l':
			w.load_modules = true;
			break;
		case 'd':
			moddir = optarg;
			break;
		case 'h':
			help_wait();
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (!want_operands(argc, 1, "wait", "missing PATH"))
		return CLI_EXIT_USAGE;
	if (parse_path_arg("wait", argv[optind], &w.path) < 0 ||
	    pcipath_format(&w.path, canon, sizeof(canon)) < 0)
		return CLI_EXIT_ERR;
	/* The command's one udev context (cli-hwdb.c), dropped at exit by main. */
	w.udev = get_udev();
	if (!w.udev)
		return CLI_EXIT_ERR;
	deadline = now_ms() + timeout_ms;

	if (w.load_modules) {
		w.kctx = kmod_open(moddir);
		if (!w.kctx)
			goto out;
	}

	/*
	 * Subscribe first, then look: a node that appears between the two is seen by the
	 * look or arrives as an event, never lost. udevd's events come after RUN; without
	 * udevd (Kata's agent as init), the kernel's.
	 */
	w.udev_mode = udevd_running();
	mon = udev_monitor_new_from_netlink(w.udev, w.udev_mode ? "udev" : "kernel");
	if (mon) {
		udev_monitor_set_receive_buffer_size(mon, 4 * 1024 * 1024);
		if (udev_monitor_enable_receiving(mon) < 0) {
			udev_monitor_unref(mon);
			mon = NULL;
		}
	}
	if (!mon)
		WRN("wait: cannot listen to %s events, polling sysfs",
		    w.udev_mode ? "udev" : "kernel");
	else
		fd = udev_monitor_get_fd(mon);

	if (rescan) {
		int rf = open("/sys/bus/pci/rescan", O_WRONLY | O_CLOEXEC);

		if (rf < 0 || write(rf, "1", 1) != 1) {
			ERR("wait: cannot write /sys/bus/pci/rescan: %s",
			    strerror(errno));
			if (rf >= 0)
				close(rf);
			goto out;
		}
		close(rf);
	}

	/* Bounded by the deadline: every turn either handles events or sleeps. */
	for (;;) {
		long left;
		struct pollfd pfd = {.fd = fd, .events = POLLIN};

		r = wait_check(&w);
		if (r < 0) {
			ERR("wait: %s: %s", canon, strerror(-r));
			goto out;
		}
		if (r > 0) {
			ret = finish_output();
			goto out;
		}
		left = deadline - now_ms();
		if (left <= 0)
			break;
		/*
		 * Re-check every 100 ms as well: an event can be lost (ENOBUFS), and
		 * pcipath_link's work on v252 shows in no event of its own.
		 */
		r = poll(&pfd, fd >= 0 ? 1 : 0, left < 100 ? (int)left : 100);
		if (r < 0 && errno != EINTR) {
			ERR("wait: poll: %s", strerror(errno));
			goto out;
		}
		for (int i = 0; r > 0 && i < 4096; i++) {
			struct udev_device *d = udev_monitor_receive_device(mon);

			if (!d)
				break;
			udev_device_unref(d);
		}
	}
	if (w.last_reason[0])
		ERR("wait: timed out after %ld.%03ld s: %s: %s", timeout_ms / 1000,
		    timeout_ms % 1000, canon, w.last_reason);
	else
		ERR("wait: timed out after %ld.%03ld s: no %s%s below %s",
		    timeout_ms / 1000, timeout_ms % 1000,
		    w.kind == PCIPATH_CLASS_ANY ? "node" : "node of kind ",
		    w.kind == PCIPATH_CLASS_ANY ? "" : pcipath_class_to_string(w.kind),
		    canon);
	ret = CLI_EXIT_TIMEOUT;
out:
	udev_monitor_unref(mon);
	kmod_unref(w.kctx);
	for (unsigned i = 0; i < w.n_tried; i++)
		free(w.tried[i]);
	return ret;
}
