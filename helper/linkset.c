/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linkset.c - the links and altnames a device should have now, from its properties. */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "linkset.h"
#include "macro.h"
#include "path.h"

#define NAME_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:_.-"

/* One component of a name: the helper's alphabet, never "." or "..". */
static bool component_ok(const char *c, size_t l)
{
	if (l == 0 || l > 255 || (l == 1 && c[0] == '.') ||
	    (l == 2 && c[0] == '.' && c[1] == '.'))
		return false;
	for (size_t i = 0; i < l; i++)
		if (!strchr(NAME_CHARS, c[i]) || c[i] == '\0')
			return false;
	return true;
}

bool linkset_name_ours(const char *name)
{
	static const char *const roots[] = {"by-pcipath/", "by-pcilabel/",
					    "disk/by-pcilabel/"};
	const char *rest = NULL, *c;

	for (size_t i = 0; i < ARRAY_SIZE(roots) && !rest; i++)
		rest = startswith(name, roots[i]);
	if (!rest || strlen(name) >= LINKSET_NAME_MAX)
		return false;
	for (c = rest;; c += strcspn(c, "/") + 1) {
		if (!component_ok(c, strcspn(c, "/")))
			return false;
		if (!strchr(c, '/'))
			return true;
	}
}

bool linkset_net_entry(const char *entry)
{
	const char *p;
	unsigned u;

	if (!entry)
		return false;
	if (streq(entry, "net"))
		return true;
	p = startswith(entry, "net-port");
	return p && parse_uint(p, 65535, &u) == 0 && u > 0;
}

int linkset_add_link(struct linkset *s, const char *name, const char *target)
{
	struct linkset_link *l;

	if (s->n_links >= LINKSET_MAX_LINKS)
		return -ENOSPC;
	if (strlen(name) >= sizeof(l->name) || strlen(target) >= sizeof(l->target))
		return -ENAMETOOLONG;
	l = &s->links[s->n_links++];
	memcpy(l->name, name, strlen(name) + 1);
	memcpy(l->target, target, strlen(target) + 1);
	return 0;
}

int linkset_add_alt(struct linkset *s, const char *altname)
{
	if (s->n_alts >= LINKSET_MAX_ALTS)
		return -ENOSPC;
	if (strlen(altname) >= RTNL_ALTNAME_MAX)
		return -ENAMETOOLONG;
	memcpy(s->alts[s->n_alts++], altname, strlen(altname) + 1);
	return 0;
}

const struct linkset_link *linkset_find_link(const struct linkset *s, const char *name)
{
	for (unsigned i = 0; i < s->n_links; i++)
		if (streq(s->links[i].name, name))
			return &s->links[i];
	return NULL;
}

bool linkset_has_alt(const struct linkset *s, const char *altname)
{
	for (unsigned i = 0; i < s->n_alts; i++)
		if (streq(s->alts[i], altname))
			return true;
	return false;
}

/* A link name from parts, checked: it becomes directories under /dev. */
_printf_(2, 3) static int make_name(char buf[static LINKSET_NAME_MAX], const char *fmt,
				    ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(buf, LINKSET_NAME_MAX, fmt, ap);
	va_end(ap);
	if (r < 0 || r >= LINKSET_NAME_MAX)
		return -ENAMETOOLONG;
	return linkset_name_ours(buf) ? 0 : -EINVAL;
}

/* "../" once per directory of name: a target relative to /dev, as udev makes them. */
static int relative_to_dev(const char *name, const char *below_dev, char *buf,
			   size_t size)
{
	size_t len = 0, l = strlen(below_dev);

	for (const char *s = name; *s; s++) {
		if (*s != '/')
			continue;
		if (len + 3 >= size)
			return -ENAMETOOLONG;
		memcpy(buf + len, "../", 3);
		len += 3;
	}
	if (len + l >= size)
		return -ENAMETOOLONG;
	memcpy(buf + len, below_dev, l + 1);
	return 0;
}

/* Add name -> target (relative to /dev when rel) unless it cannot be named. */
static int want(struct linkset *s, const char *name, const char *target, bool rel)
{
	char t[LINKSET_TARGET_MAX];
	int r;

	if (!rel)
		return linkset_add_link(s, name, target);
	r = relative_to_dev(name, target, t, sizeof(t));
	return r < 0 ? r : linkset_add_link(s, name, t);
}

