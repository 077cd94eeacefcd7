/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linkdb.h - what pcipath_link made, per device, and who owns each link (in /run). */
#pragma once

#include <stdbool.h>

#include "linkset.h"

/*
 * Layout under /run/pcipath (pcipath_link(8)), in the shape of udev's own
 * /run/udev/data and /run/udev/links:
 *   lock                     flock()ed by every pcipath_link run, for its whole run
 *   db/<device id>           the record: what pcipath_link made for the device, one
 *                            "L <link below /dev> <target>" or "A <altname>" a line
 *   links/<link>/<device id> a claim on a link, a symlink to "o:<target>" (owner) or
 *                            "w:<target>" (waiting for the owner to let go); <link>
 *                            is the name below /dev with '/' as '!' ('#' and a hash
 *                            when longer than a file name may be)
 * A device id is udev's: b<maj>:<min>, c<maj>:<min>, n<ifindex>, +<subsystem>:<sysname>.
 */
#define LINKDB_DIR    "/run/pcipath"
#define LINKDB_ID_MAX 300

struct linkdb {
	int lock_fd, db_fd, links_fd, dev_fd;
};

/* Create what is missing, take the lock. Returns 0 or -errno. */
int linkdb_open(struct linkdb *db);
void linkdb_close(struct linkdb *db);

/* A device id from an event's properties (SUBSYSTEM, MAJOR, MINOR, IFINDEX, DEVPATH). */
int linkdb_device_id(const char *subsystem, const char *major, const char *minor,
		     const char *ifindex, const char *devpath, char *buf, size_t size);

/* The record of id (empty when none); entries that are not ours are dropped. */
int linkdb_record_read(struct linkdb *db, const char *id, struct linkset *s);
/* Replace the record of id, atomically; an empty set removes it. */
int linkdb_record_write(struct linkdb *db, const char *id, const struct linkset *s);

/*
 * Claim /dev/<name> -> target for id: it becomes id's when nobody else owns it.
 * Returns 1 when the link is id's (and made), 0 when another device owns it (*owner_target
 * says where it points), or -errno (an inode there that is no symlink: -EEXIST).
 */
int linkdb_claim(struct linkdb *db, const char *id, const char *name, const char *target,
		 char *owner_target, size_t size);

/*
 * Let go of /dev/<name>: when id owned it, it passes to the next claimant (the least
 * device id), or is removed with the directories it leaves empty, up to our root.
 */
int linkdb_release(struct linkdb *db, const char *id, const char *name,
		   const char *target);

/* Does id hold a claim on name, and does it own it? For pcipath wait. 1, 0 or -errno. */
int linkdb_link_state(const char *name, const char *id, bool *owned);

/*
 * Point /dev/<name> at target (atomically), or remove it and the directories it
 * leaves empty up to our root: dirfd-relative, never through a symlink, retrying a
 * few times when udevd removes a directory under us.
 */
int dev_link_set(int dev_fd, const char *name, const char *target);
int dev_link_remove(int dev_fd, const char *name, const char *target);
