/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pcipath_link.c - udev RUN program: /dev/by-pcipath links and altnames for net and vfio. */

/*
 * Net interfaces have no device node, and a vfio group node lives under
 * /devices/virtual, so udev's SYMLINK cannot give them /dev/by-pcipath names. udev runs
 * us instead (61-pcipath.rules), with the event's properties in our environment:
 *
 *   pcipath_link add      net: /dev/by-pcipath/<path>/net[-port<N>] -> /sys/class/net/<if>
 *                              and the altname pcipath-<tag>
 *                         pci bound to vfio-pci: /dev/by-pcipath/<path>/vfio -> /dev/vfio/<N>
 *                         with a hwdb PCIPATH_LABEL, any kind: /dev/by-pcilabel/<label>/
 *                         <entry> (and /dev/disk/by-pcilabel/<label><transport>[-part<N>],
 *                         and the altname <label> for net when it is free)
 *   pcipath_link remove   the links above, and any directory left empty (the kernel
 *                         drops altnames with the interface)
 *
 * Labels are ours to link, not udev's: udev settles two claimants of one SYMLINK by
 * priority, silently; two functions given one label must be reported instead, and the
 * first link kept.
 *
 * We write nothing outside /dev/by-pcipath, /dev/by-pcilabel and /dev/disk/by-pcilabel,
 * and follow no symlink there: every directory is opened with O_NOFOLLOW from /dev
 * down. Links are replaced atomically (symlink to a temporary name, rename over), and a
 * link that names another live node or interface is never taken over. Events for the
 * same device can race (add vs. move); a lock in /run serialises us.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "log.h"
#include "macro.h"
#include "path.h"

/* Where our links live, below /dev. */
#define ROOT_PATH	"by-pcipath"
#define ROOT_LABEL	"by-pcilabel"
#define ROOT_DISK_LABEL "disk/by-pcilabel"
#define LOCK_DIR	"/run/pcipath"

static bool quiet_kmsg;

/*
 * udev logs a RUN program's stderr only at debug level: warnings that matter (a label
 * claimed twice, an altname taken) also go to the kernel log, which the journal reads.
 */
_printf_(1, 2) static void warn(const char *fmt, ...)
{
	char msg[512], rec[600];
	va_list ap;
	int fd, n;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ERR("%s", msg);
	if (quiet_kmsg)
		return;
	/* One write() is one kmsg record; stdio (dprintf) would buffer and allocate. */
	n = snprintf(rec, sizeof(rec), "<4>%s[%d]: %s\n", program_invocation_short_name,
		     (int)getpid(), msg);
	if (n <= 0)
		return;
	fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return;
	(void)!write(fd, rec, (size_t)n < sizeof(rec) ? (size_t)n : sizeof(rec) - 1);
	close(fd);
}

/* An entry or link name from our helper: one component, the helper's alphabet. */
static bool name_ok(const char *n)
{
	size_t l = n ? strlen(n) : 0;

	return l > 0 && l < 200 && !streq(n, ".") && !streq(n, "..") &&
	       strspn(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:"
			 "_.-") == l;
}

/* An entry we may manage: net, net-port<N>, vfio. Anything else is not ours. */
static int entry_is_ours(const char *entry)
{
	const char *p;
	unsigned u;

	if (streq(entry, "net") || streq(entry, "vfio"))
		return 1;
	p = startswith(entry, "net-port");
	return p && parse_uint(p, 65535, &u) == 0 && u > 0;
}

/* ID_PCI_PATH from the environment, only when it is canonical: it becomes directories. */
static const char *env_pcipath(void)
{
	const char *v = getenv("ID_PCI_PATH");
	struct pci_path p;
	char canon[PCIPATH_MAX_LEN];

	if (!v || pcipath_parse(v, &p, NULL) < 0 ||
	    pcipath_format(&p, canon, sizeof(canon)) < 0 || !streq(canon, v))
		return NULL;
	return v;
}

/*
 * Open /dev/<root>/<dir> (dir may be "") one component at a time, never through a
 * symlink, making missing directories when asked.
 */
