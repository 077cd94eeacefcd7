/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* predict-qemu.c - a QEMU command line into the predict model: words, -device, addr. */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "macro.h"
#include "predict.h"

/* ---- words, as a shell splits them -------------------------------------------------- */

struct words {
	char **v;
	size_t n, alloc;
};

static void words_free(struct words *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	memset(w, 0, sizeof(*w));
}

static int words_add(struct words *w, const char *s, size_t len)
{
	char *c;

	if (w->n == w->alloc) {
		size_t n = w->alloc ? w->alloc * 2 : 64;
		char **p = realloc(w->v, n * sizeof(*p));

		if (!p)
			return -ENOMEM;
		w->v = p;
		w->alloc = n;
	}
	c = strndup(s, len);
	if (!c)
		return -ENOMEM;
	w->v[w->n++] = c;
	return 0;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * The words of a command line as sh(1) splits them, without expansions: blanks
 * separate, backslash-newline joins lines, a backslash quotes the next character,
 * '...' is literal, "..." keeps \ only before $ ` " \ and newline, and # at the start
 * of a word comments out the rest of the line. That covers libvirt's .args files,
 * bash's printf %q and what people paste from scripts. /proc/PID/cmdline (NUL
 * separated) is taken word by word as it is.
 */
static int split_words(struct predict_model *m, const char *buf, size_t len,
		       struct words *w)
{
	_cleanup_free_ char *word = NULL;
	size_t wl = 0;
	bool in_word = false;
	int r;

	if (memchr(buf, '\0', len)) {
		for (size_t i = 0; i < len;) {
			size_t l = strnlen(buf + i, len - i);

			if (l > 0 && words_add(w, buf + i, l) < 0)
				return predict_error(m, "out of memory"), -ENOMEM;
			i += l + 1;
		}
		return 0;
	}

	/* A word is never longer than the input. */
	word = malloc(len + 1);
	if (!word)
		return predict_error(m, "out of memory"), -ENOMEM;

	for (size_t i = 0; i < len; i++) {
		char c = buf[i];

		if (c == '\\') {
			if (i + 1 >= len) {
				word[wl++] = c;
				in_word = true;
			} else if (buf[i + 1] == '\n') {
				i++;
			} else {
				word[wl++] = buf[++i];
				in_word = true;
			}
		} else if (c == '\'') {
			const char *end = memchr(buf + i + 1, '\'', len - i - 1);

			if (!end)
				return predict_error(m, "unterminated ' quote");
			memcpy(word + wl, buf + i + 1, (size_t)(end - buf - i - 1));
			wl += (size_t)(end - buf - i - 1);
			i = (size_t)(end - buf);
			in_word = true;
		} else if (c == '"') {
			for (i++; i < len && buf[i] != '"'; i++) {
				if (buf[i] == '\\' && i + 1 < len &&
				    strchr("$`\"\\\n", buf[i + 1])) {
					if (buf[++i] == '\n')
						continue;
				}
				word[wl++] = buf[i];
			}
			if (i >= len)
				return predict_error(m, "unterminated \" quote");
			in_word = true;
		} else if (blank(c)) {
			if (in_word) {
				r = words_add(w, word, wl);
				if (r < 0)
					return predict_error(m, "out of memory"), r;
			}
			wl = 0;
			in_word = false;
		} else if (c == '#' && !in_word) {
			while (i + 1 < len && buf[i + 1] != '\n')
				i++;
		} else {
			word[wl++] = c;
			in_word = true;
		}
	}
	if (in_word && words_add(w, word, wl) < 0)
		return predict_error(m, "out of memory"), -ENOMEM;
	return 0;
}

/* ---- -device options ---------------------------------------------------------------- */

#define QOPTS_MAX 128

struct qopts {
	char *key[QOPTS_MAX], *val[QOPTS_MAX];
	bool num[QOPTS_MAX]; /* JSON: a number, not a string */
	unsigned n;
};

static void qopts_free(struct qopts *o)
{
	for (unsigned i = 0; i < o->n; i++) {
		free(o->key[i]);
		free(o->val[i]);
	}
	o->n = 0;
}

