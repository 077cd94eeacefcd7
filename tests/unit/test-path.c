/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-path.c - table-driven tests of the pure PCI path core (TAP output). */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "macro.h"
#include "path.h"
#include "tap.h"

/* Input form -> canonical form (SPEC 1 examples and every accepted input form). */
static const struct {
	const char *in, *canon;
} good[] = {
	{"03", "03"},
	{"1c.2/00", "1c.2/00"},
	{"02/00/01/00", "02/00/01/00"},
	{"pci0000:20/00/00", "pci0000:20/00/00"},
	{"02/00v3", "02/00v3"},
	{"02/01", "02/01"},
	{"1F", "1f"},
	{"1C.2/0", "1c.2/00"},
	{"3", "03"},
	{"03.0", "03"},
	{"03.0/1.7", "03/01.7"},
	{"20/00/02", "pci0000:20/00/02"},
	{"ff/1f/1f.7", "pci0000:ff/1f/1f.7"},
	{"pci0000:00/03", "03"},
	{"pci0001:00/03", "pci0001:00/03"},
	{"pci10000:00/02", "pci10000:00/02"},
	{"02/00v0", "02/00v0"},
	{"02/00.1v65535", "02/00.1v65535"},
	{"00", "00"},
	{"01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/"
	 "01/01/01/01/01/01",
	 "01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/"
	 "01/01/01/01/01/01"},
};

/* Malformed input: every one must be rejected, with a reason. */
static const char *const bad[] = {
	"",
	"/",
	"/03",
	"03/",
	"03//04",
	"20",	 /* slot out of range, and too short for Kata's form */
	"20/00", /* Kata's form needs three hops */
	"0x03",
	"003",
	"03.8",
	"03.",
	"03.a",
	"03.00",
	"03v",
	"03v-1",
	"03v01",
	"03v65536",
	"03v1x",
	"03 ",
	" 03",
	"03/g0",
	"pci0000:20",
	"pci0000:20/",
	"pci000:20/00",
	"pci0000:2/00",
	"PCI0000:20/00",
	"pci0000:2G/00",
	"pci0000:20:00/00",
	"20.1/00/00", /* a root bus has no function */
	"120/00/00",
	"02\\01",
	"02,01",
	"-02",
	"+2",
	"02/00/01/00v3v4",
	"02v1/00", /* regression: a VF hop that is not the last was accepted */
	"02/00v3/01",
	"01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/01/"
	"01/01/01/01/01/01/01",
};

static void test_parse_format(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		struct pci_path p;
		char buf[PCIPATH_MAX_LEN];
		const char *reason = NULL;
		int r = pcipath_parse(good[i].in, &p, &reason);

		CHECK(r == 0 && !reason, "parse accepts \"%s\" (%s)", good[i].in,
		      reason ? reason : "-");
		if (r < 0)
			continue;
		r = pcipath_format(&p, buf, sizeof(buf));
		CHECK(r > 0 && streq(buf, good[i].canon), "\"%s\" -> \"%s\" (got \"%s\")",
		      good[i].in, good[i].canon, r > 0 ? buf : "error");
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		struct pci_path p;
		const char *reason = NULL;
		int r = pcipath_parse(bad[i], &p, &reason);

		CHECK(r < 0 && reason && *reason, "parse rejects \"%s\" (%s)", bad[i],
		      reason ? reason : "no reason given");
	}
	{
		struct pci_path p;
		const char *reason = NULL;

		CHECK(pcipath_parse(NULL, &p, &reason) < 0 && reason,
		      "parse rejects NULL");
	}
}