static int open_dir(const char *root, const char *dir, int create)
{
	char buf[PATH_MAX], *save = NULL, *c;
	int fd, r;

	r = snprintf(buf, sizeof(buf), "%s/%s", root, dir);
	if (r < 0 || (size_t)r >= sizeof(buf))
		return -ENAMETOOLONG;
	fd = open("/dev", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (c = strtok_r(buf, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		int next;

		for (int tries = 0;; tries++) {
			next = openat(fd, c,
				      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (next >= 0 || errno != ENOENT || !create || tries >= 8)
				break;
			/* Another worker may rmdir what we mkdir: try again, boundedly. */
			if (mkdirat(fd, c, 0755) < 0 && errno != EEXIST)
				break;
		}
		if (next < 0) {
			r = errno == ELOOP || errno == ENOTDIR ? -ENOTDIR : -errno;
			close(fd);
			return r;
		}
		close(fd);
		fd = next;
	}
	return fd;
}

/* Remove now-empty directories from /dev/<root>/<dir> up to /dev/<root> itself. */
static void prune_dirs(const char *root, const char *dir)
{
	char buf[PATH_MAX], *s;
	size_t stop = strlen(root);
	int dev = open("/dev", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (dev < 0)
		return;
	snprintf(buf, sizeof(buf), "%s%s%s", root, *dir ? "/" : "", dir);
	for (int i = 0; i <= PCIPATH_MAX_HOPS + 2 && strlen(buf) >= stop; i++) {
		/* ENOTEMPTY ends it: something else still lives there. */
		if (unlinkat(dev, buf, AT_REMOVEDIR) < 0)
			break;
		s = strrchr(buf, '/');
		if (!s)
			break;
		*s = '\0';
	}
	close(dev);
}

static int read_link_at(int dirfd, const char *name, char *buf, size_t size)
{
	ssize_t l = readlinkat(dirfd, name, buf, size - 1);

	if (l < 0)
		return -errno;
	buf[l] = '\0';
	return 0;
}

/* "/dev/<root>/<dir>/<name>" for messages. */
static const char *where(char *buf, size_t size, const char *root, const char *dir,
			 const char *name)
{
	snprintf(buf, size, "/dev/%s%s%s/%s", root, *dir ? "/" : "", dir, name);
	return buf;
}

/*
 * Point /dev/<root>/<dir>/<name> at target, unless in_use says the link names
 * something else that still exists (NULL: always replace).
 */
static int
make_link(const char *root, const char *dir, const char *name, const char *target,
	  int (*in_use)(int dirfd, const char *name, const char *old, const char *target))
{
	char old[PATH_MAX], tmp[64], w[PATH_MAX];
	int fd, r;

	fd = open_dir(root, dir, 1);
	if (fd < 0) {
		snprintf(w, sizeof(w), "/dev/%s%s%s", root, *dir ? "/" : "", dir);
		ERR("%s: cannot open directory: %s", w, strerror(-fd));
		return fd;
	}
	r = read_link_at(fd, name, old, sizeof(old));
	if (r == 0 && streq(old, target)) {
		close(fd);
		return 0;
	}
	if (r == 0 && in_use && in_use(fd, name, old, target)) {
		warn("%s: already names %s, not taking it for %s",
		     where(w, sizeof(w), root, dir, name), old, target);
		close(fd);
		return -EEXIST;
	}
	if (r < 0 && r != -ENOENT && r != -EINVAL) {
		ERR("%s: %s", where(w, sizeof(w), root, dir, name), strerror(-r));
		close(fd);
		return r;
	}
	snprintf(tmp, sizeof(tmp), ".#%.40s.%d", name, (int)getpid());
	(void)unlinkat(fd, tmp, 0);
	if (symlinkat(target, fd, tmp) < 0 || renameat(fd, tmp, fd, name) < 0) {
		r = -errno;
		(void)unlinkat(fd, tmp, 0);
		ERR("%s: cannot link to %s: %s", where(w, sizeof(w), root, dir, name),
		    target, strerror(-r));
		close(fd);
		return r;
	}
	close(fd);
	return 0;
}

/*
 * Remove /dev/<root>/<dir>/<name>: always when target is NULL, else when it points at
 * target or at nothing any more (an interface that is gone under another name).
 */
static int remove_link(const char *root, const char *dir, const char *name,
		       const char *target)
{
	char old[PATH_MAX];
	struct stat st;
	int fd, r;

	fd = open_dir(root, dir, 0);
	if (fd < 0)
		return fd == -ENOENT ? 0 : fd;
	r = read_link_at(fd, name, old, sizeof(old));
	if (r == 0 && (!target || streq(old, target) || fstatat(fd, name, &st, 0) < 0)) {
		if (unlinkat(fd, name, 0) < 0 && errno != ENOENT)
			r = -errno;
	}
	close(fd);
	prune_dirs(root, dir);
	return r == -ENOENT || r == -EINVAL ? 0 : r;
}

/* A link is in use when it names something else that still exists. */
static int other_exists(int dirfd, const char *name, const char *old, const char *target)
{
	struct stat st;

	return !streq(old, target) && fstatat(dirfd, name, &st, 0) == 0;
}

static int link_index_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);

	*(unsigned *)data = (unsigned)ifm->ifi_index;
	return MNL_CB_OK;
}

/*
 * One rtnetlink request about an altname: RTM_NEWLINKPROP gives ifindex the altname
 * (-EEXIST when any interface has it), RTM_GETLINK asks which interface has it
 * (*owner, or -ENODEV). if_nametoindex() cannot: altnames may be longer than IFNAMSIZ.
 */
static int rtnl_altname(int type, unsigned ifindex, const char *altname, unsigned *owner)
{
	char buf[8192]; /* MNL_SOCKET_BUFFER_SIZE is a VLA; a page or two suffice */
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifm;
	struct nlattr *nest;
	unsigned seq = (unsigned)time(NULL), portid;
	int r;

	if (strlen(altname) >= 128) /* ALTIFNAMSIZ */
		return -ENAMETOOLONG;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (uint16_t)type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (type == RTM_NEWLINKPROP)
		nlh->nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
	nlh->nlmsg_seq = seq;
	ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_index = (int)ifindex;
	if (type == RTM_NEWLINKPROP) {
		nest = mnl_attr_nest_start(nlh, IFLA_PROP_LIST);
		mnl_attr_put_strz(nlh, IFLA_ALT_IFNAME, altname);
		mnl_attr_nest_end(nlh, nest);
	} else
		mnl_attr_put_strz(nlh, IFLA_ALT_IFNAME, altname);

	nl = mnl_socket_open(NETLINK_ROUTE);
	if (!nl)
		return -errno;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		r = -errno;
		goto out;
	}
	portid = mnl_socket_get_portid(nl);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		r = -errno;
		goto out;
	}
	/* A reply (RTM_GETLINK) then an ack, or just the ack: bounded by the two. */
	for (int i = 0; i < 2; i++) {
		r = (int)mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (r < 0) {
			r = -errno;
			goto out;
		}
		r = mnl_cb_run(buf, (size_t)r, seq, portid, link_index_cb, owner);
		if (r <= MNL_CB_STOP)
			break;
	}
	r = r < 0 ? -errno : 0;
out:
	mnl_socket_close(nl);
	return r;
}

