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

static void test_text(void)
{
	{
		_cleanup_free_ char *got = capture(text_safe, "a\nb\\c\x1b");

		CHECK(streq(got, "a\\x0ab\\x5cc\\x1b"), "text_safe escapes: %s", got);
	}
}

int main(void)
{
	test_classify();
	test_bdf();
	test_timeout();
	test_text();
	return tap_done();
}