static void test_format_errors(void)
{
	struct pci_path p = {.n_hops = 1, .hops = {{0x20, 0, -1}}};
	char buf[PCIPATH_MAX_LEN], small[4];

	CHECK(pcipath_format(&p, buf, sizeof(buf)) == -EINVAL,
	      "format refuses slot 0x20");
	p.hops[0] = (struct pci_hop){0x02, 8, -1};
	CHECK(pcipath_format(&p, buf, sizeof(buf)) == -EINVAL,
	      "format refuses function 8");
	p.hops[0] = (struct pci_hop){0x02, 1, 7};
	CHECK(pcipath_format(&p, small, sizeof(small)) == -ENOSPC,
	      "format reports a short buffer");
	CHECK(pcipath_format(&p, buf, sizeof(buf)) == 6 && streq(buf, "02.1v7"),
	      "format writes 02.1v7");
	/* Regression: a VF index beyond 16 bits on a non-first hop overflowed a 16-byte
	 * stack buffer (ASan: stack-buffer-overflow); now it is out of range. */
	p.n_hops = 2;
	p.hops[0] = (struct pci_hop){0x02, 0, -1};
	p.hops[1] = (struct pci_hop){0x1f, 7, 2000000000};
	CHECK(pcipath_format(&p, buf, sizeof(buf)) == -EINVAL,
	      "format refuses VF index 2000000000");
	p.hops[1] = (struct pci_hop){0x1f, 7, PCIPATH_MAX_VF + 1};
	CHECK(pcipath_format(&p, buf, sizeof(buf)) == -EINVAL,
	      "format refuses VF index 65536");
	p.hops[1] = (struct pci_hop){0x1f, 7, PCIPATH_MAX_VF};
	CHECK(pcipath_format(&p, buf, sizeof(buf)) == 13 && streq(buf, "02/1f.7v65535"),
	      "format writes 02/1f.7v65535");
	/* A VF has no functions below it: a VF hop must be the last. */
	p.hops[0] = (struct pci_hop){0x02, 0, 1};
	p.hops[1] = (struct pci_hop){0x00, 0, -1};
	CHECK(pcipath_format(&p, buf, sizeof(buf)) == -EINVAL,
	      "format refuses a VF hop that is not the last");
	for (size_t n = 0; n <= 13; n++)
		CHECK(pcipath_format(&(struct pci_path){.n_hops = 2,
							.hops = {{0x02, 0, -1},
								 {0x1f, 7, 65535}}},
				     buf, n + 1) == (n == 13 ? 13 : -ENOSPC),
		      "format into %zu bytes", n + 1);
	p.n_hops = 0;
	CHECK(pcipath_format(&p, buf, sizeof(buf)) == -EINVAL,
	      "format refuses zero hops");
	p.n_hops = PCIPATH_MAX_HOPS + 1;
	CHECK(pcipath_format(&p, buf, sizeof(buf)) == -EINVAL,
	      "format refuses too many hops");
	/* The longest path fits the documented maximum. */
	memset(&p, 0, sizeof(p));
	p.domain = 0xffffffff;
	p.bus = 0xff;
	p.n_hops = PCIPATH_MAX_HOPS;
	for (unsigned i = 0; i < p.n_hops; i++)
		p.hops[i] = (struct pci_hop){0x1f, 7, i + 1 == p.n_hops ? 65535 : -1};
	CHECK(pcipath_format(&p, buf, sizeof(buf)) == PCIPATH_MAX_LEN - 1,
	      "the longest path fills PCIPATH_MAX_LEN exactly");
}

static void test_tag(void)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{"02/01", "02-01"},
		{"pci0000:20/00/00", "pci0000_20-00-00"},
		{"03", "03"},
		{"1c.2/00v3", "1c.2-00v3"},
	};
	char buf[64], small[3];

	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		CHECK(pcipath_tag(t[i].in, buf, sizeof(buf)) > 0 && streq(buf, t[i].out),
		      "tag of %s is %s", t[i].in, t[i].out);
	CHECK(pcipath_tag("02/01", small, sizeof(small)) == -ENOSPC,
	      "tag reports short buffer");
}

static void test_bdf_root(void)
{
	uint32_t d;
	uint8_t b, s, f;

	CHECK(pci_parse_bdf("0000:05:1f.7", &d, &b, &s, &f) == 0 && d == 0 && b == 5 &&
		      s == 0x1f && f == 7,
	      "bdf 0000:05:1f.7");
	CHECK(pci_parse_bdf("10000:00:02.0", &d, &b, &s, &f) == 0 && d == 0x10000,
	      "bdf with a 5-digit domain (VMD)");
	static const char *const badbdf[] = {
		"0000:05:20.0",
		"0000:05:00.8",
		"0000:05:00",
		"0000:5:00.0",
		"000:05:00.0",
		"0000:05:00.0:0",
		"0000:05:00.0.0",
		"0000:0G:00.0",
		"0000:05:00.00",
		"0000:05:0A.0",
		"",
		"pci0000:00",
		"0000:00:04.0:0.0",
	};
	for (size_t i = 0; i < ARRAY_SIZE(badbdf); i++)
		CHECK(pci_parse_bdf(badbdf[i], &d, &b, &s, &f) < 0, "bdf rejects \"%s\"",
		      badbdf[i]);
	CHECK(pci_parse_root("pci0000:20", &d, &b) == 0 && d == 0 && b == 0x20,
	      "root pci0000:20");
	CHECK(pci_parse_root("pci0001:00", &d, &b) == 0 && d == 1 && b == 0,
	      "root pci0001:00");
	static const char *const badroot[] = {
		"pci0000:2",  "pci0000:200", "0000:00", "pci0000",	   "pcI0000:00",
		"pci0000:0A", "pci0000:00/", "",	"pci123456789:00",
	};
	for (size_t i = 0; i < ARRAY_SIZE(badroot); i++)
		CHECK(pci_parse_root(badroot[i], &d, &b) < 0, "root rejects \"%s\"",
		      badroot[i]);
}