/* Give the interface an altname we want; one it has already is fine, another's not. */
static int want_altname(unsigned ifindex, const char *ifname, const char *altname)
{
	unsigned owner = 0;
	int r = rtnl_altname(RTM_GETLINK, 0, altname, &owner);

	if (r == 0 && owner == ifindex)
		return 0;
	if (r == 0) {
		/* Reported, not failed: "when it is free" is the whole promise. */
		warn("%s: altname %s is taken by another interface, not adding it",
		     ifname, altname);
		return 0;
	}
	r = rtnl_altname(RTM_NEWLINKPROP, ifindex, altname, NULL);
	if (r < 0)
		warn("%s: cannot add altname %s: %s", ifname, altname, strerror(-r));
	return r;
}

/* PCIPATH_LABEL from the hwdb, when set; a bad one is reported and ignored. */
static const char *env_label(void)
{
	const char *l = getenv("PCIPATH_LABEL");

	if (!l || !*l)
		return NULL;
	if (!pcipath_label_valid(l)) {
		warn("%s: PCIPATH_LABEL \"%.80s\" is not [A-Za-z0-9_.-]{1,%d}, ignoring "
		     "it",
		     getenv("DEVPATH") ? getenv("DEVPATH") : "?", l, PCIPATH_LABEL_MAX);
		return NULL;
	}
	return l;
}

/* "../../" once per component of "<root>/<dir>/": from a link up to /dev. */
static int up_to_dev(const char *root, const char *dir, char *buf, size_t size)
{
	unsigned depth = 1 + (*dir ? 1 : 0);
	size_t len = 0;

	for (const char *s = root; *s; s++)
		depth += *s == '/';
	for (const char *s = dir; *s; s++)
		depth += *s == '/';
	for (unsigned i = 0; i < depth; i++) {
		if (len + 3 >= size)
			return -ENAMETOOLONG;
		memcpy(buf + len, "../", 4);
		len += 3;
	}
	return 0;
}

