/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linkdb.c - what pcipath_link made, per device, and who owns each link (in /run). */

/*
 * The shape of udev's devlink code (systemd src/udev/udev-node.c): a record per device
 * of what it was given, and per link a directory of claims, so that every event can
 * compute what the device should have now and take back what it no longer should, and
 * a contested link is settled by recorded owner, never by whether the old target still
 * exists (an interface that was renamed, a node number that was reused).
 *
 * One lock serialises every pcipath_link run, so the records and claims need no
 * finer locking. udevd itself does not take it: it makes and prunes directories under
 * /dev/by-pcipath for the nodes it links, hence the bounded retries below.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linkdb.h"
#include "macro.h"
#include "path.h"

/* How often a step is tried again when udevd removed a directory under us. */
#define DEV_RETRIES 8
/* Directories deep below /dev: our roots, a path of PCIPATH_MAX_HOPS, an entry. */
#define DEV_MAX_DEPTH (PCIPATH_MAX_HOPS + 4)
/* Records and claim directories are small: bounded reads. */
#define RECORD_MAX 16384
#define CLAIMS_MAX 1024

static int open_dir_at(int fd, const char *name, bool create)
{
	for (int tries = 0; tries < DEV_RETRIES; tries++) {
		int d = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

		if (d >= 0)
			return d;
		if (errno == ELOOP || errno == ENOTDIR)
			return -ENOTDIR; /* a symlink or a file in the way: not ours */
		if (errno != ENOENT || !create)
			return -errno;
		if (mkdirat(fd, name, 0755) < 0 && errno != EEXIST)
			return -errno;
	}
	return -ENOENT;
}