static void test_transport(void)
{
	static const struct {
		const char *id_path, *bdf, *t;
	} t[] = {
		{"pci-0000:02:01.0", "0000:02:01.0", ""},
		{"pci-0000:05:00.0-scsi-0:0:1:0", "0000:05:00.0", "-scsi-0:0:1:0"},
		{"pci-0000:03:00.0-nvme-1", "0000:03:00.0", "-nvme-1"},
		{"pci-0000:00:1f.2-ata-1.0", "0000:00:1f.2", "-ata-1.0"},
		{"pci-0000:00:1d.0-usb-0:1:1.0-scsi-0:0:0:0", "0000:00:1d.0",
		 "-usb-0:1:1.0-scsi-0:0:0:0"},
		{"platform-4000000.pcie-pci-0000:00:01.0-nvme-2", "0000:00:01.0",
		 "-nvme-2"},
		{"pci-0000:02:01.0", "0000:02:01.1", NULL},
		{"pci-0000:02:01.0", "0000:02:01", NULL},
		{"pci-0000:02:01.00", "0000:02:01.0", NULL},
		{"xpci-0000:02:01.0", "0000:02:01.0", NULL},
		{"pci-0000:02:01.0-scsi-0:0:0:0 bad", "0000:02:01.0", NULL},
		{"pci-0000:02:01.0-scsi/../x", "0000:02:01.0", NULL},
		{NULL, "0000:02:01.0", NULL},
		{"", "0000:02:01.0", NULL},
	};
	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		const char *r = pcipath_transport(t[i].id_path, t[i].bdf);

		CHECK(t[i].t ? r && streq(r, t[i].t) : !r,
		      "transport of \"%s\" at %s is %s",
		      t[i].id_path ? t[i].id_path : "(null)", t[i].bdf,
		      t[i].t ? t[i].t : "(none)");
	}
}

static void test_entry(void)
{
	static const struct {
		struct pcipath_node n;
		const char *out;
	} t[] = {
		{{PCIPATH_DISK, "", 0, 0, 0}, "disk"},
		{{PCIPATH_DISK, "", 1, 0, 0}, "disk-part1"},
		{{PCIPATH_DISK, "-scsi-0:0:0:0", 0, 0, 0}, "disk-scsi-0:0:0:0"},
		{{PCIPATH_DISK, "-nvme-1", 2, 0, 0}, "disk-nvme-1-part2"},
		{{PCIPATH_CARD, NULL, 0, 0, 0}, "card"},
		{{PCIPATH_RENDER, NULL, 0, 0, 0}, "render"},
		{{PCIPATH_TTY, NULL, 0, 0, 1}, "tty"},
		{{PCIPATH_TTY, NULL, 0, 0, 2}, "tty-port0"},
		{{PCIPATH_TTY, NULL, 0, 1, 2}, "tty-port1"},
		{{PCIPATH_TTY, "-usb-0:1:1.0", 0, 0, 0}, "tty-usb-0:1:1.0-port0"},
		{{PCIPATH_VPORT, NULL, 0, 2, 0}, "vport2"},
		{{PCIPATH_NET, NULL, 0, 0, 0}, "net"},
		{{PCIPATH_NET, NULL, 0, 1, 0}, "net-port1"},
		{{PCIPATH_VFIO, NULL, 0, 0, 0}, "vfio"},
		{{PCIPATH_VFIO_DEV, NULL, 0, 0, 0}, "vfio-dev"},
	};
	static const struct pcipath_node badn[] = {
		{PCIPATH_DISK, NULL, 0, 0, 0},	 /* unknown transport: no name */
		{PCIPATH_DISK, "scsi", 0, 0, 0}, /* transport must start with '-' */
		/* Regressions found by fuzz-entry: a transport is one name's alphabet. */
		{PCIPATH_DISK, "-scsi/../x", 0, 0, 0},
		{PCIPATH_TTY, "-0\n/b", 0, 0, 0},
		{PCIPATH_DISK, "", -1, 0, 0},
		{PCIPATH_TTY, NULL, 0, 2, 2}, /* port beyond the count */
		{PCIPATH_TTY, NULL, 0, 0, 0},
		{PCIPATH_NET, NULL, 0, -1, 0},
		{(enum pcipath_kind)99, NULL, 0, 0, 0},
	};
	char buf[64], small[4];

	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		CHECK(pcipath_entry(&t[i].n, buf, sizeof(buf)) > 0 &&
			      streq(buf, t[i].out),
		      "entry %s", t[i].out);
	for (size_t i = 0; i < ARRAY_SIZE(badn); i++)
		CHECK(pcipath_entry(&badn[i], buf, sizeof(buf)) < 0,
		      "entry refuses case %zu", i);
	CHECK(pcipath_entry(&t[2].n, small, sizeof(small)) == -ENOSPC,
	      "entry short buffer");
}

