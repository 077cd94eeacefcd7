/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-cli.c - table-driven tests of the pcipath command's pure helpers (TAP output). */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-util.h"
#include "macro.h"
#include "path.h"
#include "tap.h"

static void test_classify(void)
{
	static const struct {
		const char *arg;
		enum cli_arg want;
	} t[] = {
		{"/sys/class/net/eth0", CLI_ARG_SYSFS},
		{"/devices/pci0000:00/0000:00:02.0", CLI_ARG_SYSFS},
		{"/dev/vda", CLI_ARG_FILE},
		{"/dev/disk/by-pcipath/02/01", CLI_ARG_FILE},
		{"./vda", CLI_ARG_FILE},
		{"0000:05:00.0", CLI_ARG_BDF},
		{"05:00.0", CLI_ARG_BDF},
		{"10000:05:1f.7", CLI_ARG_BDF},
		{"eth0", CLI_ARG_IFNAME},
		{"enp0s31f6", CLI_ARG_IFNAME},
		{"vda", CLI_ARG_IFNAME},
		{"", CLI_ARG_INVALID},
		{"0000:05:20.0", CLI_ARG_INVALID}, /* slot > 1f, and ':' is no ifname */
		{"05:00.8", CLI_ARG_INVALID},
		{"0000:05:00.0:", CLI_ARG_INVALID},
		{"a very long name", CLI_ARG_INVALID},
		{"abcdefghijklmnop", CLI_ARG_INVALID}, /* 16 chars: too long */
		{"..", CLI_ARG_INVALID},
	};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++)
		CHECK(cli_classify_arg(t[i].arg) == t[i].want, "classify '%s'", t[i].arg);
	CHECK(cli_classify_arg(NULL) == CLI_ARG_INVALID, "classify NULL");
}

static void test_bdf(void)
{
	char buf[20];

	CHECK(cli_normalize_bdf("05:00.0", buf) == 0 && streq(buf, "0000:05:00.0"),
	      "short BDF gets domain 0000");
	CHECK(cli_normalize_bdf("0001:ff:1f.7", buf) == 0 && streq(buf, "0001:ff:1f.7"),
	      "full BDF kept");
	CHECK(cli_normalize_bdf("10000:00:02.0", buf) == 0 && streq(buf, "10000:00:02.0"),
	      "VMD domain kept at its width");
	CHECK(cli_normalize_bdf("05:00.0 ", buf) < 0, "trailing space refused");
	CHECK(cli_normalize_bdf("0000:05:00", buf) < 0, "no function refused");
	CHECK(cli_normalize_bdf("0000:05:00.0", buf) == 0 && streq(buf, "0000:05:00.0"),
	      "canonical BDF unchanged");
}

static void test_kind(void)
{
	CHECK(cli_kind_from_string("block") == CLI_KIND_BLOCK, "kind block");
	CHECK(cli_kind_from_string("serial") == CLI_KIND_SERIAL, "kind serial");
	CHECK(cli_kind_from_string("vfio") == CLI_KIND_VFIO, "kind vfio");
	CHECK(cli_kind_from_string("disk") == -EINVAL, "kind disk unknown");
	CHECK(cli_kind_from_string(NULL) == -EINVAL, "kind NULL");
	CHECK(streq(cli_kind_to_string(CLI_KIND_NET), "net"), "kind name net");
	CHECK(streq(cli_kind_to_string(CLI_KIND_ANY), "any"), "kind name any");
	CHECK(cli_kind_of_subsystem("virtio-ports") == CLI_KIND_SERIAL,
	      "vport is serial");
	CHECK(cli_kind_of_subsystem("tty") == CLI_KIND_SERIAL, "tty is serial");
	CHECK(cli_kind_of_subsystem("vfio-dev") == CLI_KIND_VFIO, "vfio-dev is vfio");
	CHECK(cli_kind_of_subsystem("input") == -EINVAL, "input is none");
}

static void test_timeout(void)
{
	static const struct {
		const char *s;
		int r;
		long ms;
	} t[] = {
		{"0", 0, 0},
		{"2", 0, 2000},
		{"2.5", 0, 2500},
		{"0.05", 0, 50},
		{"1.234", 0, 1234},
		{"86400", 0, 86400000},
		{"86400.001", -ERANGE, 0},
		{"100000", -ERANGE, 0},
		{"1.2345", -EINVAL, 0},
		{"", -EINVAL, 0},
		{".5", -EINVAL, 0},
		{"5.", -EINVAL, 0},
		{"-1", -EINVAL, 0},
		{"1s", -EINVAL, 0},
		{" 1", -EINVAL, 0},
	};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		long ms = -1;
		int r = cli_parse_timeout(t[i].s, &ms);

		CHECK(r == t[i].r && (r < 0 || ms == t[i].ms), "timeout '%s' -> %d, %ld",
		      t[i].s, r, ms);
	}
}

