/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* predict-libvirt.c - a libvirt domain XML into the predict model (libxml2). */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "macro.h"
#include "predict.h"

/*
 * What libvirt's dumpxml shows (docs/formatdomain.rst, src/conf/domain_addr.c):
 *   <controller type='pci' index='1' model='pcie-root-port'>
 *     <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>
 *   </controller>
 *   <disk ...><target dev='vda' bus='virtio'/>
 *     <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/></disk>
 * bus= is the index of a type='pci' controller; index 0 is the root (pci-root on pc,
 * pcie-root on q35 and virt). Expander buses start a root of their own, <target busNr=>.
 */

static const char *const bridge_models[] = {
	"pcie-root-port",    "pcie-switch-upstream-port", "pcie-switch-downstream-port",
	"dmi-to-pci-bridge", "pcie-to-pci-bridge",	  "pci-bridge",
};

static bool in(const char *s, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (streq0(s, v[i]))
			return true;
	return false;
}

/* An attribute as a C string (libxml2 strings are UTF-8 bytes); NULL when absent. */
static char *attr(xmlNode *n, const char *name)
{
	return n ? (char *)xmlGetProp(n, (const xmlChar *)name) : NULL;
}

static void xfree(char **p)
{
	xmlFree(*p);
}
#define _cleanup_xml_ _cleanup_(xfree)

static xmlNode *child(xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && streq((const char *)c->name, name))
			return c;
	return NULL;
}

/* The <address type='pci'> of an element (a direct child), or NULL. */
static xmlNode *pci_address(xmlNode *el)
{
	for (xmlNode *c = el->children; c; c = c->next) {
		_cleanup_xml_ char *type = NULL;

		if (c->type != XML_ELEMENT_NODE ||
		    !streq((const char *)c->name, "address"))
			continue;
		type = attr(c, "type");
		if (streq0(type, "pci"))
			return c;
	}
	return NULL;
}

/* A numeric attribute as libvirt reads it (base 0); absent is 0, as in libvirt. */
static int num_attr(struct predict_model *m, xmlNode *n, const char *name,
		    unsigned long max, unsigned long *ret)
{
	_cleanup_xml_ char *v = attr(n, name);
	int r;

	*ret = 0;
	if (!v)
		return 0;
	r = predict_parse_number(v, max, ret);
	if (r < 0)
		return predict_error(m, "line %d: %s='%.32s' is %s (0..%#lx)", n->line,
				     name, v,
				     r == -ERANGE ? "out of range" : "not a number", max);
	return 0;
}

/* The model: model='...' on the element, else <model type='...'/>, else target bus. */
static char *model_of(xmlNode *el)
{
	char *v = attr(el, "model");

	if (!v)
		v = attr(child(el, "model"), "type");
	if (!v)
		v = attr(child(el, "model"), "name");
	if (!v && streq((const char *)el->name, "disk"))
		v = attr(child(el, "target"), "bus");
	if (!v && streq((const char *)el->name, "hostdev"))
		v = attr(child(el, "driver"), "name");
	return v;
}

