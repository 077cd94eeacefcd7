/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* predict-qmp.c - a QMP query-pci reply into the predict model (json-c). */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "macro.h"
#include "predict.h"

/*
 * query-pci (qapi/pci.json) lists each root bus with its devices; a bridge's devices
 * are nested under "pci_bridge": {"bus": {...}, "devices": [...]}:
 *   {"return": [{"bus": 0, "devices": [{"bus": 0, "slot": 2, "function": 0,
 *      "class_info": {"class": 1540}, "id": {"vendor": 6966, "device": 12},
 *      "qdev_id": "rp2", "pci_bridge": {"bus": {"number": 1, ...},
 *      "devices": [...]}}, ...]}, {"bus": 32, "devices": [...]}]}
 * The root bus numbers are the host's (0, a pxb's bus_nr); the others are the guest's,
 * and we never use them: the nesting is the route.
 */

#define QMP_MAX_DEPTH (PCIPATH_MAX_HOPS + 1)

static bool get_int(json_object *o, const char *key, int64_t min, int64_t max,
		    int64_t *ret)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_int))
		return false;
	*ret = json_object_get_int64(v);
	return *ret >= min && *ret <= max;
}

/* Network controllers (class 0x02xx) get a net link; virtio-blk (1af4:1001, 1af4:1042)
 * a disk link: the two kinds a query-pci reply alone identifies. */
static void links_from_ids(struct predict_dev *d, int64_t cls, int64_t vendor,
			   int64_t device, struct predict_model *m)
{
	if ((cls >> 8) == 0x02)
		d->nic = true;
	if (vendor == 0x1af4 && (device == 0x1001 || device == 0x1042))
		predict_add_disk(m, d, "");
}

static int add_devices(struct predict_model *m, json_object *devs, const char *bus,
		       unsigned depth, unsigned *n_buses)
{
	size_t n;

	if (!json_object_is_type(devs, json_type_array))
		return predict_error(m, "query-pci: \"devices\" is not an array");
	if (depth > QMP_MAX_DEPTH)
		return predict_error(m, "query-pci: bridges nested deeper than %d hops",
				     PCIPATH_MAX_HOPS);
	n = json_object_array_length(devs);
	for (size_t i = 0; i < n; i++) {
		json_object *o = json_object_array_get_idx(devs, i), *v, *ci, *id, *br;
		int64_t slot, fn, cls = -1, vendor = -1, device = -1;
		struct predict_dev *d;
		char name[32], desc[128];
		int r;

		if (!json_object_is_type(o, json_type_object) ||
		    !get_int(o, "slot", 0, 0x1f, &slot) ||
		    !get_int(o, "function", 0, 7, &fn))
			return predict_error(
				m, "query-pci: a device without a valid slot and "
				   "function");
		d = predict_add(m);
		if (!d)
			return -ENOMEM;
		d->devfn = (int)(slot << 3 | fn);
		if (predict_set(m, &d->bus, bus) < 0)
			return -ENOMEM;
		if (json_object_object_get_ex(o, "qdev_id", &v) &&
		    json_object_is_type(v, json_type_string) &&
		    json_object_get_string_len(v) &&
		    predict_set(m, &d->key, json_object_get_string(v)) < 0)
			return -ENOMEM;
		if (json_object_object_get_ex(o, "class_info", &ci))
			get_int(ci, "class", 0, 0xffff, &cls);
		if (json_object_object_get_ex(o, "id", &id)) {
			get_int(id, "vendor", 0, 0xffff, &vendor);
			get_int(id, "device", 0, 0xffff, &device);
		}
		/* No driver name in query-pci: the class and IDs, as lspci -n shows them. */
		if (cls >= 0 && vendor >= 0 && device >= 0)
			snprintf(desc, sizeof(desc), "%04x:%04x:%04x", (unsigned)cls,
				 (unsigned)vendor, (unsigned)device);
		else
			snprintf(desc, sizeof(desc), "-");
		if (predict_set(m, &d->driver, desc) < 0)
			return -ENOMEM;
		links_from_ids(d, cls, vendor, device, m);

		if (!json_object_object_get_ex(o, "pci_bridge", &br))
			continue;
		if (!json_object_is_type(br, json_type_object))
			return predict_error(
				m, "query-pci: \"pci_bridge\" is not an object");
		/* Buses get names of our own: the nesting is all we need. */
		snprintf(name, sizeof(name), "bridge.%u", (*n_buses)++);
		d->role = PREDICT_BRIDGE;
		if (predict_set(m, &d->child, name) < 0)
			return -ENOMEM;
		if (!json_object_object_get_ex(br, "devices", &v))
			continue;
		r = add_devices(m, v, name, depth + 1, n_buses);
		if (r < 0)
			return r;
	}
	return 0;
}

