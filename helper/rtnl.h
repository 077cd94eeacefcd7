/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rtnl.h - altnames of network interfaces over rtnetlink (pcipath_link, pcipath wait). */
#pragma once

/* ALTIFNAMSIZ: the kernel's limit for an altname, NUL included. */
#define RTNL_ALTNAME_MAX 128

/*
 * Which interface has the name (an altname, or the primary name: they share one
 * namespace). Returns 0 and *ifindex, -ENODEV when none has it, or another -errno.
 * if_nametoindex() cannot ask: altnames may be longer than IFNAMSIZ.
 */
int rtnl_name_owner(const char *name, unsigned *ifindex);

/* Give ifindex the altname: -EEXIST when any interface has that name already. */
int rtnl_altname_add(unsigned ifindex, const char *altname);

/* Take the altname from ifindex: -ENODEV / -ENOENT when it or the name is gone. */
int rtnl_altname_del(unsigned ifindex, const char *altname);