static void test_uint(void)
{
	unsigned v;

	CHECK(parse_uint("0", 10, &v) == 0 && v == 0, "uint 0");
	CHECK(parse_uint("65535", 65535, &v) == 0 && v == 65535, "uint max");
	CHECK(parse_uint("65536", 65535, &v) < 0, "uint over max");
	CHECK(parse_uint("01", 10, &v) < 0, "uint leading zero");
	CHECK(parse_uint("", 10, &v) < 0, "uint empty");
	CHECK(parse_uint(NULL, 10, &v) < 0, "uint NULL");
	CHECK(parse_uint("1 ", 10, &v) < 0, "uint trailing space");
	CHECK(parse_uint("99999999999999999999", 4294967295u, &v) < 0, "uint overflow");
}

static void test_label(void)
{
	static const char *const good_labels[] = {"boot",	 "a",	"uplink0",
						  "my_disk.2-b", "..a", "a.."};
	static const char *const bad_labels[] = {
		"",
		".",
		"..",
		"my disk",
		"a/b",
		"../etc",
		"caf\xc3\xa9",
		"a\tb",
		"a:b",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"a", /* 65 */
	};

	for (size_t i = 0; i < ARRAY_SIZE(good_labels); i++)
		CHECK(pcipath_label_valid(good_labels[i]), "label \"%s\" is valid",
		      good_labels[i]);
	for (size_t i = 0; i < ARRAY_SIZE(bad_labels); i++)
		CHECK(!pcipath_label_valid(bad_labels[i]), "label \"%s\" is refused",
		      bad_labels[i]);
	CHECK(!pcipath_label_valid(NULL), "label NULL is refused");
	CHECK(pcipath_label_valid(
		      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
	      "a label of 64 is valid");
}

static void test_route(void)
{
	static const struct {
		const char *syspath, *canon;
		size_t fn_len; /* where the function's component ends; 0: strlen(syspath) */
	} t[] = {
		{"/sys/devices/pci0000:00/0000:00:03.0", "03", 0},
		{"/sys/devices/pci0000:00/0000:00:1c.2/0000:01:00.0", "1c.2/00", 0},
		{"/sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0/0000:02:01.0/"
		 "0000:03:00.0",
		 "02/00/01/00", 0},
		{"/sys/devices/pci0000:20/0000:20:00.0/0000:21:00.0", "pci0000:20/00/00",
		 0},
		{"/sys/devices/LNXSYSTM:00/VMBUS:00/abc/pci0001:00/0001:00:02.0",
		 "pci0001:00/02", 0},
		/* Below a function: the nearest one (0:0:0:0 is no BDF). */
		{"/sys/devices/pci0000:00/0000:00:02.0/virtio1/block/vda/vda1", "02",
		 sizeof("/sys/devices/pci0000:00/0000:00:02.0") - 1},
		{"/sys/devices/pci0000:00/0000:00:1c.4/0000:01:00.0/virtio2/host0/"
		 "target0:0:0/0:0:0:0/block/sda",
		 "1c.4/00",
		 sizeof("/sys/devices/pci0000:00/0000:00:1c.4/0000:01:00.0") - 1},
		/* VMD: a root bus below a function starts a new route. */
		{"/sys/devices/pci0000:00/0000:00:0e.0/pci10000:e0/10000:e0:06.0/"
		 "10000:e1:00.0/nvme/nvme0",
		 "pci10000:e0/06/00",
		 sizeof("/sys/devices/pci0000:00/0000:00:0e.0/pci10000:e0/10000:e0:06.0/"
			"10000:e1:00.0") -
			 1},
	};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		struct pci_path p;
		size_t ends[PCIPATH_MAX_HOPS];
		char canon[PCIPATH_MAX_LEN] = "";
		size_t want = t[i].fn_len ? t[i].fn_len : strlen(t[i].syspath);
		int n = pcipath_route(t[i].syspath, &p, ends);

		if (n > 0)
			pcipath_format(&p, canon, sizeof(canon));
		CHECK(n > 0 && streq(canon, t[i].canon) && ends[n - 1] == want,
		      "route of %s is %s", t[i].syspath, t[i].canon);
	}
	{
		struct pci_path p;
		size_t ends[PCIPATH_MAX_HOPS];
		const char *two = "/sys/devices/pci0000:00/0000:00:1c.2/0000:01:00.0";

		CHECK(pcipath_route(two, &p, ends) == 2 &&
			      ends[0] == strlen("/sys/devices/pci0000:00/0000:00:1c.2"),
		      "ends[] marks each hop's component");
		CHECK(pcipath_route("/sys/devices/virtual/net/lo", &p, NULL) == 0,
		      "no route for a virtual device");
		CHECK(pcipath_route(
			      "/sys/devices/platform/virtio-mmio.0/virtio0/block/vda", &p,
			      NULL) == 0,
		      "no route for a platform device");
		CHECK(pcipath_route("/sys/devices/0000:00:02.0", &p, NULL) == -EBADMSG,
		      "a function without a host bridge is malformed");
		CHECK(pcipath_route("/sys/devices/platform/x/0000:00:02.0/vda", &p,
				    NULL) == -EBADMSG,
		      "a run of functions after no host bridge is malformed");
		CHECK(pcipath_route("0000:00:02.0", &p, NULL) == -EBADMSG,
		      "a bare BDF is malformed");
		CHECK(pcipath_route(NULL, &p, NULL) == -EINVAL, "NULL refused");
	}
	{
		char deep[2048] = "/sys/devices/pci0000:00";
		struct pci_path p;

		for (int i = 0; i < PCIPATH_MAX_HOPS; i++)
			snprintf(deep + strlen(deep), sizeof(deep) - strlen(deep),
				 "/0000:%02x:01.0", i + 1);
		CHECK(pcipath_route(deep, &p, NULL) == PCIPATH_MAX_HOPS, "32 hops route");
		strcat(deep, "/0000:99:01.0");
		CHECK(pcipath_route(deep, &p, NULL) == -E2BIG, "33 hops are too deep");
	}
}