static int qopts_add(struct predict_model *m, struct qopts *o, const char *key, size_t kl,
		     const char *val, size_t vl, bool num)
{
	if (o->n >= QOPTS_MAX)
		return predict_error(m, "-device with more than %d options", QOPTS_MAX);
	o->key[o->n] = strndup(key, kl);
	o->val[o->n] = strndup(val, vl);
	o->num[o->n] = num;
	o->n++;
	if (!o->key[o->n - 1] || !o->val[o->n - 1])
		return predict_error(m, "out of memory"), -ENOMEM;
	return 0;
}

/* The last value given for a key (QemuOpts: a repeated key overrides). */
static const char *qopt(const struct qopts *o, const char *key, bool *num)
{
	for (unsigned i = o->n; i > 0; i--)
		if (streq(o->key[i - 1], key)) {
			if (num)
				*num = o->num[i - 1];
			return o->val[i - 1];
		}
	return NULL;
}

/*
 * The legacy syntax, as QemuOpts reads it: "driver,key=val,flag", ",," is a literal
 * comma; the first element without '=' is the driver; a bare key means key=on.
 */
static int parse_legacy(struct predict_model *m, const char *s, struct qopts *o)
{
	size_t len = strlen(s);
	_cleanup_free_ char *elem = malloc(len + 1);
	bool first = true;

	if (!elem)
		return predict_error(m, "out of memory"), -ENOMEM;
	for (size_t i = 0; i <= len;) {
		size_t el = 0;
		char *eq;
		int r;

		for (; i < len; i++) {
			if (s[i] == ',' && s[i + 1] == ',') {
				elem[el++] = ',';
				i++;
			} else if (s[i] == ',') {
				break;
			} else {
				elem[el++] = s[i];
			}
		}
		i++;
		elem[el] = '\0';
		eq = strchr(elem, '=');
		if (el == 0)
			r = 0;
		else if (first && !eq)
			r = qopts_add(m, o, "driver", 6, elem, el, false);
		else if (!eq)
			r = qopts_add(m, o, elem, el, "on", 2, false);
		else
			r = qopts_add(m, o, elem, (size_t)(eq - elem), eq + 1,
				      el - (size_t)(eq - elem) - 1, false);
		if (r < 0)
			return r;
		first = false;
	}
	return 0;
}

/* The JSON syntax (-device '{"driver":...}'), what libvirt writes since 7.x. */
static int parse_json(struct predict_model *m, const char *s, struct qopts *o)
{
	struct json_tokener *tok = json_tokener_new();
	json_object *obj;
	int r = 0;

	if (!tok)
		return predict_error(m, "out of memory"), -ENOMEM;
	obj = json_tokener_parse_ex(tok, s, (int)strlen(s));
	if (!obj || json_tokener_get_error(tok) != json_tokener_success ||
	    json_tokener_get_parse_end(tok) != strlen(s)) {
		enum json_tokener_error e = json_tokener_get_error(tok);

		r = predict_error(m, "-device: invalid JSON: %s",
				  e == json_tokener_continue ? "unexpected end of input"
				  : e == json_tokener_success
					  ? "data after the object"
					  : json_tokener_error_desc(e));
		goto out;
	}
	if (!json_object_is_type(obj, json_type_object)) {
		r = predict_error(m, "-device: JSON must be an object");
		goto out;
	}
	json_object_object_foreach(obj, key, val)
	{
		char num[32];
		const char *v = NULL;
		bool isnum = false;

		switch (json_object_get_type(val)) {
		case json_type_string:
			v = json_object_get_string(val);
			break;
		case json_type_int:
			snprintf(num, sizeof(num), "%" PRId64,
				 json_object_get_int64(val));
			v = num;
			isnum = true;
			break;
		case json_type_boolean:
			v = json_object_get_boolean(val) ? "on" : "off";
			break;
		default:
			/* Objects, arrays, null, doubles: no property we read is one. */
			continue;
		}
		r = qopts_add(m, o, key, strlen(key), v, strlen(v), isnum);
		if (r < 0)
			break;
	}
out:
	json_object_put(obj);
	json_tokener_free(tok);
	return r;
}

/* ---- what the drivers are ----------------------------------------------------------- */

