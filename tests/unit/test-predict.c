/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-predict.c - pcipath predict's parsers and bus model, case by case (TAP). */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "macro.h"
#include "predict.h"
#include "tap.h"

static unsigned n_warn;
static char last_warn[256];

static void count_warn(void *userdata, const char *msg)
{
	n_warn++;
	snprintf(last_warn, sizeof(last_warn), "%s", msg);
}

/* Parse and resolve; returns the parser's or resolver's result. */
static int load(struct predict_model *m, enum predict_source src, const char *in)
{
	int r;

	predict_model_init(m, src);
	m->warn = count_warn;
	n_warn = 0;
	last_warn[0] = '\0';
	r = src == PREDICT_QEMU	     ? predict_parse_qemu(m, in, strlen(in))
	    : src == PREDICT_LIBVIRT ? predict_parse_libvirt(m, in, strlen(in))
				     : predict_parse_qmp(m, in, strlen(in));
	if (r >= 0)
		r = predict_resolve(m);
	return r;
}

static const char *path_of(struct predict_model *m, const char *key)
{
	struct predict_dev *d = predict_find_key(m, key);

	return d && d->resolved ? d->canon : "(none)";
}

/* The output of one format as a string (static buffer). */
static const char *output(struct predict_model *m, enum predict_format fmt)
{
	static char buf[8192];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	buf[0] = '\0';
	if (!f)
		return "";
	if (predict_print(m, fmt, f) < 0)
		snprintf(buf, sizeof(buf), "(error)");
	fclose(f);
	return buf;
}

static void test_addr(void)
{
	static const struct {
		const char *in;
		int devfn;
	} cases[] = {
		{"2", 2 << 3},	     {"02.0", 2 << 3},	      {"0x2.0x1", 2 << 3 | 1},
		{"1.3", 1 << 3 | 3}, {"1f.7", 0x1f << 3 | 7}, {"1F.7", 0x1f << 3 | 7},
		{" 3", 3 << 3}, /* sscanf's %x skips blanks */
		{"+4", 4 << 3},	     {"0x1f", 0x1f << 3},     {"20", -ERANGE},
		{"2.8", -ERANGE},    {"-1", -ERANGE},	      {"100", -ERANGE},
		{"2.", -EINVAL},     {"", -EINVAL},	      {"x", -EINVAL},
		{"2.x", -EINVAL},    {"2 ", -EINVAL},	      {"2.1.1", -EINVAL},
		{"2/1", -EINVAL},
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int r = predict_parse_addr(cases[i].in);

		CHECK(r == cases[i].devfn, "addr \"%s\" -> %d (got %d)", cases[i].in,
		      cases[i].devfn, r);
	}
}