static void test_compare(void)
{
	static const char *const sorted[] = {
		"00",	   "02",       "02/00",		"02/00v0",
		"02/00v3", "02/00v10", "02/00.1",	"02/01",
		"1c.2/00", "1f",       "pci0000:20/00", "pci0001:00/00",
	};
	struct pci_path a, b;

	for (size_t i = 0; i + 1 < ARRAY_SIZE(sorted); i++) {
		pcipath_parse(sorted[i], &a, NULL);
		pcipath_parse(sorted[i + 1], &b, NULL);
		CHECK(pcipath_compare(&a, &b) < 0 && pcipath_compare(&b, &a) > 0,
		      "%s sorts before %s", sorted[i], sorted[i + 1]);
	}
	pcipath_parse("02/00", &a, NULL);
	CHECK(pcipath_compare(&a, &a) == 0, "equal paths compare equal");
	pcipath_parse("02/00/01", &b, NULL);
	CHECK(pcipath_is_prefix(&a, &b), "02/00 is above 02/00/01");
	CHECK(pcipath_is_prefix(&a, &a), "a path is its own prefix");
	CHECK(!pcipath_is_prefix(&b, &a), "02/00/01 is not above 02/00");
	pcipath_parse("02/00v1", &b, NULL);
	CHECK(!pcipath_is_prefix(&a, &b), "a PF is no prefix of its VF");
	pcipath_parse("pci0000:20/02/00", &b, NULL);
	CHECK(!pcipath_is_prefix(&a, &b), "other root bus");
}

int main(void)
{
	test_parse_format();
	test_format_errors();
	test_tag();
	test_bdf_root();
	test_transport();
	test_entry();
	test_uint();
	test_label();
	test_route();
	test_compare();
	return tap_done();
}
