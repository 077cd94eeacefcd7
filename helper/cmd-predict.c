/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* cmd-predict.c - pcipath predict: a guest's PCI paths and links, on the host. */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli-util.h"
#include "cmd-predict.h"
#include "log.h"
#include "macro.h"
#include "predict.h"

/* Inputs larger than this are no configuration. */
#define INPUT_MAX (64 * 1024 * 1024)

static void help(void)
{
	printf("Usage: %s predict (--qemu-args FILE | --libvirt-xml FILE | "
	       "--qmp-query-pci "
	       "FILE)\n"
	       "                       [--json | --format=table|json|paths|links]\n"
	       "Compute, on the host, the PCI paths and links a guest will have, from "
	       "its\n"
	       "configuration (FILE - reads stdin).\n\n"
	       "  -q --qemu-args FILE      A QEMU command line (shell quoting, "
	       "\\-newline)\n"
	       "  -x --libvirt-xml FILE    A libvirt domain XML (virsh dumpxml)\n"
	       "  -Q --qmp-query-pci FILE  The reply of QMP query-pci from a running "
	       "guest\n"
	       "  -j --json                JSON: an array of objects (= --format=json)\n"
	       "  -f --format=FORMAT       table (default), json, paths (\"ID DRIVER "
	       "PATH\";\n"
	       "                           libvirt, QMP: \"KEY PATH\"), links (\"PATH\" "
	       "and\n"
	       "                           \"PATH LINK\" lines); paths and links sorted "
	       "as\n"
	       "                           LC_ALL=C sort sorts\n"
	       "  -h --help                Show this help\n",
	       program_invocation_short_name);
}

static void warn_stderr(void *userdata, const char *msg)
{
	WRN("predict: %s: %s", (const char *)userdata, msg);
}

/* The whole input in memory; NUL-terminated for the parsers' convenience. */
static int read_input(const char *file, char **ret, size_t *ret_len)
{
	FILE *f = streq(file, "-") ? stdin : fopen(file, "re");
	_cleanup_free_ char *buf = NULL;
	size_t len = 0, alloc = 0;

	if (!f)
		return -errno;
	for (;;) {
		size_t n;

		if (alloc - len < 65536) {
			char *p;

			if (alloc >= INPUT_MAX) {
				if (f != stdin)
					fclose(f);
				return -EFBIG;
			}
			alloc = alloc ? alloc * 2 : 65536;
			p = realloc(buf, alloc + 1);
			if (!p) {
				if (f != stdin)
					fclose(f);
				return -ENOMEM;
			}
			buf = p;
		}
		n = fread(buf + len, 1, alloc - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno ? errno : EIO;

		if (f != stdin)
			fclose(f);
		return -e;
	}
	if (f != stdin)
		fclose(f);
	buf[len] = '\0';
	*ret = TAKE_PTR(buf);
	*ret_len = len;
	return 0;
}

int cmd_predict(int argc, char *argv[])
{
	static const struct option options[] = {
		{"qemu-args", required_argument, NULL, 'q'},
		{"libvirt-xml", required_argument, NULL, 'x'},
		{"qmp-query-pci", required_argument, NULL, 'Q'},
		{"json", no_argument, NULL, 'j'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{},
	};
	static const char *const formats[] = {
		[PREDICT_TABLE] = "table",
		[PREDICT_JSON] = "json",
		[PREDICT_PATHS] = "paths",
		[PREDICT_LINKS] = "links",
	};
	enum predict_format format = PREDICT_TABLE;
	enum predict_source source = PREDICT_QEMU;
	const char *file = NULL;
	_cleanup_free_ char *buf = NULL, *out = NULL;
	struct predict_model m;
	size_t len = 0, out_len = 0;
	FILE *f;
	int opt, r;

	while ((opt = getopt_long(argc, argv, "q:x:Q:jf:h", options, NULL)) >= 0) {
		switch (opt) {
		case 'q':
		case 'x':
		case 'Q':
			if (file) {
				ERR("predict: give one of --qemu-args, --libvirt-xml, "
				    "--qmp-query-pci");
				return CLI_EXIT_USAGE;
			}
			file = optarg;
			source = opt == 'q'   ? PREDICT_QEMU
				 : opt == 'x' ? PREDICT_LIBVIRT
					      : PREDICT_QMP;
			break;
		case 'j':
			format = PREDICT_JSON;
			break;
		case 'f': {
			size_t i;

			for (i = 0; i < ARRAY_SIZE(formats); i++)
				if (streq(optarg, formats[i]))
					break;
			if (i == ARRAY_SIZE(formats)) {
				ERR("predict: unknown format '%s' (table, json, paths, "
				    "links)",
				    optarg);
				return CLI_EXIT_USAGE;
			}
			format = (enum predict_format)i;
			break;
		}
		case 'h':
			help();
			return CLI_EXIT_OK;
		default:
			return CLI_EXIT_USAGE;
		}
	}
	if (!file) {
		ERR("predict: missing --qemu-args, --libvirt-xml or --qmp-query-pci; see "
		    "'%s "
		    "predict --help'",
		    program_invocation_short_name);
		return CLI_EXIT_USAGE;
	}
	if (optind < argc) {
		ERR("predict: unexpected argument '%s'; see '%s predict --help'",
		    argv[optind], program_invocation_short_name);
		return CLI_EXIT_USAGE;
	}

	r = read_input(file, &buf, &len);
	if (r < 0) {
		ERR("predict: %s: %s", file,
		    r == -EFBIG ? "larger than 64 MiB" : strerror(-r));
		return CLI_EXIT_ERR;
	}

	predict_model_init(&m, source);
	m.warn = warn_stderr;
	m.userdata = (void *)file;
	r = source == PREDICT_QEMU	? predict_parse_qemu(&m, buf, len)
	    : source == PREDICT_LIBVIRT ? predict_parse_libvirt(&m, buf, len)
					: predict_parse_qmp(&m, buf, len);
	if (r >= 0)
		r = predict_resolve(&m);
	if (r < 0) {
		ERR("predict: %s: %s", file, m.error[0] ? m.error : strerror(-r));
		predict_model_free(&m);
		return CLI_EXIT_ERR;
	}

	/* All or nothing on stdout. */
	f = open_memstream(&out, &out_len);
	r = f ? predict_print(&m, format, f) : -ENOMEM;
	if (f && fclose(f) != 0 && r >= 0)
		r = -ENOMEM;
	predict_model_free(&m);
	if (r < 0) {
		ERR("predict: cannot format the output: %s", strerror(-r));
		return CLI_EXIT_ERR;
	}
	if (fwrite(out, 1, out_len, stdout) != out_len || fflush(stdout) != 0) {
		ERR("predict: cannot write output: %s", strerror(errno));
		return CLI_EXIT_ERR;
	}
	return CLI_EXIT_OK;
}