static int do_net(int add)
{
	const char *path = env_pcipath(), *entry = getenv("ID_PCI_PATH_ENTRY");
	const char *tag = getenv("ID_PCI_PATH_TAG"), *ifname_env = getenv("INTERFACE");
	const char *ifindex_env = getenv("IFINDEX"), *label = env_label();
	char ifname[IF_NAMESIZE], target[64], altname[PCIPATH_MAX_LEN + 16];
	unsigned ifindex;
	int r, q;

	if (!path || !entry || !entry_is_ours(entry) || streq(entry, "vfio")) {
		ERR("no valid ID_PCI_PATH / ID_PCI_PATH_ENTRY in the environment");
		return -EINVAL;
	}
	if (!add) {
		/* Without a valid name, match none: only a dangling link goes. */
		if (!ifname_env || strlen(ifname_env) >= IF_NAMESIZE ||
		    strchr(ifname_env, '/'))
			ifname_env = "/";
		snprintf(target, sizeof(target), "/sys/class/net/%s", ifname_env);
		r = remove_link(ROOT_PATH, path, entry, target);
		if (label) {
			q = remove_link(ROOT_LABEL, label, entry, target);
			r = r < 0 ? r : q;
		}
		return r;
	}

	/* The kernel's current name: after udev's or ip's rename, not the event's. */
	if (!ifindex_env || parse_uint(ifindex_env, INT_MAX, &ifindex) < 0 ||
	    ifindex == 0) {
		ERR("no valid IFINDEX in the environment");
		return -EINVAL;
	}
	if (!if_indextoname(ifindex, ifname))
		return 0; /* gone already: its remove event follows */
	snprintf(target, sizeof(target), "/sys/class/net/%s", ifname);
	r = make_link(ROOT_PATH, path, entry, target, other_exists);

	if (tag && *tag && strspn(tag, "0123456789abcdefpcixv._-") == strlen(tag)) {
		snprintf(altname, sizeof(altname), "pcipath-%s", tag);
		q = want_altname(ifindex, ifname, altname);
		r = r < 0 ? r : q;
	}
	if (label) {
		q = make_link(ROOT_LABEL, label, entry, target, other_exists);
		r = r < 0 ? r : q;
		/* The label as an altname only when it is free: never someone else's name. */
		if (!streq(label, ifname)) {
			q = want_altname(ifindex, ifname, label);
			r = r < 0 ? r : q;
		}
	}
	return r;
}

static int do_vfio(int add)
{
	const char *path = env_pcipath(), *devpath = getenv("DEVPATH");
	const char *driver = getenv("DRIVER"), *label = env_label();
	char p[PATH_MAX], grp[PATH_MAX], target[PATH_MAX],
		up[3 * (PCIPATH_MAX_HOPS + 4) + 1];
	const char *id;
	struct stat st;
	int r, q;

	if (!path) {
		ERR("no valid ID_PCI_PATH in the environment");
		return -EINVAL;
	}
	if (!add || !streq0(driver, "vfio-pci")) {
		r = remove_link(ROOT_PATH, path, "vfio", NULL);
		if (label) {
			q = remove_link(ROOT_LABEL, label, "vfio", NULL);
			r = r < 0 ? r : q;
		}
		return r;
	}
	if (!devpath || strstr(devpath, "/.."))
		return -EINVAL;

	/* The group node is /dev/vfio/<group>, or noiommu-<group> without an IOMMU. */
	snprintf(p, sizeof(p), "/sys%s/iommu_group", devpath);
	if (read_link_at(AT_FDCWD, p, grp, sizeof(grp)) < 0) {
		ERR("%s: no iommu_group: %s", devpath, strerror(errno));
		return -ENOENT;
	}
	id = strrchr(grp, '/');
	id = id ? id + 1 : grp;
	if (strspn(id, "0123456789") != strlen(id) || !*id || strlen(id) > 10)
		return -EBADMSG;
	snprintf(p, sizeof(p), "/sys/class/vfio/noiommu-%.10s", id);
	q = stat(p, &st) == 0;

	/* A function is in exactly one group: the group it is in now is the truth. */
	r = up_to_dev(ROOT_PATH, path, up, sizeof(up));
	if (r < 0)
		return r;
	snprintf(target, sizeof(target), "%svfio/%s%.10s", up, q ? "noiommu-" : "", id);
	r = make_link(ROOT_PATH, path, "vfio", target, NULL);
	if (label && up_to_dev(ROOT_LABEL, label, up, sizeof(up)) == 0) {
		snprintf(target, sizeof(target), "%svfio/%s%.10s", up,
			 q ? "noiommu-" : "", id);
		q = make_link(ROOT_LABEL, label, "vfio", target, other_exists);
		r = r < 0 ? r : q;
	}
	return r;
}