static int parse_reply(struct predict_model *m, json_object *top)
{
	json_object *ret = top, *v;
	unsigned n_buses = 0;
	size_t n;

	/* The reply as QMP sends it ({"return": [...]}), or just the list. */
	if (json_object_is_type(top, json_type_object)) {
		if (json_object_object_get_ex(top, "error", &v))
			return predict_error(m, "query-pci: the reply is an error");
		if (!json_object_object_get_ex(top, "return", &ret))
			return predict_error(m, "query-pci: no \"return\" in the reply");
	}
	if (!json_object_is_type(ret, json_type_array))
		return predict_error(m, "query-pci: the reply is not a list of buses");

	n = json_object_array_length(ret);
	for (size_t i = 0; i < n; i++) {
		json_object *b = json_object_array_get_idx(ret, i), *devs;
		struct predict_dev *host;
		int64_t nr;
		char name[32];
		int r;

		if (!json_object_is_type(b, json_type_object) ||
		    !get_int(b, "bus", 0, 255, &nr))
			return predict_error(
				m, "query-pci: a root bus without a valid number");
		/* A root bus is an expander without an address of its own. */
		snprintf(name, sizeof(name), "root.%" PRId64, nr);
		if (predict_find_child(m, name))
			return predict_error(
				m, "query-pci: root bus %" PRId64 " listed twice", nr);
		host = predict_add(m);
		if (!host)
			return -ENOMEM;
		host->role = PREDICT_EXPANDER;
		host->bus_nr = (int)nr;
		host->devfn = PREDICT_NOT_A_FUNCTION;
		if (predict_set(m, &host->child, name) < 0)
			return -ENOMEM;
		if (!json_object_object_get_ex(b, "devices", &devs))
			continue;
		r = add_devices(m, devs, name, 1, &n_buses);
		if (r < 0)
			return r;
	}
	return 0;
}

int predict_parse_qmp(struct predict_model *m, const char *buf, size_t len)
{
	struct json_tokener *tok;
	json_object *top;
	int r;

	if (len > 64 * 1024 * 1024)
		return predict_error(m, "the reply is larger than 64 MiB");
	tok = json_tokener_new_ex(QMP_MAX_DEPTH * 4 + 8);
	if (!tok)
		return predict_error(m, "out of memory");
	top = json_tokener_parse_ex(tok, buf, (int)len);
	if (!top || json_tokener_get_error(tok) != json_tokener_success) {
		enum json_tokener_error e = json_tokener_get_error(tok);

		r = predict_error(m, "invalid JSON: %s",
				  e == json_tokener_continue
					  ? "unexpected end of input"
					  : json_tokener_error_desc(e));
		json_object_put(top);
		json_tokener_free(tok);
		return r;
	}
	/* Only blanks may follow the reply (socat and files end it with a newline). */
	for (size_t i = json_tokener_get_parse_end(tok); i < len; i++)
		if (!strchr(" \t\r\n", buf[i]) || !buf[i]) {
			json_object_put(top);
			json_tokener_free(tok);
			return predict_error(m, "invalid JSON: data after the reply");
		}
	r = parse_reply(m, top);
	json_object_put(top);
	json_tokener_free(tok);
	return r;
}
