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
 *   pcipath_link remove   net remove, pci unbind/remove: the links above, and any
 *                         directory left empty (the kernel drops altnames itself)
 *
 * We write nothing outside /dev/by-pcipath and follow no symlink there: every directory
 * is opened with O_NOFOLLOW from /dev down. Links are replaced atomically (symlink to a
 * temporary name, rename over), and a link that names another live interface is never
 * taken over. Events for the same interface can race (add vs. move); a lock in /run
 * serialises us.
 */

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
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

#include "macro.h"
#include "path.h"

#define LINK_ROOT "by-pcipath"
#define LOCK_DIR  "/run/pcipath"

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

/* Open /dev/by-pcipath/<path> one component at a time, never through a symlink. */
static int open_dir(const char *path, int create)
{
	char buf[PCIPATH_MAX_LEN + sizeof(LINK_ROOT) + 1], *save = NULL, *c;
	int fd, r;

	r = snprintf(buf, sizeof(buf), "%s/%s", LINK_ROOT, path);
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

/* Remove now-empty directories from /dev/by-pcipath/<path> up to /dev/by-pcipath. */
static void prune_dirs(const char *path)
{
	char buf[PCIPATH_MAX_LEN + sizeof(LINK_ROOT) + 1], *s;
	int dev = open("/dev", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (dev < 0)
		return;
	snprintf(buf, sizeof(buf), "%s/%s", LINK_ROOT, path);
	for (int i = 0; i <= PCIPATH_MAX_HOPS + 1; i++) {
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

/*
 * Point <path>/<entry> at target, unless in_use says the link names something else
 * that still exists (NULL: always replace).
 */
static int make_link(const char *path, const char *entry, const char *target,
		     int (*in_use)(const char *old, const char *target))
{
	char old[PATH_MAX], tmp[64];
	int fd, r;

	fd = open_dir(path, 1);
	if (fd < 0) {
		ERR("/dev/%s/%s: cannot open directory: %s", LINK_ROOT, path,
		    strerror(-fd));
		return fd;
	}
	r = read_link_at(fd, entry, old, sizeof(old));
	if (r == 0 && streq(old, target)) {
		close(fd);
		return 0;
	}
	if (r == 0 && in_use && in_use(old, target)) {
		ERR("/dev/%s/%s/%s: already names %s, not taking it for %s", LINK_ROOT,
		    path, entry, old, target);
		close(fd);
		return -EEXIST;
	}
	if (r < 0 && r != -ENOENT && r != -EINVAL) {
		ERR("/dev/%s/%s/%s: %s", LINK_ROOT, path, entry, strerror(-r));
		close(fd);
		return r;
	}
	snprintf(tmp, sizeof(tmp), ".#%s.%d", entry, (int)getpid());
	(void)unlinkat(fd, tmp, 0);
	if (symlinkat(target, fd, tmp) < 0 || renameat(fd, tmp, fd, entry) < 0) {
		r = -errno;
		(void)unlinkat(fd, tmp, 0);
		ERR("/dev/%s/%s/%s: cannot link to %s: %s", LINK_ROOT, path, entry,
		    target, strerror(-r));
		close(fd);
		return r;
	}
	close(fd);
	return 0;
}

/*
 * Remove <path>/<entry>: always when target is NULL, else when it points at target or at
 * nothing any more (a net link of an interface that is gone under another name).
 */
static int remove_link(const char *path, const char *entry, const char *target)
{
	char old[PATH_MAX];
	struct stat st;
	int fd, r;

	fd = open_dir(path, 0);
	if (fd < 0)
		return fd == -ENOENT ? 0 : fd;
	r = read_link_at(fd, entry, old, sizeof(old));
	if (r == 0 && (!target || streq(old, target) || fstatat(fd, entry, &st, 0) < 0)) {
		if (unlinkat(fd, entry, 0) < 0 && errno != ENOENT)
			r = -errno;
	}
	close(fd);
	prune_dirs(path);
	return r == -ENOENT || r == -EINVAL ? 0 : r;
}

/* A net link is in use when it names another interface that still exists. */
static int net_in_use(const char *old, const char *target)
{
	struct stat st;

	return !streq(old, target) && startswith(old, "/sys/class/net/") &&
	       stat(old, &st) == 0;
}

/* rtnetlink RTM_NEWLINKPROP: give ifindex the altname. EEXIST when it has it already. */
static int add_altname(unsigned ifindex, const char *altname)
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
	nlh->nlmsg_type = RTM_NEWLINKPROP;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
	nlh->nlmsg_seq = seq;
	ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_index = (int)ifindex;
	nest = mnl_attr_nest_start(nlh, IFLA_PROP_LIST);
	mnl_attr_put_strz(nlh, IFLA_ALT_IFNAME, altname);
	mnl_attr_nest_end(nlh, nest);

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
	r = (int)mnl_socket_recvfrom(nl, buf, sizeof(buf));
	if (r < 0) {
		r = -errno;
		goto out;
	}
	r = mnl_cb_run(buf, (size_t)r, seq, portid, NULL, NULL);
	r = r < 0 ? -errno : 0;
out:
	mnl_socket_close(nl);
	return r;
}

static int do_net(int add)
{
	const char *path = env_pcipath(), *entry = getenv("ID_PCI_PATH_ENTRY");
	const char *tag = getenv("ID_PCI_PATH_TAG"), *ifname_env = getenv("INTERFACE");
	const char *ifindex_env = getenv("IFINDEX");
	char ifname[IF_NAMESIZE], target[64], altname[PCIPATH_MAX_LEN + 16];
	unsigned ifindex;
	int r;

	if (!path || !entry || !entry_is_ours(entry) || streq(entry, "vfio")) {
		ERR("no valid ID_PCI_PATH / ID_PCI_PATH_ENTRY in the environment");
		return -EINVAL;
	}
	if (!add) {
		if (!ifname_env || strlen(ifname_env) >= IF_NAMESIZE ||
		    strchr(ifname_env, '/'))
			return remove_link(path, entry, NULL);
		snprintf(target, sizeof(target), "/sys/class/net/%s", ifname_env);
		return remove_link(path, entry, target);
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
	r = make_link(path, entry, target, net_in_use);

	if (tag && strspn(tag, "0123456789abcdefpcixv._-") == strlen(tag) && *tag) {
		int a;

		snprintf(altname, sizeof(altname), "pcipath-%s", tag);
		a = add_altname(ifindex, altname);
		if (a < 0 && a != -EEXIST) {
			ERR("%s: cannot add altname %s: %s", ifname, altname,
			    strerror(-a));
			r = r < 0 ? r : a;
		}
	}
	return r;
}

static int do_vfio(int add)
{
	const char *path = env_pcipath(), *devpath = getenv("DEVPATH");
	const char *driver = getenv("DRIVER");
	char p[PATH_MAX], grp[PATH_MAX], target[PATH_MAX],
		up[3 * (PCIPATH_MAX_HOPS + 2) + 1];
	const char *id, *s;
	struct stat st;
	unsigned depth = 1;

	if (!path) {
		ERR("no valid ID_PCI_PATH in the environment");
		return -EINVAL;
	}
	if (!add || !streq0(driver, "vfio-pci"))
		return remove_link(path, "vfio", NULL);
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
	for (s = path; *s; s++)
		depth += *s == '/';
	up[0] = '\0';
	for (unsigned i = 0; i <= depth; i++)
		strcat(up, "../");
	/* /dev/by-pcipath/<path>/vfio -> ../../vfio/N, relative as udev's links are */
	snprintf(target, sizeof(target), "%svfio/%s%.10s", up,
		 stat(p, &st) == 0 ? "noiommu-" : "", id);
	/* A function is in exactly one group: the group it is in now is the truth. */
	return make_link(path, "vfio", target, NULL);
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
	       "Keep /dev/by-pcipath links (and the pcipath-<tag> altname) of net "
	       "interfaces\n"
	       "and vfio groups. Run by udev (61-pcipath.rules) with the event's "
	       "properties\n"
	       "in the environment: SUBSYSTEM, ID_PCI_PATH, ID_PCI_PATH_ENTRY, IFINDEX, "
	       "...\n",
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
	if (!subsystem || (!streq(subsystem, "net") && !streq(subsystem, "pci"))) {
		ERR("SUBSYSTEM must be net or pci, not %s",
		    subsystem ? subsystem : "unset");
		return EXIT_FAILURE;
	}
	lock = lock_run();
	if (lock < 0) {
		ERR("cannot lock %s/lock: %s", LOCK_DIR, strerror(-lock));
		return EXIT_FAILURE;
	}
	r = streq(subsystem, "net") ? do_net(add) : do_vfio(add);
	close(lock);
	return r < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