enum qkind {
	Q_OTHER,    /* not (known to be) a PCI function */
	Q_PCI,	    /* a PCI endpoint */
	Q_BRIDGE,   /* its bus, named by its id, holds PCI functions */
	Q_EXPANDER, /* pxb: a new root bus pci0000:<bus_nr>, named by its id */
	Q_VIRTIO_BLK,
	Q_VIRTIO_SCSI,
	Q_NVME,
	Q_NIC,
	Q_SCSI_DISK, /* a LUN on a SCSI bus ("<hba id>.0") */
	Q_NVME_NS,   /* a namespace on an NVMe controller's bus ("<nvme id>") */
};

static const struct {
	const char *driver;
	enum qkind kind;
} drivers[] = {
	/* Bridges and ports: the secondary bus is named by the device's id. */
	{"pcie-root-port", Q_BRIDGE},
	{"ioh3420", Q_BRIDGE},
	{"x3130-upstream", Q_BRIDGE},
	{"xio3130-downstream", Q_BRIDGE},
	{"pci-bridge", Q_BRIDGE},
	{"pci-bridge-seat", Q_BRIDGE},
	{"pcie-pci-bridge", Q_BRIDGE},
	{"i82801b11-bridge", Q_BRIDGE}, /* libvirt's dmi-to-pci-bridge */
	{"dec-21154-p2p-bridge", Q_BRIDGE},
	{"cxl-rp", Q_BRIDGE},
	{"cxl-upstream", Q_BRIDGE},
	{"cxl-downstream", Q_BRIDGE},
	{"pxb", Q_EXPANDER},
	{"pxb-pcie", Q_EXPANDER},
	{"pxb-cxl", Q_EXPANDER},
	/* Storage with links the configuration fixes (SPEC 3). */
	{"virtio-blk-pci", Q_VIRTIO_BLK},
	{"virtio-blk-pci-transitional", Q_VIRTIO_BLK},
	{"virtio-blk-pci-non-transitional", Q_VIRTIO_BLK},
	{"virtio-blk", Q_VIRTIO_BLK}, /* QEMU's alias on PCI machines */
	{"virtio-scsi-pci", Q_VIRTIO_SCSI},
	{"virtio-scsi-pci-transitional", Q_VIRTIO_SCSI},
	{"virtio-scsi-pci-non-transitional", Q_VIRTIO_SCSI},
	{"virtio-scsi", Q_VIRTIO_SCSI},
	{"nvme", Q_NVME},
	{"scsi-hd", Q_SCSI_DISK},
	{"scsi-cd", Q_SCSI_DISK},
	{"scsi-block", Q_SCSI_DISK},
	{"nvme-ns", Q_NVME_NS},
	/* NICs. */
	{"virtio-net-pci", Q_NIC},
	{"virtio-net-pci-transitional", Q_NIC},
	{"virtio-net-pci-non-transitional", Q_NIC},
	{"virtio-net", Q_NIC},
	{"e1000", Q_NIC},
	{"e1000-82544gc", Q_NIC},
	{"e1000-82545em", Q_NIC},
	{"e1000e", Q_NIC},
	{"igb", Q_NIC},
	{"rtl8139", Q_NIC},
	{"vmxnet3", Q_NIC},
	{"ne2k_pci", Q_NIC},
	{"pcnet", Q_NIC},
	{"i82550", Q_NIC},
	{"i82551", Q_NIC},
	{"i82557a", Q_NIC},
	{"i82557b", Q_NIC},
	{"i82557c", Q_NIC},
	{"i82558a", Q_NIC},
	{"i82558b", Q_NIC},
	{"i82559a", Q_NIC},
	{"i82559b", Q_NIC},
	{"i82559c", Q_NIC},
	{"i82559er", Q_NIC},
	{"i82562", Q_NIC},
	{"i82801", Q_NIC},
	{"tulip", Q_NIC},
	/* Other PCI endpoints whose names don't say so ("*-pci" are matched by name). */
	{"virtio-9p", Q_PCI},
	{"virtio-balloon", Q_PCI},
	{"virtio-gpu", Q_PCI},
	{"virtio-input-host", Q_PCI},
	{"virtio-keyboard", Q_PCI},
	{"virtio-mouse", Q_PCI},
	{"virtio-tablet", Q_PCI},
	{"virtio-rng", Q_PCI},
	{"virtio-serial", Q_PCI},
	{"virtio-vga", Q_PCI},
	{"qemu-xhci", Q_PCI},
	{"nec-usb-xhci", Q_PCI},
	{"usb-ehci", Q_PCI},
	{"ich9-usb-ehci1", Q_PCI},
	{"ich9-usb-ehci2", Q_PCI},
	{"ich9-usb-uhci1", Q_PCI},
	{"ich9-usb-uhci2", Q_PCI},
	{"ich9-usb-uhci3", Q_PCI},
	{"ich9-usb-uhci4", Q_PCI},
	{"ich9-usb-uhci5", Q_PCI},
	{"ich9-usb-uhci6", Q_PCI},
	{"piix3-usb-uhci", Q_PCI},
	{"piix4-usb-uhci", Q_PCI},
	{"pci-ohci", Q_PCI},
	{"ich9-ahci", Q_PCI},
	{"ahci", Q_PCI},
	{"megasas", Q_PCI},
	{"megasas-gen2", Q_PCI},
	{"lsi53c895a", Q_PCI},
	{"lsi53c810", Q_PCI},
	{"mptsas1068", Q_PCI},
	{"am53c974", Q_PCI},
	{"dc390", Q_PCI},
	{"pvscsi", Q_PCI},
	{"bochs-display", Q_PCI},
	{"VGA", Q_PCI},
	{"secondary-vga", Q_PCI},
	{"cirrus-vga", Q_PCI},
	{"qxl", Q_PCI},
	{"qxl-vga", Q_PCI},
	{"vmware-svga", Q_PCI},
	{"ati-vga", Q_PCI},
	{"intel-hda", Q_PCI},
	{"ich9-intel-hda", Q_PCI},
	{"AC97", Q_PCI},
	{"ES1370", Q_PCI},
	{"pci-serial", Q_PCI},
	{"pci-serial-2x", Q_PCI},
	{"pci-serial-4x", Q_PCI},
	{"pci-testdev", Q_PCI},
	{"ivshmem-plain", Q_PCI},
	{"ivshmem-doorbell", Q_PCI},
	{"vfio-pci", Q_PCI},
	{"vfio-pci-nohotplug", Q_PCI},
	{"edu", Q_PCI},
	{"i6300esb", Q_PCI},
	{"sdhci-pci", Q_PCI},
};