int linkdb_open(struct linkdb *db)
{
	int run, top, r;

	*db = (struct linkdb){-1, -1, -1, -1};
	run = open("/run", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (run < 0)
		return -errno;
	top = open_dir_at(run, "pcipath", true);
	close(run);
	if (top < 0)
		return top;
	db->lock_fd =
		openat(top, "lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (db->lock_fd < 0 || flock(db->lock_fd, LOCK_EX) < 0) {
		r = -errno;
		goto fail;
	}
	db->db_fd = open_dir_at(top, "db", true);
	db->links_fd = open_dir_at(top, "links", true);
	db->dev_fd = open("/dev", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	r = db->db_fd < 0 ? db->db_fd : db->links_fd < 0 ? db->links_fd : 0;
	if (r == 0 && db->dev_fd < 0)
		r = -errno;
	if (r < 0)
		goto fail;
	close(top);
	return 0;
fail:
	close(top);
	linkdb_close(db);
	return r;
}

void linkdb_close(struct linkdb *db)
{
	int *fds[] = {&db->db_fd, &db->links_fd, &db->dev_fd, &db->lock_fd};

	for (size_t i = 0; i < ARRAY_SIZE(fds); i++)
		if (*fds[i] >= 0) {
			close(*fds[i]);
			*fds[i] = -1;
		}
}

int linkdb_device_id(const char *subsystem, const char *major, const char *minor,
		     const char *ifindex, const char *devpath, char *buf, size_t size)
{
	unsigned ma, mi, idx;
	const char *sysname;
	int r;

	if (!subsystem || !*subsystem || strchr(subsystem, '/'))
		return -EINVAL;
	if (streq(subsystem, "net")) {
		if (!ifindex || parse_uint(ifindex, INT_MAX, &idx) < 0 || idx == 0)
			return -EINVAL;
		r = snprintf(buf, size, "n%u", idx);
	} else if (major && minor && parse_uint(major, 4095, &ma) == 0 &&
		   parse_uint(minor, 1048575, &mi) == 0 && (ma || mi)) {
		r = snprintf(buf, size, "%c%u:%u", streq(subsystem, "block") ? 'b' : 'c',
			     ma, mi);
	} else {
		sysname = devpath ? strrchr(devpath, '/') : NULL;
		if (!sysname || !sysname[1] || sysname[1] == '.')
			return -EINVAL;
		r = snprintf(buf, size, "+%s:%s", subsystem, sysname + 1);
	}
	return r < 0 || (size_t)r >= size ? -ENAMETOOLONG : 0;
}

/* ---- records ------------------------------------------------------------------------ */

int linkdb_record_read(struct linkdb *db, const char *id, struct linkset *s)
{
	char buf[RECORD_MAX + 1], *line, *save = NULL;
	ssize_t n;
	size_t len = 0;
	int fd;

	memset(s, 0, sizeof(*s));
	fd = openat(db->db_fd, id, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -errno;
	while (len < RECORD_MAX && (n = read(fd, buf + len, RECORD_MAX - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *name = line + 2, *target;

		if (line[0] == 'A' && line[1] == ' ')
			(void)linkset_add_alt(s, name);
		if (line[0] != 'L' || line[1] != ' ' || !(target = strchr(name, ' ')))
			continue;
		*target++ = '\0';
		/* A record names only what could be ours: never anything else in /dev. */
		if (linkset_name_ours(name) && !linkset_find_link(s, name))
			(void)linkset_add_link(s, name, target);
	}
	return 0;
}

int linkdb_record_write(struct linkdb *db, const char *id, const struct linkset *s)
{
	char tmp[LINKDB_ID_MAX + 8];
	FILE *f;
	int fd, r = 0;

	if (s->n_links == 0 && s->n_alts == 0) {
		if (unlinkat(db->db_fd, id, 0) < 0 && errno != ENOENT)
			return -errno;
		return 0;
	}
	snprintf(tmp, sizeof(tmp), ".#%s", id);
	fd = openat(db->db_fd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
		    0644);
	if (fd < 0)
		return -errno;
	f = fdopen(fd, "w");
	if (!f) {
		r = -errno;
		close(fd);
		goto out;
	}
	for (unsigned i = 0; i < s->n_links; i++)
		fprintf(f, "L %s %s\n", s->links[i].name, s->links[i].target);
	for (unsigned i = 0; i < s->n_alts; i++)
		fprintf(f, "A %s\n", s->alts[i]);
	if (fclose(f) != 0)
		r = -errno;
	if (r == 0 && renameat(db->db_fd, tmp, db->db_fd, id) < 0)
		r = -errno;
out:
	if (r < 0)
		(void)unlinkat(db->db_fd, tmp, 0);
	return r;
}

/* ---- /dev --------------------------------------------------------------------------- */

/* How many leading components of name are our root (by-pcipath: 1, disk/...: 2). */
static unsigned root_depth(const char *name)
{
	return startswith(name, "disk/") ? 2 : 1;
}

struct dev_walk {
	char buf[LINKSET_NAME_MAX];
	const char *comp[DEV_MAX_DEPTH];
	int fd[DEV_MAX_DEPTH]; /* fd[i]: the directory holding comp[i]; fd[0] is /dev */
	unsigned n;
};

static void walk_close(struct dev_walk *w)
{
	for (unsigned i = 1; i < w->n; i++)
		if (w->fd[i] >= 0)
			close(w->fd[i]);
	w->n = 0;
}

/* Open every directory of name from /dev down. The leaf is comp[n-1] in fd[n-1]. */
static int walk_open(int dev_fd, const char *name, bool create, struct dev_walk *w)
{
	char *c, *save = NULL;
	int r;

	if (!linkset_name_ours(name))
		return -EINVAL;
	memcpy(w->buf, name, strlen(name) + 1);
	w->n = 0;
	for (c = strtok_r(w->buf, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
		if (w->n >= DEV_MAX_DEPTH) {
			walk_close(w);
			return -E2BIG;
		}
		w->comp[w->n] = c;
		w->fd[w->n] = w->n == 0 ? dev_fd : -1;
		w->n++;
	}
	for (unsigned i = 1; i < w->n; i++) {
		r = open_dir_at(w->fd[i - 1], w->comp[i - 1], create);
		if (r < 0) {
			w->n = i;
			walk_close(w);
			return r;
		}
		w->fd[i] = r;
	}
	return 0;
}

/* Remove the directories of an opened walk that are empty, deepest first, to our root. */
static void walk_prune(struct dev_walk *w, const char *name)
{
	unsigned stop = root_depth(name);

	/* Each directory is removed from its parent's fd: no path is looked up again. */
	for (unsigned i = w->n - 1; i >= stop; i--)
		if (unlinkat(w->fd[i - 1], w->comp[i - 1], AT_REMOVEDIR) < 0)
			break; /* ENOTEMPTY: something else still lives there */
}

int dev_link_set(int dev_fd, const char *name, const char *target)
{
	struct dev_walk w;
	char old[LINKSET_TARGET_MAX], tmp[64];
	struct stat st;
	int r = -ENOENT;

	for (int tries = 0; tries < DEV_RETRIES && r == -ENOENT; tries++) {
		int fd;
		const char *leaf;
		ssize_t l;

		r = walk_open(dev_fd, name, true, &w);
		if (r < 0)
			continue;
		fd = w.fd[w.n - 1];
		leaf = w.comp[w.n - 1];
		if (fstatat(fd, leaf, &st, AT_SYMLINK_NOFOLLOW) == 0) {
			/* As udev: an inode that is not a symlink is someone else's. */
			if (!S_ISLNK(st.st_mode)) {
				walk_close(&w);
				return -EEXIST;
			}
			l = readlinkat(fd, leaf, old, sizeof(old) - 1);
			if (l >= 0 && (size_t)l == strlen(target) &&
			    memcmp(old, target, (size_t)l) == 0) {
				walk_close(&w);
				return 0;
			}
		}
		/* Atomically: a reader sees the old link or the new, never none. */
		snprintf(tmp, sizeof(tmp), ".#pcipath.%d", (int)getpid());
		(void)unlinkat(fd, tmp, 0);
		if (symlinkat(target, fd, tmp) < 0 || renameat(fd, tmp, fd, leaf) < 0) {
			r = -errno;
			(void)unlinkat(fd, tmp, 0);
		} else
			r = 0;
		walk_close(&w);
	}
	return r;
}

int dev_link_remove(int dev_fd, const char *name, const char *target)
{
	struct dev_walk w;
	char old[LINKSET_TARGET_MAX];
	struct stat st;
	ssize_t l;
	int r, fd;

	r = walk_open(dev_fd, name, false, &w);
	if (r < 0)
		return r == -ENOENT ? 0 : r;
	fd = w.fd[w.n - 1];
	if (fstatat(fd, w.comp[w.n - 1], &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(st.st_mode)) {
		l = readlinkat(fd, w.comp[w.n - 1], old, sizeof(old) - 1);
		old[l < 0 ? 0 : l] = '\0';
		if ((!target || streq(old, target)) &&
		    unlinkat(fd, w.comp[w.n - 1], 0) < 0 && errno != ENOENT)
			r = -errno;
	}
	walk_prune(&w, name);
	walk_close(&w);
	return r;
}

/* ---- claims ------------------------------------------------------------------------- */

/* The claim directory's name: the link with '/' as '!' (our alphabet has no '!'). */
static void claim_dir_name(const char *name, char buf[static NAME_MAX + 1])
{
	size_t l = strlen(name);
	uint64_t h = 14695981039346656037ULL;

	if (l < NAME_MAX) {
		for (size_t i = 0; i <= l; i++)
			buf[i] = name[i] == '/' ? '!' : name[i];
		return;
	}
	/* Too long for a file name (a deep path): FNV-1a, as udev hashes long names. */
	for (size_t i = 0; i < l; i++)
		h = (h ^ (unsigned char)name[i]) * 1099511628211ULL;
	snprintf(buf, NAME_MAX + 1, "#%016" PRIx64, h);
}

static int claim_read(int dfd, const char *id, char *kind, char *target, size_t size)
{
	char buf[LINKSET_TARGET_MAX + 3];
	ssize_t l = readlinkat(dfd, id, buf, sizeof(buf) - 1);

	if (l < 0)
		return -errno;
	buf[l] = '\0';
	if (l < 2 || (buf[0] != 'o' && buf[0] != 'w') || buf[1] != ':' ||
	    (size_t)l - 2 >= size)
		return -EBADMSG;
	*kind = buf[0];
	memcpy(target, buf + 2, (size_t)l - 1);
	return 0;
}

static int claim_write(int dfd, const char *id, char kind, const char *target)
{
	char buf[LINKSET_TARGET_MAX + 3], tmp[LINKDB_ID_MAX + 8];

	snprintf(buf, sizeof(buf), "%c:%s", kind, target);
	snprintf(tmp, sizeof(tmp), ".#%s", id);
	(void)unlinkat(dfd, tmp, 0);
	if (symlinkat(buf, dfd, tmp) < 0 || renameat(dfd, tmp, dfd, id) < 0) {
		int r = -errno;

		(void)unlinkat(dfd, tmp, 0);
		return r;
	}
	return 0;
}

/*
 * The owner among the claims (other than skip), or with next, the least device id
 * that is not skip. Returns 1 and its id and target, 0 when none.
 */
static int claims_find(int dfd, const char *skip, bool next, char *id, size_t id_size,
		       char *target, size_t size)
{
	DIR *d;
	struct dirent *de;
	char kind = 0,
	     t[LINKSET_TARGET_MAX]; /* set by claim_read(); gcc -O3 cannot tell */
	int found = 0, fd = dup(dfd);
	unsigned budget = CLAIMS_MAX;

	if (fd < 0 || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return -errno;
	}
	while ((de = readdir(d)) && budget-- > 0) {
		if (de->d_name[0] == '.' || streq(de->d_name, skip) ||
		    strlen(de->d_name) >= id_size ||
		    claim_read(dfd, de->d_name, &kind, t, sizeof(t)) < 0)
			continue;
		if (next ? found && strcmp(de->d_name, id) >= 0 : kind != 'o')
			continue;
		memcpy(id, de->d_name, strlen(de->d_name) + 1);
		snprintf(target, size, "%s", t);
		found = 1;
		if (!next)
			break;
	}
	closedir(d);
	return found;
}

int linkdb_claim(struct linkdb *db, const char *id, const char *name, const char *target,
		 char *owner_target, size_t size)
{
	char dir[NAME_MAX + 1], owner[LINKDB_ID_MAX];
	int dfd, r;

	claim_dir_name(name, dir);
	dfd = open_dir_at(db->links_fd, dir, true);
	if (dfd < 0)
		return dfd;
	r = claims_find(dfd, id, false, owner, sizeof(owner), owner_target, size);
	if (r > 0) {
		/* Owned by another device: wait our turn, visibly. */
		r = claim_write(dfd, id, 'w', target);
		close(dfd);
		return r < 0 ? r : 0;
	}
	if (r == 0)
		r = dev_link_set(db->dev_fd, name, target);
	if (r == 0)
		r = claim_write(dfd, id, 'o', target);
	else
		(void)unlinkat(dfd, id, 0); /* no claim on a link we could not make */
	close(dfd);
	if (r == 0)
		return 1;
	(void)unlinkat(db->links_fd, dir, AT_REMOVEDIR);
	return r;
}

int linkdb_release(struct linkdb *db, const char *id, const char *name,
		   const char *target)
{
	char dir[NAME_MAX + 1], next[LINKDB_ID_MAX], t[LINKSET_TARGET_MAX], kind = 0;
	int dfd, r = 0;

	claim_dir_name(name, dir);
	dfd = open_dir_at(db->links_fd, dir, false);
	if (dfd == -ENOENT) /* no claims at all: only a link to our own target goes */
		return dev_link_remove(db->dev_fd, name, target);
	if (dfd < 0)
		return dfd;
	if (claim_read(dfd, id, &kind, t, sizeof(t)) < 0)
		kind = 0;
	(void)unlinkat(dfd, id, 0);
	if (kind == 'o') {
		/* Ours: the next claimant gets it, or it goes. */
		r = claims_find(dfd, id, true, next, sizeof(next), t, sizeof(t));
		if (r > 0) {
			r = dev_link_set(db->dev_fd, name, t);
			if (r == 0)
				r = claim_write(dfd, next, 'o', t);
		} else if (r == 0)
			r = dev_link_remove(db->dev_fd, name, NULL);
	}
	close(dfd);
	(void)unlinkat(db->links_fd, dir, AT_REMOVEDIR); /* when it was the last claim */
	return r;
}

int linkdb_link_state(const char *name, const char *id, bool *owned)
{
	char dir[NAME_MAX + 1], path[PATH_MAX], t[LINKSET_TARGET_MAX], kind = 0;
	int dfd, r;

	claim_dir_name(name, dir);
	snprintf(path, sizeof(path), LINKDB_DIR "/links/%s", dir);
	dfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0)
		return errno == ENOENT ? 0 : -errno;
	r = claim_read(dfd, id, &kind, t, sizeof(t));
	close(dfd);
	if (r < 0)
		return r == -ENOENT ? 0 : r;
	*owned = kind == 'o';
	return 1;
}