/* The --format=paths key of an element (pcipath(1)); n is its count among its name. */
static char *key_of(xmlNode *devices, xmlNode *el, unsigned n)
{
	const char *name = (const char *)el->name;
	char *key = NULL;
	int r = -1;

	if (streq(name, "controller")) {
		_cleanup_xml_ char *type = attr(el, "type"), *index = attr(el, "index"),
				   *model = attr(el, "model");
		unsigned same = 0;

		/* USB EHCI and its UHCI companions share type and index: add the model. */
		for (xmlNode *c = devices->children; c; c = c->next) {
			_cleanup_xml_ char *t = NULL, *i = NULL;

			if (c->type != XML_ELEMENT_NODE ||
			    !streq((const char *)c->name, "controller"))
				continue;
			t = attr(c, "type");
			i = attr(c, "index");
			same += streq0(t, type) && streq0(i, index);
		}
		if (type && index)
			r = same > 1 && model
				    ? asprintf(&key, "controller %s index=%s model=%s",
					       type, index, model)
				    : asprintf(&key, "controller %s index=%s", type,
					       index);
	} else if (streq(name, "disk")) {
		_cleanup_xml_ char *dev = attr(child(el, "target"), "dev");

		if (dev)
			r = asprintf(&key, "disk %s", dev);
	} else if (streq(name, "interface")) {
		_cleanup_xml_ char *mac = attr(child(el, "mac"), "address");

		if (mac) {
			for (char *p = mac; *p; p++)
				*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			r = asprintf(&key, "interface %s", mac);
		}
	} else if (streq(name, "hostdev")) {
		xmlNode *a = child(child(el, "source"), "address");
		_cleanup_xml_ char *d = attr(a, "domain"), *b = attr(a, "bus"),
				   *s = attr(a, "slot"), *f = attr(a, "function");
		unsigned long dv = 0, bv, sv, fv;

		if (b && s && f && (!d || predict_parse_number(d, 0xffff, &dv) == 0) &&
		    predict_parse_number(b, 0xff, &bv) == 0 &&
		    predict_parse_number(s, 0x1f, &sv) == 0 &&
		    predict_parse_number(f, 7, &fv) == 0)
			r = asprintf(&key, "hostdev %04lx:%02lx:%02lx.%lx", dv, bv, sv,
				     fv);
	} else if (streq(name, "filesystem")) {
		_cleanup_xml_ char *dir = attr(child(el, "target"), "dir");

		if (dir)
			r = asprintf(&key, "filesystem %s", dir);
	}
	if (r < 0)
		r = asprintf(&key, "%s %u", name, n);
	return r < 0 ? NULL : key;
}

/* A virtio-scsi LUN, linked once every controller is known. */
struct lun {
	unsigned long controller, bus, target, unit;
};

static int add_element(struct predict_model *m, xmlNode *devices, xmlNode *el, unsigned n,
		       struct lun *luns, unsigned *n_luns)
{
	const char *name = (const char *)el->name;
	xmlNode *a = pci_address(el);
	_cleanup_xml_ char *type = attr(el, "type"), *model = model_of(el);
	bool pci_ctrl = streq(name, "controller") && streq0(type, "pci");
	struct predict_dev *d;
	char num[16];
	int r;

	if (streq(name, "disk")) {
		_cleanup_xml_ char *bus = attr(child(el, "target"), "bus");
		xmlNode *da = child(el, "address");
		_cleanup_xml_ char *dtype = attr(da, "type");

		if (streq0(bus, "scsi") && streq0(dtype, "drive") && *n_luns < 1024) {
			struct lun *l = &luns[(*n_luns)++];

			if (num_attr(m, da, "controller", 0xffff, &l->controller) < 0 ||
			    num_attr(m, da, "bus", 0xffff, &l->bus) < 0 ||
			    num_attr(m, da, "target", 0xffff, &l->target) < 0 ||
			    num_attr(m, da, "unit", 0xffff, &l->unit) < 0)
				return -EINVAL;
		}
	}
	if (pci_ctrl && (streq0(model, "pci-root") || streq0(model, "pcie-root")))
		return 0;
	if (!a && !pci_ctrl)
		return 0;

	d = predict_add(m);
	if (!d)
		return -ENOMEM;
	d->key = key_of(devices, el, n);
	if (!d->key || predict_set(m, &d->driver, model) < 0)
		return predict_error(m, "out of memory");

	if (a) {
		unsigned long dom, bus, slot, fn;

		if (num_attr(m, a, "domain", 0xffffffff, &dom) < 0 ||
		    num_attr(m, a, "bus", 0xff, &bus) < 0 ||
		    num_attr(m, a, "slot", 0x1f, &slot) < 0 ||
		    num_attr(m, a, "function", 7, &fn) < 0)
			return -EINVAL;
		if (dom != 0)
			return predict_error(m,
					     "line %d: %s: domain %#lx (QEMU guests have "
					     "only domain 0)",
					     a->line, d->key, dom);
		d->devfn = (int)(slot << 3 | fn);
		snprintf(num, sizeof(num), "%lu", bus);
		if (predict_set(m, &d->bus, num) < 0)
			return -ENOMEM;
	}