/* ID_PCI_PATH, only when it is canonical: it becomes directories. NULL when unset. */
static int canonical_path(const char *v, const char **ret)
{
	struct pci_path p;
	char canon[PCIPATH_MAX_LEN];

	*ret = NULL;
	if (!v || !*v)
		return 0;
	if (pcipath_parse(v, &p, NULL) < 0 ||
	    pcipath_format(&p, canon, sizeof(canon)) < 0 || !streq(canon, v))
		return -EINVAL;
	*ret = v;
	return 0;
}

int linkset_wanted(linkset_getprop_fn getprop, void *ud,
		   const struct linkset_facts *facts, struct linkset *out,
		   bool *bad_label, const char **reason)
{
	const char *subsystem = getprop(ud, "SUBSYSTEM"), *action = getprop(ud, "ACTION");
	const char *entry = getprop(ud, "ID_PCI_PATH_ENTRY"),
		   *tag = getprop(ud, "ID_PCI_PATH_TAG");
	const char *label = getprop(ud, "PCIPATH_LABEL"), *path, *node, *devname, *disk;
	char name[LINKSET_NAME_MAX], alt[RTNL_ALTNAME_MAX];
	int r = 0;

	memset(out, 0, sizeof(*out));
	*bad_label = false;
	*reason = NULL;
	/* Gone, opted out or ignored: nothing is wanted, whatever was made before. */
	if (streq0(action, "remove") ||
	    streq0(getprop(ud, "UDEV_DISABLE_PCIPATH_RULES_FLAG"), "1") ||
	    streq0(getprop(ud, "PCIPATH_IGNORE"), "1"))
		return 0;
	if (canonical_path(getprop(ud, "ID_PCI_PATH"), &path) < 0) {
		*reason = "no valid ID_PCI_PATH";
		return -EINVAL;
	}
	if (!path)
		return 0; /* no longer under a PCI function, if ever */
	if (label && *label && !pcipath_label_valid(label)) {
		*bad_label = true;
		label = NULL;
	} else if (label && !*label)
		label = NULL;

	if (streq0(subsystem, "net")) {
		if (!linkset_net_entry(entry)) {
			*reason = "no valid ID_PCI_PATH_ENTRY";
			return -EINVAL;
		}
		if (!facts->ifname)
			return 0; /* gone already: its remove event follows */
		snprintf(alt, sizeof(alt), "/sys/class/net/%s", facts->ifname);
		r = make_name(name, "by-pcipath/%s/%s", path, entry);
		if (r == 0)
			r = want(out, name, alt, false);
		if (r == 0 && label &&
		    make_name(name, "by-pcilabel/%s/%s", label, entry) == 0)
			r = want(out, name, alt, false);
		/* The tag is the path's: [0-9a-fpcixv._-] only, so a valid altname. */
		if (r == 0 && tag && *tag &&
		    strspn(tag, "0123456789abcdefpcixv._-") == strlen(tag) &&
		    snprintf(alt, sizeof(alt), "pcipath-%s", tag) < (int)sizeof(alt))
			r = linkset_add_alt(out, alt);
		/* The label as an altname, unless it is the interface's own name. */
		if (r == 0 && label && !streq(label, facts->ifname))
			r = linkset_add_alt(out, label);
		return r;
	}
	if (streq0(subsystem, "pci")) {
		if (!facts->vfio_group)
			return 0;
		snprintf(alt, sizeof(alt), "vfio/%s", facts->vfio_group);
		r = make_name(name, "by-pcipath/%s/vfio", path);
		if (r == 0)
			r = want(out, name, alt, true);
		if (r == 0 && label && make_name(name, "by-pcilabel/%s/vfio", label) == 0)
			r = want(out, name, alt, true);
		return r;
	}

	/* Nodes: udev links them by path itself; the label links are ours. */
	if (!label)
		return 0;
	devname = getprop(ud, "DEVNAME");
	node = devname ? startswith(devname, "/dev/") : NULL;
	if (!node || !*node || strstr(node, "..") || !entry ||
	    make_name(name, "by-pcilabel/%s/%s", label, entry) < 0) {
		*reason = "no valid ID_PCI_PATH_ENTRY / DEVNAME";
		return -EINVAL;
	}
	r = want(out, name, node, true);
	disk = getprop(ud, "ID_PCI_PATH_DISK");
	if (r == 0 && disk) {
		const char *suffix = startswith(disk, path);

		if (!suffix || (*suffix && *suffix != '-') ||
		    make_name(name, "disk/by-pcilabel/%s%s", label, suffix) < 0) {
			*reason = "ID_PCI_PATH_DISK does not extend ID_PCI_PATH";
			return -EINVAL;
		}
		r = want(out, name, node, true);
	}
	return r;
}