static enum qkind kind_of(const char *driver)
{
	size_t l = strlen(driver);

	for (size_t i = 0; i < ARRAY_SIZE(drivers); i++)
		if (streq(drivers[i].driver, driver))
			return drivers[i].kind;
	/* virtio-*-pci, virtio-*-pci-non-transitional, virtio-9p-pci, pvpanic-pci, ... */
	if ((l > 4 && streq(driver + l - 4, "-pci")) || strstr(driver, "-pci-"))
		return Q_PCI;
	return Q_OTHER;
}

static bool is_pci_kind(enum qkind k)
{
	return k != Q_OTHER && k != Q_SCSI_DISK && k != Q_NVME_NS;
}

/* QEMU's id_wellformed(): a letter, then letters, digits, '-', '.', '_'. */
static bool id_valid(const char *id)
{
	if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z')))
		return false;
	return strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			  "0123456789-._") == strlen(id);
}

/* Buses the machine itself makes, holding no PCI function we predict. */
static bool builtin_bus(const char *bus)
{
	static const char *const prefixes[] = {"ide.", "isa.", "usb-bus.",
					       "virtio-mmio-bus."};
	const char *p;

	for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++)
		if ((p = startswith(bus, prefixes[i])) && *p &&
		    strspn(p, "0123456789") == strlen(p))
			return true;
	return streq(bus, "main-system-bus");
}

/* One -device, parsed. */
struct qdev {
	struct qopts o;
	const char *driver, *id, *bus;
	enum qkind kind;
	bool added; /* a PCI function of the model */
};