	if (pci_ctrl) {
		_cleanup_xml_ char *index = attr(el, "index");
		unsigned long idx;

		if (!index || predict_parse_number(index, 0xff, &idx) < 0)
			return predict_error(
				m, "line %d: controller pci without a valid index",
				el->line);
		snprintf(num, sizeof(num), "%lu", idx);
		if (predict_set(m, &d->child, num) < 0)
			return -ENOMEM;
		if (streq0(model, "pcie-expander-bus") ||
		    streq0(model, "pci-expander-bus")) {
			unsigned long nr;
			xmlNode *t = child(el, "target");
			_cleanup_xml_ char *v = attr(t, "busNr");

			if (!v)
				return predict_error(m,
						     "line %d: %s has no <target busNr=>",
						     el->line, d->key);
			if (num_attr(m, t, "busNr", 0xff, &nr) < 0)
				return -EINVAL;
			d->role = PREDICT_EXPANDER;
			d->bus_nr = (int)nr;
			/* libvirt runs pci-expander-bus as QEMU's pxb: its bridge is a hop. */
			if (streq(model, "pci-expander-bus"))
				return predict_add_pxb_bridge(m, (size_t)(d - m->devs));
		} else if (in(model, bridge_models, ARRAY_SIZE(bridge_models))) {
			d->role = PREDICT_BRIDGE;
		} else {
			return predict_error(m,
					     "line %d: unknown pci controller model '%s'",
					     el->line, model ? model : "");
		}
		return 0;
	}

	if (streq(name, "disk")) {
		_cleanup_xml_ char *bus = attr(child(el, "target"), "bus");

		if (streq0(bus, "virtio"))
			return predict_add_disk(m, d, "");
	} else if (streq(name, "interface")) {
		d->nic = true;
	}
	(void)r;
	return 0;
}

static int link_luns(struct predict_model *m, xmlNode *devices, const struct lun *luns,
		     unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		char key[64], t[64];
		struct predict_dev *d;

		snprintf(key, sizeof(key), "controller scsi index=%lu",
			 luns[i].controller);
		d = predict_find_key(m, key);
		/* Only virtio-scsi: path_id's host number is 0 for its one SCSI host. */
		if (!d || !streq0(d->driver, "virtio-scsi"))
			continue;
		snprintf(t, sizeof(t), "-scsi-0:%lu:%lu:%lu", luns[i].bus, luns[i].target,
			 luns[i].unit);
		if (predict_add_disk(m, d, t) < 0)
			return -ENOMEM;
	}
	(void)devices;
	return 0;
}

static int parse_doc(struct predict_model *m, xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc), *devices;
	struct {
		const char *name;
		unsigned n;
	} counts[64];
	unsigned n_counts = 0, n_luns = 0;
	_cleanup_free_ struct lun *luns = calloc(1024, sizeof(*luns));
	int r;

	if (!luns)
		return predict_error(m, "out of memory");
	if (!root || !streq((const char *)root->name, "domain"))
		return predict_error(m, "not a libvirt domain XML (no <domain>)");
	devices = child(root, "devices");
	if (!devices)
		return predict_error(m, "no <devices> in the domain XML");

	m->n_roots = 0;
	m->roots[m->n_roots++] = "0";
	for (xmlNode *el = devices->children; el; el = el->next) {
		unsigned n = 0, i;

		if (el->type != XML_ELEMENT_NODE)
			continue;
		/* ELEMENT N counts every element of that name, PCI or not. */
		for (i = 0; i < n_counts; i++)
			if (streq(counts[i].name, (const char *)el->name))
				break;
		if (i == n_counts && n_counts < ARRAY_SIZE(counts))
			counts[n_counts++] =
				(typeof(counts[0])){(const char *)el->name, 0};
		if (i < n_counts)
			n = counts[i].n++;
		r = add_element(m, devices, el, n, luns, &n_luns);
		if (r < 0)
			return r;
	}
	return link_luns(m, devices, luns, n_luns);
}

int predict_parse_libvirt(struct predict_model *m, const char *buf, size_t len)
{
	xmlParserCtxt *ctxt;
	xmlDoc *doc;
	int r;

	if (len > 64 * 1024 * 1024)
		return predict_error(m, "the XML is larger than 64 MiB");
	ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return predict_error(m, "out of memory");
	/* No network, no entity expansion, no messages of libxml2's own on stderr. */
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, "domain.xml", NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR |
					XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char msg[160] = "";

		if (e && e->message) {
			snprintf(msg, sizeof(msg), "%s", e->message);
			msg[strcspn(msg, "\n")] = '\0';
		}
		r = predict_error(m, "invalid XML: line %d: %s", e ? e->line : 0,
				  msg[0] ? msg : "parse error");
		xmlFreeParserCtxt(ctxt);
		return r;
	}
	r = parse_doc(m, doc);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return r;
}