static char *capture(void (*fn)(FILE *, const char *), const char *s)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		abort();
	fn(f, s);
	fclose(f);
	return buf;
}

static void test_json(void)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{"vda", "\"vda\""},
		{"a\"b\\c", "\"a\\\"b\\\\c\""},
		{"tab\there\nnl", "\"tab\\there\\nnl\""},
		{"\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\""},
		{"Red Hat, Inc.", "\"Red Hat, Inc.\""},
		{"caf\xc3\xa9", "\"caf\xc3\xa9\""},
		{NULL, "null"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		_cleanup_free_ char *got = capture(json_string, t[i].in);

		CHECK(streq(got, t[i].out), "json %s -> %s", t[i].out, got);
	}
	{
		_cleanup_free_ char *got = capture(text_safe, "a\nb\\c\x1b");

		CHECK(streq(got, "a\\x0ab\\x5cc\\x1b"), "text_safe escapes: %s", got);
	}
}

static void test_resolve_link(void)
{
	static const struct {
		const char *dir, *target, *out;
	} t[] = {
		{"/sys/class/block",
		 "../../devices/pci0000:00/0000:00:02.0/virtio1/block/vda",
		 "/sys/devices/pci0000:00/0000:00:02.0/virtio1/block/vda"},
		{"/sys/bus/pci/devices", "../../../devices/pci0000:00/0000:00:02.0",
		 "/sys/devices/pci0000:00/0000:00:02.0"},
		{"/sys/devices/pci0000:00/0000:00:02.0/0000:01:00.2", "../0000:01:00.0",
		 "/sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0"},
		{"/a/b/", "./c//d/", "/a/b/c/d"},
		{"/a", "/abs/x", "/abs/x"},
		{"/a", "..", "/"},
	};
	char buf[256];

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		int r = sysfs_resolve_link(t[i].dir, t[i].target, buf, sizeof(buf));

		CHECK(r > 0 && streq(buf, t[i].out) && (size_t)r == strlen(t[i].out),
		      "link %s + %s -> %s", t[i].dir, t[i].target, r > 0 ? buf : "error");
	}
	CHECK(sysfs_resolve_link("/a", "../..", buf, sizeof(buf)) == -EINVAL,
	      ".. above / refused");
	CHECK(sysfs_resolve_link("rel", "x", buf, sizeof(buf)) == -EINVAL,
	      "relative dir refused");
	CHECK(sysfs_resolve_link("/a", "bcdefgh", buf, 6) == -ENAMETOOLONG, "too long");
}

static void test_syspath(void)
{
	static const struct {
		const char *syspath, *canon;
		size_t prefix; /* pci_function_prefix, 0: use strlen(syspath) */
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
	};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		struct pci_path p;
		char canon[PCIPATH_MAX_LEN];
		int r = pcipath_from_syspath(t[i].syspath, &p);

		if (r == 0)
			r = pcipath_format(&p, canon, sizeof(canon));
		CHECK(r >= 0 && streq(canon, t[i].canon), "syspath -> %s", t[i].canon);
		CHECK(pci_function_prefix(t[i].syspath) == strlen(t[i].syspath),
		      "function prefix of %s is itself", t[i].canon);
	}
	{
		struct pci_path p;
		const char *vda =
			"/sys/devices/pci0000:00/0000:00:02.0/virtio1/block/vda/vda1";
		const char *sda =
			"/sys/devices/pci0000:00/0000:00:1c.4/0000:01:00.0/virtio2/"
			"host0/target0:0:0/0:0:0:0/block/sda";

		CHECK(pci_function_prefix(vda) ==
			      strlen("/sys/devices/pci0000:00/0000:00:02.0"),
		      "prefix of a partition");
		CHECK(pci_function_prefix(sda) ==
			      strlen("/sys/devices/pci0000:00/0000:00:1c.4/0000:01:00.0"),
		      "prefix of a SCSI disk (0:0:0:0 is no BDF)");
		CHECK(pci_function_prefix("/sys/devices/virtual/net/lo") == 0,
		      "no prefix for a virtual device");
		CHECK(pcipath_from_syspath(vda, &p) == -EINVAL,
		      "a block device is no function");
		CHECK(pcipath_from_syspath("/sys/devices/0000:00:02.0", &p) == -EINVAL,
		      "a function without a root is refused");
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
	test_classify();
	test_bdf();
	test_kind();
	test_timeout();
	test_json();
	test_resolve_link();
	test_syspath();
	test_compare();
	return tap_done();
}