static void test_qemu(void)
{
	struct predict_model m;
	int r;

	/* Both syntaxes, a switch, a pxb root, functions, quoting and continuations. */
	r = load(&m, PREDICT_QEMU,
		 "qemu-system-x86_64 -machine q35 \\\n"
		 " -device pcie-root-port,id=rp2,bus=pcie.0,addr=02.0 \\\n"
		 " -device x3130-upstream,id=up,bus=rp2,addr=00.0 \\\n"
		 " -device 'xio3130-downstream,id=dn1,bus=up,addr=01.0' \\\n"
		 " -device \"virtio-blk-pci,id=d0,bus=dn1,addr=0\" \\\n"
		 " -device "
		 "'{\"driver\":\"pcie-root-port\",\"id\":\"pci.3\",\"bus\":\"pcie.0\","
		 "\"addr\":\"0x3.0x2\"}' \\\n"
		 " -device "
		 "'{\"driver\":\"virtio-net-pci\",\"id\":\"n0\",\"bus\":\"pci.3\","
		 "\"addr\":1}' \\\n"
		 " --device pxb-pcie,id=pxb,bus_nr=32,bus=pcie.0,addr=8 \\\n"
		 " -device pcie-root-port,id=rpx,bus=pxb,addr=0 \\\n"
		 " -device pcie-pci-bridge,id=ppb,bus=rpx,addr=0 \\\n"
		 " -device pci-bridge,id=br,bus=ppb,addr=1,chassis_nr=1 \\\n"
		 " -device virtio-blk-pci,id=deep,bus=br,addr=1f.7 \\\n"
		 " -device virtio-blk-pci,id=e\\ sc,bus=pcie.0,addr=9 # a comment\n"
		 " -device virtio-blk-pci,id=esc,addr=4,serial=x,,addr=9,bus=pcie.0\n");
	CHECK(r < 0 && strstr(m.error, "invalid id"),
	      "a QEMU id with a blank is refused (%s)", m.error);
	predict_model_free(&m);

	r = load(&m, PREDICT_QEMU,
		 "qemu-system-x86_64 -machine q35 \\\n"
		 " -device pcie-root-port,id=rp2,bus=pcie.0,addr=02.0 \\\n"
		 " -device x3130-upstream,id=up,bus=rp2,addr=00.0 \\\n"
		 " -device 'xio3130-downstream,id=dn1,bus=up,addr=01.0' \\\n"
		 " -device \"virtio-blk-pci,id=d0,bus=dn1,addr=0\" \\\n"
		 " -device "
		 "'{\"driver\":\"pcie-root-port\",\"id\":\"pci.3\",\"bus\":\"pcie.0\","
		 "\"addr\":\"0x3.0x2\"}' \\\n"
		 " -device "
		 "'{\"driver\":\"virtio-net-pci\",\"id\":\"n0\",\"bus\":\"pci.3\","
		 "\"addr\":1}' \\\n"
		 " --device pxb-pcie,id=pxb,bus_nr=32,bus=pcie.0,addr=8 \\\n"
		 " -device pcie-root-port,id=rpx,bus=pxb,addr=0 \\\n"
		 " -device pcie-pci-bridge,id=ppb,bus=rpx,addr=0 \\\n"
		 " -device pci-bridge,id=br,bus=ppb,addr=1,chassis_nr=1 \\\n"
		 " -device virtio-blk-pci,id=deep,bus=br,addr=1f.7 # a comment\n"
		 " -device virtio-blk-pci,id=esc,addr=4,serial=x,,addr=9,bus=pcie.0\n"
		 " -device virtio-scsi-pci,id=scsi0,bus=pcie.0,addr=5\n"
		 " -device scsi-hd,bus=scsi0.0,channel=0,scsi-id=1,lun=2,drive=x\n"
		 " -device '{\"driver\":\"scsi-cd\",\"bus\":\"scsi0.0\",\"scsi-id\":3,"
		 "\"lun\":0}'\n"
		 " -device nvme,id=nv,serial=s,bus=pcie.0,addr=6\n"
		 " -device nvme-ns,bus=nv,nsid=2,drive=y\n"
		 " -device virtio-gpu-pci,bus=pcie.0\n"
		 " -device ide-hd,bus=ide.0,drive=z\n");
	CHECK(r == 0, "a q35 command line parses (%s)", m.error);
	CHECK(streq(path_of(&m, "rp2"), "02"), "root port -> 02 (%s)",
	      path_of(&m, "rp2"));
	CHECK(streq(path_of(&m, "up"), "02/00"), "switch upstream -> 02/00");
	CHECK(streq(path_of(&m, "dn1"), "02/00/01"), "switch downstream -> 02/00/01");
	CHECK(streq(path_of(&m, "d0"), "02/00/01/00"),
	      "a switch is two hops: 02/00/01/00");
	CHECK(streq(path_of(&m, "pci.3"), "03.2"), "JSON addr \"0x3.0x2\" -> 03.2");
	CHECK(streq(path_of(&m, "n0"), "03.2/00.1"),
	      "JSON addr 1 is devfn 1 -> 00.1 (%s)", path_of(&m, "n0"));
	CHECK(streq(path_of(&m, "pxb"), "08"), "the pxb itself is a function at 08");
	CHECK(streq(path_of(&m, "rpx"), "pci0000:20/00"), "pxb bus_nr=32 -> pci0000:20/");
	CHECK(streq(path_of(&m, "deep"), "pci0000:20/00/00/01/1f.7"),
	      "pcie-pci-bridge and pci-bridge below a pxb, function 7 (%s)",
	      path_of(&m, "deep"));
	CHECK(streq(path_of(&m, "esc"), "04"),
	      ",, is a literal comma, not a new key (%s)", path_of(&m, "esc"));
	CHECK(n_warn == 1 && strstr(last_warn, "virtio-gpu-pci"),
	      "the device without addr is warned about, once (%u: %s)", n_warn,
	      last_warn);
	CHECK(strstr(output(&m, PREDICT_LINKS),
		     "05 /dev/disk/by-pcipath/05-scsi-0:0:1:2\n") &&
		      strstr(output(&m, PREDICT_LINKS),
			     "05 /dev/by-pcipath/05/disk-scsi-0:0:3:0\n"),
	      "virtio-scsi LUNs get -scsi-0:C:T:L links");
	CHECK(strstr(output(&m, PREDICT_LINKS), "06 /dev/disk/by-pcipath/06-nvme-2\n"),
	      "an NVMe namespace gets -nvme-<nsid>");
	CHECK(strstr(output(&m, PREDICT_LINKS), "03.2/00.1 pcipath-03.2-00.1\n") &&
		      strstr(output(&m, PREDICT_LINKS),
			     "03.2/00.1 /dev/by-pcipath/03.2/00.1/net\n"),
	      "a NIC gets its net link and altname");
	CHECK(streq(output(&m, PREDICT_PATHS),
		    "br pci-bridge pci0000:20/00/00/01\n"
		    "d0 virtio-blk-pci 02/00/01/00\n"
		    "deep virtio-blk-pci pci0000:20/00/00/01/1f.7\n"
		    "dn1 xio3130-downstream 02/00/01\n"
		    "esc virtio-blk-pci 04\n"
		    "n0 virtio-net-pci 03.2/00.1\n"
		    "nv nvme 06\n"
		    "pci.3 pcie-root-port 03.2\n"
		    "ppb pcie-pci-bridge pci0000:20/00/00\n"
		    "pxb pxb-pcie 08\n"
		    "rp2 pcie-root-port 02\n"
		    "rpx pcie-root-port pci0000:20/00\n"
		    "scsi0 virtio-scsi-pci 05\n"
		    "up x3130-upstream 02/00\n"),
	      "--format=paths: every function with an id, sorted as LC_ALL=C sort");
	predict_model_free(&m);

	/* pc: the root bus is pci.0; pcie.0 does not exist there. */
	r = load(&m, PREDICT_QEMU, "-M pc -device e1000,id=n,bus=pci.0,addr=3");
	CHECK(r == 0 && streq(path_of(&m, "n"), "03"), "pc: pci.0 is the root bus");
	predict_model_free(&m);
	r = load(&m, PREDICT_QEMU, "-M pc -device e1000,id=n,bus=pcie.0,addr=3");
	CHECK(r < 0 && strstr(m.error, "unknown bus 'pcie.0'"), "pc has no pcie.0 (%s)",
	      m.error);
	predict_model_free(&m);
	/* /proc/PID/cmdline: NUL-separated words, taken as they are. */
	{
		static const char nul[] = "qemu\0-device\0virtio-blk-pci,id=a b,addr=2\0";

		predict_model_init(&m, PREDICT_QEMU);
		r = predict_parse_qemu(&m, nul, sizeof(nul) - 1);
		CHECK(r < 0 && strstr(m.error, "invalid id 'a b'"),
		      "NUL-separated words keep their blanks (%s)", m.error);
		predict_model_free(&m);
	}

	static const struct {
		const char *in, *error;
	} bad[] = {
		{"-device virtio-blk-pci,bus=nope,addr=2", "unknown bus 'nope'"},
		{"-device virtio-blk-pci,bus=pcie.0,addr=20", "out of range"},
		{"-device virtio-blk-pci,bus=pcie.0,addr=2.8", "out of range"},
		{"-device virtio-blk-pci,bus=pcie.0,addr=zz", "invalid addr"},
		{"-device pci-bridge,id=b1,bus=b2,addr=1 -device "
		 "pci-bridge,id=b2,bus=b1,addr=1",
		 "loop"},
		{"-device pci-bridge,id=b1,bus=b1,addr=1", "loop"},
		{"-device e1000,id=a,addr=3 -device e1000,id=a,addr=4",
		 "two devices with id"},
		{"-device e1000,addr=3 -device e1000,addr=3", "two devices at 03"},
		{"-device '{\"driver\":\"e1000\",\"addr\":' ", "invalid JSON"},
		{"-device '{\"id\":\"x\"}'", "no driver"},
		{"-device '{\"driver\":\"e1000\"} x'", "invalid JSON"},
		{"-device '{\"driver\":\"e1000\",\"addr\":300}'", "not a devfn"},
		{"-device 'virtio-blk-pci,addr=2", "unterminated"},
		{"-device \"virtio-blk-pci,addr=2", "unterminated"},
		{"-device", "without a value"},
		{"-device pxb-pcie,id=p,addr=3", "no bus_nr"},
		{"-device pxb-pcie,id=p,addr=3,bus_nr=256", "invalid bus_nr"},
		{"-device scsi-hd,bus=scsi9.0", "unknown bus 'scsi9.0'"},
		{"-device usb-kbd,bus=nothere.0", "unknown bus"},
		{"-device ,id=x", "no driver"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		r = load(&m, PREDICT_QEMU, bad[i].in);
		CHECK(r < 0 && strstr(m.error, bad[i].error) && !strchr(m.error, '\n'),
		      "refused with \"%s\": %s (%s)", bad[i].error, bad[i].in, m.error);
		predict_model_free(&m);
	}

	/* A chain deeper than a path can be. */
	{
		char buf[8192];
		size_t l = 0;

		l += (size_t)snprintf(buf + l, sizeof(buf) - l,
				      "-device pci-bridge,id=b0,bus=pcie.0,addr=1");
		for (int i = 1; i <= PCIPATH_MAX_HOPS; i++)
			l += (size_t)snprintf(buf + l, sizeof(buf) - l,
					      " -device pci-bridge,id=b%d,bus=b%d,addr=1",
					      i, i - 1);
		r = load(&m, PREDICT_QEMU, buf);
		CHECK(r < 0 && strstr(m.error, "hops"), "33 bridges deep is refused (%s)",
		      m.error);
		predict_model_free(&m);
	}

	/* Behind a bridge without addr: warned about, not guessed. */
	r = load(
		&m, PREDICT_QEMU,
		"-device pcie-root-port,id=rp -device virtio-blk-pci,id=d,bus=rp,addr=0");
	CHECK(r == 0 && n_warn == 2 && streq(path_of(&m, "d"), "(none)") &&
		      streq(output(&m, PREDICT_PATHS), ""),
	      "a bridge without addr: it and its devices are warned about, none printed");
	predict_model_free(&m);
}

static const char libvirt_xml[] =
	"<domain type='kvm'>\n"
	"  <name>t</name>\n"
	"  <devices>\n"
	"    <disk type='file' device='disk'>\n"
	"      <target dev='vda' bus='virtio'/>\n"
	"      <address type='pci' domain='0x0000' bus='0x03' slot='0x00' "
	"function='0x0'/>\n"
	"    </disk>\n"
	"    <disk type='file' device='cdrom'>\n"
	"      <target dev='sdb' bus='scsi'/>\n"
	"      <address type='drive' controller='0' bus='0' target='1' unit='4'/>\n"
	"    </disk>\n"
	"    <controller type='usb' index='0' model='ich9-ehci1'>\n"
	"      <address type='pci' domain='0x0000' bus='0x00' slot='0x1d' "
	"function='0x7'/>\n"
	"    </controller>\n"
	"    <controller type='usb' index='0' model='ich9-uhci1'>\n"
	"      <address type='pci' domain='0x0000' bus='0x00' slot='0x1d' function='0x0'"
	" multifunction='on'/>\n"
	"    </controller>\n"
	"    <controller type='sata' index='0'>\n"
	"      <address type='pci' domain='0x0000' bus='0x00' slot='0x1f' "
	"function='0x2'/>\n"
	"    </controller>\n"
	"    <controller type='pci' index='0' model='pcie-root'/>\n"
	"    <controller type='pci' index='1' model='pcie-root-port'>\n"
	"      <address type='pci' domain='0x0000' bus='0x00' slot='0x02' "
	"function='0x0'/>\n"
	"    </controller>\n"
	"    <controller type='pci' index='2' model='pcie-switch-upstream-port'>\n"
	"      <address type='pci' domain='0x0000' bus='0x01' slot='0x00' "
	"function='0x0'/>\n"
	"    </controller>\n"
	"    <controller type='pci' index='3' model='pcie-switch-downstream-port'>\n"
	"      <address type='pci' domain='0x0000' bus='0x02' slot='0x01' "
	"function='0x0'/>\n"
	"    </controller>\n"
	"    <controller type='pci' index='4' model='dmi-to-pci-bridge'>\n"
	"      <address type='pci' domain='0x0000' bus='0x00' slot='0x1e' "
	"function='0x0'/>\n"
	"    </controller>\n"
	"    <controller type='pci' index='5' model='pci-bridge'>\n"
	"      <address type='pci' domain='0x0000' bus='0x04' slot='0x01' "
	"function='0x0'/>\n"
	"    </controller>\n"
	"    <controller type='pci' index='6' model='pcie-expander-bus'>\n"
	"      <target busNr='254'/>\n"
	"      <address type='pci' domain='0x0000' bus='0x00' slot='0x05' "
	"function='0x0'/>\n"
	"    </controller>\n"
	"    <controller type='pci' index='7' model='pcie-root-port'>\n"
	"      <address type='pci' domain='0x0000' bus='0x06' slot='0x00' "
	"function='0x0'/>\n"
	"    </controller>\n"
	"    <controller type='scsi' index='0' model='virtio-scsi'>\n"
	"      <address type='pci' domain='0x0000' bus='0x00' slot='0x07' "
	"function='0x0'/>\n"
	"    </controller>\n"
	"    <interface type='network'>\n"
	"      <mac address='52:54:00:AB:cd:01'/>\n"
	"      <model type='virtio'/>\n"
	"      <address type='pci' domain='0x0000' bus='0x07' slot='0x00' "
	"function='0x0'/>\n"
	"    </interface>\n"
	"    <hostdev mode='subsystem' type='pci' managed='yes'>\n"
	"      <source><address domain='0x0000' bus='0x06' slot='0x02' function='0x1'/>"
	"</source>\n"
	"      <address type='pci' domain='0x0000' bus='0x05' slot='0x03' "
	"function='0x0'/>\n"
	"    </hostdev>\n"
	"    <video><model type='vga'/>\n"
	"      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' "
	"function='0x0'/>\n"
	"    </video>\n"
	"    <sound model='ich9'/>\n"
	"    <sound model='ich6'>\n"
	"      <address type='pci' domain='0x0000' bus='0x00' slot='0x1b' "
	"function='0x0'/>\n"
	"    </sound>\n"
	"    <memballoon model='virtio'>\n"
	"      <address type='pci' domain='0x0000' bus='0x00' slot='0x06' "
	"function='0x0'/>\n"
	"    </memballoon>\n"
	"  </devices>\n"
	"</domain>\n";

static void test_libvirt(void)
{
	struct predict_model m;
	int r;

	r = load(&m, PREDICT_LIBVIRT, libvirt_xml);
	CHECK(r == 0, "a q35 domain XML parses (%s)", m.error);
	CHECK(streq(path_of(&m, "disk vda"), "02/00/01/00"),
	      "disk vda behind a switch -> 02/00/01/00 (%s)", path_of(&m, "disk vda"));
	CHECK(streq(path_of(&m, "controller usb index=0 model=ich9-ehci1"), "1d.7") &&
		      streq(path_of(&m, "controller usb index=0 model=ich9-uhci1"), "1d"),
	      "USB companions sharing an index get the model in their key");
	CHECK(streq(path_of(&m, "controller sata index=0"), "1f.2"),
	      "the built-in SATA controller libvirt lists is included");
	CHECK(streq(path_of(&m, "controller pci index=5"), "1e/01"),
	      "pci-bridge behind dmi-to-pci-bridge -> 1e/01");
	CHECK(streq(path_of(&m, "hostdev 0000:06:02.1"), "1e/01/03"),
	      "hostdev keyed by its host address -> 1e/01/03 (%s)",
	      path_of(&m, "hostdev 0000:06:02.1"));
	CHECK(streq(path_of(&m, "interface 52:54:00:ab:cd:01"), "pci0000:fe/00/00"),
	      "interface (MAC lower-cased) behind a pcie-expander-bus busNr=254 (%s)",
	      path_of(&m, "interface 52:54:00:ab:cd:01"));
	CHECK(streq(path_of(&m, "controller pci index=6"), "05"),
	      "the expander bus itself is a function at 05");
	CHECK(streq(path_of(&m, "video 0"), "01") &&
		      streq(path_of(&m, "sound 1"), "1b") &&
		      streq(path_of(&m, "memballoon 0"), "06"),
	      "ELEMENT N counts every element of a name, addressed or not");
	CHECK(strstr(output(&m, PREDICT_LINKS),
		     "02/00/01/00 /dev/disk/by-pcipath/02/00/01/00\n") &&
		      strstr(output(&m, PREDICT_LINKS),
			     "07 /dev/disk/by-pcipath/07-scsi-0:0:1:4\n"),
	      "virtio disk and virtio-scsi LUN links");
	CHECK(strstr(output(&m, PREDICT_LINKS),
		     "pci0000:fe/00/00 pcipath-pci0000_fe-00-00\n"),
	      "the NIC's altname uses the tag");
	CHECK(strstr(output(&m, PREDICT_PATHS), "controller pci index=1 02\n"
						"controller pci index=2 02/00\n"),
	      "--format=paths: KEY PATH");
	predict_model_free(&m);

	static const struct {
		const char *in, *error;
	} bad[] = {
		{"<domain><devices><disk><target dev='vda' bus='virtio'/>"
		 "<address type='pci' bus='0x09' slot='1'/></disk></devices></domain>",
		 "unknown bus '9'"},
		{"<domain><devices><disk><target dev='vda'/>"
		 "<address type='pci' bus='0' slot='0x20'/></disk></devices></domain>",
		 "out of range"},
		{"<domain><devices>"
		 "<controller type='pci' index='1' model='pci-bridge'>"
		 "<address type='pci' bus='2' slot='1'/></controller>"
		 "<controller type='pci' index='2' model='pci-bridge'>"
		 "<address type='pci' bus='1' slot='1'/></controller>"
		 "</devices></domain>",
		 "loop"},
		{"<domain><devices><disk>", "invalid XML"},
		{"not xml", "invalid XML"},
		{"<vm/>", "not a libvirt domain"},
		{"<domain/>", "no <devices>"},
		{"<domain><devices><controller type='pci' index='1' "
		 "model='pcie-expander-bus'>"
		 "<address type='pci' bus='0' slot='3'/></controller></devices></domain>",
		 "busNr"},
		{"<domain><devices><controller type='pci' index='1' model='warp-drive'>"
		 "<address type='pci' bus='0' slot='3'/></controller></devices></domain>",
		 "unknown pci controller model"},
		{"<domain><devices><video><address type='pci' domain='1' bus='0' "
		 "slot='3'/>"
		 "</video></devices></domain>",
		 "domain"},
		{"<domain><devices><video><address type='pci' bus='0' slot='3'/></video>"
		 "<sound><address type='pci' bus='0' "
		 "slot='3'/></sound></devices></domain>",
		 "two devices at 03"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		r = load(&m, PREDICT_LIBVIRT, bad[i].in);
		CHECK(r < 0 && strstr(m.error, bad[i].error) && !strchr(m.error, '\n'),
		      "XML refused with \"%s\" (%s)", bad[i].error, m.error);
		predict_model_free(&m);
	}
}

static void test_qmp(void)
{
	struct predict_model m;
	int r;

	r = load(
		&m, PREDICT_QMP,
		"{\"return\": [{\"bus\": 0, \"devices\": ["
		"{\"bus\": 0, \"slot\": 0, \"function\": 0, \"class_info\": {\"class\": "
		"1536},"
		" \"id\": {\"vendor\": 32902, \"device\": 10688}, \"qdev_id\": \"\"},"
		"{\"bus\": 0, \"slot\": 2, \"function\": 0, \"class_info\": {\"class\": "
		"1540},"
		" \"id\": {\"vendor\": 6966, \"device\": 12}, \"qdev_id\": \"rp2\","
		" \"pci_bridge\": {\"bus\": {\"number\": 1, \"secondary\": 1, "
		"\"subordinate\": 1},"
		" \"devices\": [{\"bus\": 1, \"slot\": 0, \"function\": 0,"
		" \"class_info\": {\"class\": 256}, \"id\": {\"vendor\": 6900, "
		"\"device\": 4162},"
		" \"qdev_id\": \"\"}]}},"
		"{\"bus\": 0, \"slot\": 3, \"function\": 1, \"class_info\": {\"class\": "
		"512},"
		" \"id\": {\"vendor\": 6900, \"device\": 4161}, \"qdev_id\": \"nic\"}]},"
		" {\"bus\": 32, \"devices\": [{\"bus\": 32, \"slot\": 0, \"function\": 0,"
		" \"class_info\": {\"class\": 1540}, \"id\": {\"vendor\": 6966, "
		"\"device\": 12},"
		" \"qdev_id\": \"rpx\"}]}]}\n");
	CHECK(r == 0, "a query-pci reply parses (%s)", m.error);
	CHECK(streq(path_of(&m, "rp2"), "02") && streq(path_of(&m, "nic"), "03.1") &&
		      streq(path_of(&m, "rpx"), "pci0000:20/00"),
	      "qdev ids, functions and a second root bus");
	CHECK(streq(output(&m, PREDICT_LINKS), "00\n"
					       "02\n"
					       "02/00\n"
					       "02/00 /dev/by-pcipath/02/00/disk\n"
					       "02/00 /dev/disk/by-pcipath/02/00\n"
					       "03.1\n"
					       "03.1 /dev/by-pcipath/03.1/net\n"
					       "03.1 pcipath-03.1\n"
					       "pci0000:20/00\n"),
	      "nested bridges, virtio-blk (1af4:1042) and NIC (class 02) links");
	CHECK(streq(output(&m, PREDICT_PATHS), "nic 03.1\nrp2 02\nrpx pci0000:20/00\n"),
	      "--format=paths: QDEV_ID PATH");
	predict_model_free(&m);

	static const struct {
		const char *in, *error;
	} bad[] = {
		{"{\"return\": [", "invalid JSON"},
		{"[] x", "data after"},
		{"{\"error\": {\"class\": \"GenericError\"}}", "error"},
		{"{\"return\": {}}", "not a list"},
		{"[{\"devices\": []}]", "root bus"},
		{"[{\"bus\": 0, \"devices\": [{\"slot\": 32, \"function\": 0}]}]",
		 "slot"},
		{"[{\"bus\": 0, \"devices\": [{\"slot\": 1, \"function\": 0},"
		 " {\"slot\": 1, \"function\": 0}]}]",
		 "two devices at 01"},
		{"[{\"bus\": 0}, {\"bus\": 0}]", "twice"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		r = load(&m, PREDICT_QMP, bad[i].in);
		CHECK(r < 0 && strstr(m.error, bad[i].error),
		      "query-pci refused with \"%s\" (%s)", bad[i].error, m.error);
		predict_model_free(&m);
	}
}

int main(void)
{
	test_addr();
	test_qemu();
	test_libvirt();
	test_qmp();
	return tap_done();
}