/*
 * Label links of nodes udev already links by path: /dev/by-pcilabel/<label>/<entry> and,
 * for disks, /dev/disk/by-pcilabel/<label><transport>[-part<N>], relative like udev's.
 */
static int do_node(int add)
{
	const char *path = env_pcipath(), *entry = getenv("ID_PCI_PATH_ENTRY");
	const char *devname = getenv("DEVNAME"), *disk = getenv("ID_PCI_PATH_DISK");
	const char *label = env_label(), *node, *suffix = NULL;
	char up[3 * (PCIPATH_MAX_HOPS + 4) + 1], target[PATH_MAX], diskname[PATH_MAX];
	int r, q;

	if (!label)
		return 0;
	if (!path || !name_ok(entry) || !devname ||
	    !(node = startswith(devname, "/dev/")) || strstr(node, "..")) {
		ERR("no valid ID_PCI_PATH / ID_PCI_PATH_ENTRY / DEVNAME in the "
		    "environment");
		return -EINVAL;
	}
	if (disk) {
		suffix = startswith(disk, path);
		if (!suffix || (*suffix && (*suffix != '-' || !name_ok(suffix)))) {
			ERR("ID_PCI_PATH_DISK does not extend ID_PCI_PATH");
			return -EINVAL;
		}
		snprintf(diskname, sizeof(diskname), "%s%s", label, suffix);
	}

	r = up_to_dev(ROOT_LABEL, label, up, sizeof(up));
	if (r < 0)
		return r;
	snprintf(target, sizeof(target), "%s%s", up, node);
	r = add ? make_link(ROOT_LABEL, label, entry, target, other_exists)
		: remove_link(ROOT_LABEL, label, entry, target);
	if (suffix) {
		q = up_to_dev(ROOT_DISK_LABEL, "", up, sizeof(up));
		if (q == 0) {
			snprintf(target, sizeof(target), "%s%s", up, node);
			q = add ? make_link(ROOT_DISK_LABEL, "", diskname, target,
					    other_exists)
				: remove_link(ROOT_DISK_LABEL, "", diskname, target);
		}
		r = r < 0 ? r : q;
	}
	return r;
}

static int lock_run(void)
{
	int fd;

	(void)mkdir(LOCK_DIR, 0755);
	fd = open(LOCK_DIR "/lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_EX) < 0) {
		close(fd);
		return -errno;
	}
	return fd;
}

static void help(void)
{
	printf("Usage: %s add|remove\n"
	       "Keep the /dev/by-pcipath links of net interfaces and vfio groups, their\n"
	       "pcipath-<tag> altnames, and the /dev/by-pcilabel links of hwdb labels.\n"
	       "Run by udev (61-pcipath.rules) with the event's properties in the\n"
	       "environment: SUBSYSTEM, ID_PCI_PATH, ID_PCI_PATH_ENTRY, IFINDEX, ...\n",
	       program_invocation_short_name);
}

int main(int argc, char *argv[])
{
	const char *subsystem = getenv("SUBSYSTEM");
	int add, lock, r;

	if (argc == 2 && (streq(argv[1], "-h") || streq(argv[1], "--help"))) {
		help();
		return EXIT_SUCCESS;
	}
	if (argc != 2 || (!streq(argv[1], "add") && !streq(argv[1], "remove"))) {
		ERR("usage: %s add|remove", program_invocation_short_name);
		return EXIT_FAILURE;
	}
	add = streq(argv[1], "add");
	if (!subsystem || !*subsystem) {
		ERR("no SUBSYSTEM in the environment");
		return EXIT_FAILURE;
	}
	/* By hand (a terminal), stderr is enough; under udev, warnings reach the journal. */
	quiet_kmsg = isatty(STDERR_FILENO) || getenv("PCIPATH_NO_KMSG");
	lock = lock_run();
	if (lock < 0) {
		ERR("cannot lock %s/lock: %s", LOCK_DIR, strerror(-lock));
		return EXIT_FAILURE;
	}
	r = streq(subsystem, "net")   ? do_net(add)
	    : streq(subsystem, "pci") ? do_vfio(add)
				      : do_node(add);
	close(lock);
	return r < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
