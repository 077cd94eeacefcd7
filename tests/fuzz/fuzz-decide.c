/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-decide.c - facts -> properties (decide.c), transport and entry names on the way.
 * Input: NUL-separated fields: path, bdf, subsystem, sysname, devname, devtype, partn,
 * id_path, dev_port, the function's modalias, then one byte of flags and numbers. */

#include <errno.h>

#include "decide.h"
#include "fuzz.h"
#include "path.h"

#define N_FIELDS 10

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_string(data, size, 4096), *field[N_FIELDS] = {0}, *c;
	struct pcipath_facts f = {0};
	struct pcipath_props props;
	char out[2048];
	struct pci_path p;
	unsigned flags = 0;
	size_t off = 0;
	int r;

	if (!s)
		return 0;
	for (int i = 0; i < N_FIELDS; i++) {
		if (off > size)
			break;
		field[i] = s + off;
		off += strlen(s + off) + 1;
	}
	if (off < size)
		flags = (unsigned char)s[off];
	if (!field[1] || pcipath_parse(field[0], &p, NULL) < 0) {
		free(s);
		return 0;
	}
	f.subsystem = field[2];
	f.sysname = field[3];
	f.devname = field[4] && *field[4] ? field[4] : NULL;
	f.devtype = field[5];
	f.partn = field[6];
	f.id_path = field[7];
	f.dev_port = field[8];
	f.behind_usb = flags & 1;
	f.usb_port = flags & 2 ? (int)(flags >> 4) : -1;
	f.uart_ports = (int)(flags >> 4) & 7;
	f.uart_index = (int)(flags >> 2) & 3;

	r = pcipath_decide(&p, field[1], field[9], &f, &props);
	FUZZ_ASSERT(r == 0 || r == 1 || r == -EBADMSG || r == -EINVAL || r == -ENOSPC);
	if (r < 0) {
		free(s);
		return 0;
	}
	r = pcipath_props_format(&props, out, sizeof(out));
	FUZZ_ASSERT(r > 0 && (size_t)r == strlen(out));
	/* One KEY=value per line: whatever the facts held, no value adds a line, and the
	 * entry is one name, never a path. */
	for (c = out; *c; c++)
		FUZZ_ASSERT(*c != '\r');
	FUZZ_ASSERT(!strchr(props.entry, '/') && !strchr(props.entry, '\n'));
	FUZZ_ASSERT(!strchr(props.disk, '\n') && !strstr(props.disk, "/../"));
	FUZZ_ASSERT(!*props.modalias || (strncmp(props.modalias, "pci:v", 5) == 0 &&
					 !strpbrk(props.modalias, "\n '\"$*")));
	FUZZ_ASSERT(!*props.disk ||
		    strncmp(props.disk, props.path, strlen(props.path)) == 0);
	free(s);
	return 0;
}