static int device_opts(struct predict_model *m, const char *spec, struct qdev *q)
{
	int r;

	memset(q, 0, sizeof(*q));
	r = spec[0] == '{' ? parse_json(m, spec, &q->o) : parse_legacy(m, spec, &q->o);
	if (r < 0)
		return r;
	q->driver = qopt(&q->o, "driver", NULL);
	if (!q->driver || !*q->driver)
		return predict_error(m, "-device %.64s: no driver", spec);
	q->id = qopt(&q->o, "id", NULL);
	if (q->id && !id_valid(q->id))
		return predict_error(m, "-device %s: invalid id '%.64s'", q->driver,
				     q->id);
	q->bus = qopt(&q->o, "bus", NULL);
	q->kind = kind_of(q->driver);
	return 0;
}

/* An integer option (channel, scsi-id, lun, nsid, bus_nr) as QEMU reads it. */
static int qopt_uint(const struct qdev *q, const char *key, unsigned long max,
		     unsigned long *ret)
{
	const char *v = qopt(&q->o, key, NULL);

	if (!v)
		return -ENOENT;
	return predict_parse_number(v, max, ret);
}

/* The device whose child bus is named bus ("scsi0.0" -> scsi0, "nvme0" -> nvme0). */
static const struct qdev *owner_of(const struct qdev *qs, size_t n, const char *bus)
{
	const char *dot = strrchr(bus, '.');
	size_t l = dot && dot[1] && strspn(dot + 1, "0123456789") == strlen(dot + 1)
			   ? (size_t)(dot - bus)
			   : strlen(bus);

	for (size_t i = 0; i < n; i++)
		if (qs[i].id && strlen(qs[i].id) == l && strncmp(qs[i].id, bus, l) == 0)
			return &qs[i];
	return NULL;
}

/* A disk on a child bus: the transport its links get, or a warning. */
static int child_link(struct predict_model *m, const struct qdev *qs, size_t n,
		      const struct qdev *q)
{
	const struct qdev *hba;
	struct predict_dev *d;
	unsigned long ch = 0, target, lun;
	char t[64];

	if (!q->bus) {
		predict_warn(m,
			     "%s%s%s has no bus=: QEMU picks its controller, no link "
			     "predicted",
			     q->driver, q->id ? " " : "", q->id ? q->id : "");
		return 0;
	}
	hba = owner_of(qs, n, q->bus);
	if (!hba)
		return predict_error(m, "%s%s%s: unknown bus '%s'", q->driver,
				     q->id ? " " : "", q->id ? q->id : "", q->bus);
	d = predict_find_key(m, hba->id);
	if (!d)
		return 0; /* a controller that is not a PCI function we name */
	if (q->kind == Q_SCSI_DISK && hba->kind == Q_VIRTIO_SCSI) {
		if (qopt_uint(q, "channel", 0xffff, &ch) == -EINVAL ||
		    qopt_uint(q, "scsi-id", 0xffff, &target) == -EINVAL ||
		    qopt_uint(q, "lun", 0xffff, &lun) == -EINVAL)
			return predict_error(m, "%s on %s: bad channel, scsi-id or lun",
					     q->driver, q->bus);
		if (qopt_uint(q, "scsi-id", 0xffff, &target) < 0 ||
		    qopt_uint(q, "lun", 0xffff, &lun) < 0) {
			predict_warn(m,
				     "%s on %s: no scsi-id or lun, QEMU picks them; no "
				     "link predicted",
				     q->driver, q->bus);
			return 0;
		}
		/* path_id: host 0 (the first SCSI host of the function), then C:T:L. */
		snprintf(t, sizeof(t), "-scsi-0:%lu:%lu:%lu", ch, target, lun);
		return predict_add_disk(m, d, t);
	}
	if (q->kind == Q_NVME_NS && hba->kind == Q_NVME) {
		unsigned long nsid;
		int r = qopt_uint(q, "nsid", 0xffffffffUL, &nsid);

		if (r == -EINVAL || r == -ERANGE)
			return predict_error(m, "nvme-ns on %s: bad nsid", q->bus);
		if (r < 0 || nsid == 0) {
			predict_warn(m,
				     "nvme-ns on %s: no nsid, QEMU picks it; no link "
				     "predicted",
				     q->bus);
			return 0;
		}
		snprintf(t, sizeof(t), "-nvme-%lu", nsid);
		return predict_add_disk(m, d, t);
	}
	return 0;
}

/* Which names the machine gives its root bus (hw/pci-host: q35, i440fx, gpex). */
static void set_roots(struct predict_model *m, const char *machine)
{
	m->n_roots = 0;
	if (machine && (startswith(machine, "q35") || startswith(machine, "pc-q35") ||
			startswith(machine, "virt") || startswith(machine, "microvm"))) {
		m->roots[m->n_roots++] = "pcie.0";
	} else if (machine && (streq(machine, "pc") || startswith(machine, "pc-i440fx") ||
			       startswith(machine, "pc-"))) {
		m->roots[m->n_roots++] = "pci.0";
	} else {
		/* No -machine, or one we don't know: either name is the root bus. */
		m->roots[m->n_roots++] = "pcie.0";
		m->roots[m->n_roots++] = "pci.0";
	}
}

/* -machine q35,accel=tcg / -machine accel=tcg,type=pc-q35-8.0 -> the type. */
static char *machine_type(const char *spec)
{
	size_t first = strcspn(spec, ",");
	const char *p;

	/* QemuOpts: a first element without '=' is the implied "type". */
	if (!memchr(spec, '=', first))
		return strndup(spec, first);
	for (p = spec; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (startswith(p, "type="))
			return strndup(p + 5, strcspn(p + 5, ","));
	return NULL;
}

static int add_function(struct predict_model *m, const struct qdev *q)
{
	struct predict_dev *d;
	const char *addr;
	bool num = false;

	d = predict_add(m);
	if (!d)
		return -ENOMEM;
	if (predict_set(m, &d->key, q->id) < 0 ||
	    predict_set(m, &d->driver, q->driver) < 0 ||
	    predict_set(m, &d->bus, q->bus ? q->bus : m->roots[0]) < 0)
		return -ENOMEM;

	addr = qopt(&q->o, "addr", &num);
	if (addr && num) {
		/* A JSON number is the devfn itself; -1 means "QEMU picks". */
		unsigned long v;
		bool neg = addr[0] == '-';

		if (neg ? !streq(addr, "-1")
			: predict_parse_number(addr, 255, &v) < 0 ||
				    (addr[0] == '0' && addr[1]))
			return predict_error(m, "%s%s%s: addr %s is not a devfn (0..255)",
					     q->driver, q->id ? " " : "",
					     q->id ? q->id : "", addr);
		d->devfn = neg ? -1 : (int)v;
	} else if (addr) {
		int r = predict_parse_addr(addr);

		if (r == -ERANGE)
			return predict_error(m,
					     "%s%s%s: addr %s out of range (slot 00..1f, "
					     "function 0..7)",
					     q->driver, q->id ? " " : "",
					     q->id ? q->id : "", addr);
		if (r < 0)
			return predict_error(m, "%s%s%s: invalid addr '%s'", q->driver,
					     q->id ? " " : "", q->id ? q->id : "", addr);
		d->devfn = r;
	}

	switch (q->kind) {
	case Q_BRIDGE:
		d->role = PREDICT_BRIDGE;
		return predict_set(m, &d->child, q->id);
	case Q_EXPANDER: {
		unsigned long nr;
		int r = qopt_uint(q, "bus_nr", 255, &nr);

		if (r < 0)
			return predict_error(m, "%s%s%s: %s bus_nr (0..255)", q->driver,
					     q->id ? " " : "", q->id ? q->id : "",
					     r == -ENOENT ? "no" : "invalid");
		d->role = PREDICT_EXPANDER;
		d->bus_nr = (int)nr;
		r = predict_set(m, &d->child, q->id);
		if (r >= 0 && streq(q->driver, "pxb"))
			r = predict_add_pxb_bridge(m, (size_t)(d - m->devs));
		return r;
	}
	case Q_VIRTIO_BLK:
		return predict_add_disk(m, d, "");
	case Q_NVME:
		/* The old single-namespace form: -device nvme,drive=X is namespace 1. */
		return qopt(&q->o, "drive", NULL) ? predict_add_disk(m, d, "-nvme-1") : 0;
	case Q_NIC:
		d->nic = true;
		return 0;
	default:
		return 0;
	}
}

/* Is the bus a device names a PCI bus (a root, a bridge's or an expander's)? */
static bool pci_bus(const struct predict_model *m, const struct qdev *qs, size_t n,
		    const char *bus)
{
	if (predict_is_root(m, bus))
		return true;
	for (size_t i = 0; i < n; i++)
		if (streq0(qs[i].id, bus) &&
		    (qs[i].kind == Q_BRIDGE || qs[i].kind == Q_EXPANDER))
			return true;
	return false;
}

static int parse_devices(struct predict_model *m, struct qdev *qs, size_t n)
{
	int r;

	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; qs[i].id && j < n; j++)
			if (streq0(qs[i].id, qs[j].id))
				return predict_error(m, "two devices with id '%s'",
						     qs[i].id);

	/* PCI functions first: children name their controller by id. */
	for (size_t i = 0; i < n; i++) {
		struct qdev *q = &qs[i];
		bool pci;

		if (streq(q->driver, "help") || streq(q->driver, "?"))
			continue;
		if (q->bus)
			pci = pci_bus(m, qs, n, q->bus) ||
			      (is_pci_kind(q->kind) && !owner_of(qs, n, q->bus));
		else
			pci = is_pci_kind(q->kind) || qopt(&q->o, "addr", NULL);
		if (pci) {
			r = add_function(m, q);
			if (r < 0)
				return r;
			q->added = true;
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct qdev *q = &qs[i];

		if (q->added)
			continue;
		if (q->kind == Q_SCSI_DISK || q->kind == Q_NVME_NS) {
			r = child_link(m, qs, n, q);
			if (r < 0)
				return r;
		} else if (q->bus && !pci_bus(m, qs, n, q->bus) &&
			   !owner_of(qs, n, q->bus) && !builtin_bus(q->bus)) {
			return predict_error(m, "%s%s%s: unknown bus '%s'", q->driver,
					     q->id ? " " : "", q->id ? q->id : "",
					     q->bus);
		}
	}
	return 0;
}

int predict_parse_qemu(struct predict_model *m, const char *buf, size_t len)
{
	struct words w = {};
	struct qdev *qs = NULL;
	size_t n = 0;
	_cleanup_free_ char *machine = NULL;
	int r;

	r = split_words(m, buf, len, &w);
	if (r < 0)
		goto out;

	qs = calloc(w.n / 2 + 1, sizeof(*qs));
	if (!qs) {
		r = predict_error(m, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < w.n; i++) {
		const char *opt = w.v[i];

		/* QEMU takes -opt and --opt alike. */
		if (opt[0] == '-' && opt[1] == '-')
			opt++;
		if (streq(opt, "-machine") || streq(opt, "-M")) {
			if (i + 1 >= w.n) {
				r = predict_error(m, "%s without a value", w.v[i]);
				goto out;
			}
			free(machine);
			machine = machine_type(w.v[++i]);
		} else if (streq(opt, "-device")) {
			if (i + 1 >= w.n) {
				r = predict_error(m, "-device without a value");
				goto out;
			}
			if (n >= PREDICT_MAX_DEVS) {
				r = predict_error(m, "more than %d -device",
						  PREDICT_MAX_DEVS);
				goto out;
			}
			r = device_opts(m, w.v[++i], &qs[n++]);
			if (r < 0)
				goto out;
		} else if (streq(opt, "-drive") && i + 1 < w.n) {
			const char *v = w.v[++i];

			if (strstr(v, "if=virtio"))
				predict_warn(
					m,
					"-drive %.64s: QEMU picks its slot, not "
					"predicted (use -device virtio-blk-pci,addr=)",
					v);
		} else if (streq(opt, "-nic") && i + 1 < w.n) {
			predict_warn(
				m,
				"-nic %.64s: QEMU picks its slot, not predicted (use "
				"-device ...,addr=)",
				w.v[++i]);
		}
	}
	set_roots(m, machine);
	r = parse_devices(m, qs, n);
out:
	for (size_t i = 0; i < n; i++)
		qopts_free(&qs[i].o);
	free(qs);
	words_free(&w);
	return r;
}
