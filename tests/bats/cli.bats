#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# cli.bats: every pcipath(1) subcommand on a fake sysfs tree in a private namespace:
# exact stdout and stderr, exit codes, and show's module states from a fake module dir.

load test_helper

PCIPATH="$PCIPATH_BUILD_DIR/pcipath"
KVER=9.9.9-pcipath

# fake_fn SYS PARENT BDF CLASS VENDOR:DEVICE [DRIVER]: a PCI function with the uevent
# the kernel writes (PCI_CLASS without leading zeros, upper-case ids); echoes its devpath.
fake_fn() {
	local sys=$1 parent=$2 bdf=$3 class=$4 id=$5 driver=${6-} d v dv
	d=$(fake_pci "$sys" "$parent" "$bdf")
	v=${id%:*} dv=${id#*:}
	{
		[ -n "$driver" ] && echo "DRIVER=$driver"
		echo "PCI_CLASS=$(printf %X $((16#$class)))"
		echo "PCI_ID=${v^^}:${dv^^}"
		echo "PCI_SUBSYS_ID=${v^^}:1100"
		echo "PCI_SLOT_NAME=$bdf"
		printf 'MODALIAS=pci:v0000%sd0000%ssv0000%ssd00001100bc%ssc%si%s\n' "${v^^}" \
			"${dv^^}" "${v^^}" "${class:0:2}" "${class:2:2}" "${class:4:2}"
	} >"$sys/$d/uevent"
	echo "$d"
}

# fake_class_dev SYS PARENT CLASS NAME [MAJ:MIN]: a class device (drm, net, ...).
fake_class_dev() {
	local sys=$1 parent=$2 class=$3 name=$4 devnum=${5-} d
	d="$parent/$class/$name"
	if [ -n "$devnum" ]; then
		local devname=$name
		[ "$class" = drm ] && devname=dri/$name
		fake_dev "$sys" "$d" "$class" "MAJOR=${devnum%:*}" "MINOR=${devnum#*:}" "DEVNAME=$devname"
		echo "$devnum" >"$sys/$d/dev"
		ln -sfn "$(relpath "$sys/dev/char" "$sys/$d")" "$sys/dev/char/$devnum"
	else
		fake_dev "$sys" "$d" "$class" "INTERFACE=$name"
	fi
	echo "$d"
}

# The module dir: fakeblk matches virtio-blk but its file is gone (missing), fakenet
# matches virtio-net and is there (available), bltin is built in for Intel host bridges.
make_moddir() {
	local base=$1 dir=$1/lib/modules/$KVER m
	mkdir -p "$dir/kernel/drivers"
	for m in fakeblk:1042 fakenet:1041; do
		cat >"$base/${m%:*}.c" <<-EOF
			__attribute__((section(".modinfo"), used)) static const char a[] =
				"alias=pci:v00001AF4d0000${m#*:}sv*sd*bc*sc*i*";
			__attribute__((section(".modinfo"), used)) static const char n[] = "name=${m%:*}";
			__attribute__((section(".modinfo"), used)) static const char d[] = "depends=";
		EOF
		cc -c "$base/${m%:*}.c" -o "$dir/kernel/drivers/${m%:*}.ko"
	done
	# bltvirt: built in with no alias in modules.builtin.modinfo, as Linux 6.12's
	# virtio_pci is.
	printf '%s\n' kernel/drivers/bltin.ko kernel/drivers/bltvirt.ko >"$dir/modules.builtin"
	printf 'bltin.alias=pci:v00008086d000029C0sv*sd*bc*sc*i*\0' >"$dir/modules.builtin.modinfo"
	depmod -b "$base" "$KVER" 2>/dev/null
	rm "$dir/kernel/drivers/fakeblk.ko"
	echo "$dir"
}

setup_file() {
	MODDIR=$(make_moddir "$BATS_FILE_TMPDIR/mods")
	export MODDIR
}

setup() {
	SYS="$BATS_TEST_TMPDIR/sys"
	fake_root "$SYS"
	mkdir -p "$SYS/class/nvme"
	: >"$SYS/bus/pci/rescan"
	ROOT=$(fake_host_bridge "$SYS" pci0000:00)
	fake_fn "$SYS" "$ROOT" 0000:00:00.0 060000 8086:29c0 >/dev/null
	GPU=$(fake_fn "$SYS" "$ROOT" 0000:00:01.0 030000 1234:1111 bochs-drm)
	fake_class_dev "$SYS" "$GPU" drm card0 226:0 >/dev/null
	fake_dev "$SYS" "$GPU/drm/card0/card0-Virtual-1" drm
	BLK=$(fake_fn "$SYS" "$ROOT" 0000:00:02.0 010000 1af4:1042 virtio-pci)
	vda=$(fake_block "$SYS" "$BLK/virtio1" vda 254:0)
	fake_block "$SYS" "$vda" vda1 254:1 >/dev/null
	RP=$(fake_fn "$SYS" "$ROOT" 0000:00:1c.0 060400 1b36:000c pcieport)
	NET=$(fake_fn "$SYS" "$RP" 0000:01:00.0 020000 1af4:1041 virtio-pci)
	fake_class_dev "$SYS" "$NET/virtio2" net enp1s0 >/dev/null
	RP1=$(fake_fn "$SYS" "$ROOT" 0000:00:1c.1 060400 1b36:000c pcieport)
	PF=$(fake_fn "$SYS" "$RP1" 0000:02:00.0 020000 8086:10c9 igb)
	# igb's SR-IOV capability: first VF at offset 0x80, stride 2.
	echo 128 >"$SYS/$PF/sriov_offset"
	echo 2 >"$SYS/$PF/sriov_stride"
	for i in 0 1; do
		vf=$(fake_fn "$SYS" "$RP1" "0000:02:10.$((i * 2))" 020000 8086:10ca)
		ln -s "../$(basename "$vf")" "$SYS/$PF/virtfn$i"
		ln -s "../$(basename "$PF")" "$SYS/$vf/physfn"
	done
	PXB=$(fake_host_bridge "$SYS" pci0000:20)
	RP20=$(fake_fn "$SYS" "$PXB" 0000:20:00.0 060400 1b36:000c pcieport)
	NVME=$(fake_fn "$SYS" "$RP20" 0000:21:00.0 010802 1b36:0010 nvme)
	ctrl=$(fake_class_dev "$SYS" "$NVME/nvme" nvme nvme0 239:0)
	fake_block "$SYS" "$ctrl" nvme0n1 259:0 >/dev/null
	fake_dev "$SYS" devices/virtual/net/lo net INTERFACE=lo
	ln -sfn "$(relpath "$SYS/class/net" "$SYS/devices/virtual/net/lo")" "$SYS/class/net/lo"
}

# pp ARGS...: pcipath in the fake tree.
pp() {
	in_sysfs "$SYS" "$PCIPATH" "$@"
}

# pp_sh SCRIPT: a shell script in the fake tree ($PCIPATH set), for /dev nodes and links.
pp_sh() {
	in_sysfs "$SYS" env PCIPATH="$PCIPATH" MODDIR="$MODDIR" bash -c "$1"
}

@test "list prints every function in path order, with nodes, numbers only" {
	run -0 --separate-stderr pp list --numeric
	assert_output "00               0000:00:00.0 060000 8086:29c0 - -
01               0000:00:01.0 030000 1234:1111 bochs-drm /dev/dri/card0
02               0000:00:02.0 010000 1af4:1042 virtio-pci /dev/vda,/dev/vda1
1c               0000:00:1c.0 060400 1b36:000c pcieport -
1c/00            0000:01:00.0 020000 1af4:1041 virtio-pci enp1s0
1c.1             0000:00:1c.1 060400 1b36:000c pcieport -
1c.1/00          0000:02:00.0 020000 8086:10c9 igb -
1c.1/00v0        0000:02:10.0 020000 8086:10ca - -
1c.1/00v1        0000:02:10.2 020000 8086:10ca - -
pci0000:20/00    0000:20:00.0 060400 1b36:000c pcieport -
pci0000:20/00/00 0000:21:00.0 010802 1b36:0010 nvme /dev/nvme0n1"
	[ -z "$stderr" ]
}

@test "list --tree draws bridges, VFs below their PF, one tree per root bus" {
	run -0 --separate-stderr pp list --tree -n
	assert_output "pci0000:00
|-- 00 0000:00:00.0 060000 8086:29c0 - -
|-- 01 0000:00:01.0 030000 1234:1111 bochs-drm /dev/dri/card0
|-- 02 0000:00:02.0 010000 1af4:1042 virtio-pci /dev/vda,/dev/vda1
|-- 1c 0000:00:1c.0 060400 1b36:000c pcieport -
|   \`-- 1c/00 0000:01:00.0 020000 1af4:1041 virtio-pci enp1s0
\`-- 1c.1 0000:00:1c.1 060400 1b36:000c pcieport -
    \`-- 1c.1/00 0000:02:00.0 020000 8086:10c9 igb -
        |-- 1c.1/00v0 0000:02:10.0 020000 8086:10ca - -
        \`-- 1c.1/00v1 0000:02:10.2 020000 8086:10ca - -
pci0000:20
\`-- pci0000:20/00 0000:20:00.0 060400 1b36:000c pcieport -
    \`-- pci0000:20/00/00 0000:21:00.0 010802 1b36:0010 nvme /dev/nvme0n1"
	[ -z "$stderr" ]
}

@test "list --json is valid JSON with parents, nodes and links" {
	run -0 --separate-stderr pp_sh '
		mknod /dev/vda b 254 0 && mknod /dev/vda1 b 254 1
		mkdir -p /dev/by-pcipath/02 /dev/disk/by-pcipath
		ln -s ../../vda /dev/by-pcipath/02/disk
		ln -s ../../vda1 /dev/by-pcipath/02/disk-part1
		ln -s ../../vda1 /dev/disk/by-pcipath/02-part1
		$PCIPATH list --json --numeric'
	[ -z "$stderr" ]
	run -0 jq -c '.[] | select(.path == "02") | [.parent, .bdf, .driver, .nodes[].links]' <<<"$output"
	assert_output '[null,"0000:00:02.0","virtio-pci",["/dev/by-pcipath/02/disk"],["/dev/by-pcipath/02/disk-part1","/dev/disk/by-pcipath/02-part1"]]'
}

@test "list shows each node's /dev/by-pcipath entry when the link is there" {
	run -0 --separate-stderr pp_sh '
		mknod /dev/vda b 254 0 && mkdir -p /dev/by-pcipath/02
		ln -s ../../vda /dev/by-pcipath/02/disk
		$PCIPATH list -n | grep ^02'
	assert_output "02               0000:00:02.0 010000 1af4:1042 virtio-pci /dev/vda=disk,/dev/vda1"
}

@test "list --json on the VF names its PF and its parent" {
	run -0 pp list --json -n
	run -0 jq -c '.[] | select(.path == "1c.1/00v1") | [.parent, .physfn, .class, .vendor, .device]' <<<"$output"
	assert_output '["1c.1/00","0000:02:00.0","020000","8086","10ca"]'
}

@test "resolve walks down by slot and function, whatever the bus numbers" {
	run -0 --separate-stderr pp resolve 1c/00
	assert_output "0000:01:00.0 /sys/devices/pci0000:00/0000:00:1c.0/0000:01:00.0"
	run -0 --separate-stderr pp resolve pci0000:20/00/00
	assert_output "0000:21:00.0 /sys/devices/pci0000:20/0000:20:00.0/0000:21:00.0"
}

@test "resolve accepts every input form and follows a VF hop through virtfn" {
	run -0 pp resolve 1C.1/0v1
	assert_output "0000:02:10.2 /sys/devices/pci0000:00/0000:00:1c.1/0000:02:10.2"
	run -0 pp resolve 20/00/00
	assert_output "0000:21:00.0 /sys/devices/pci0000:20/0000:20:00.0/0000:21:00.0"
	run -0 pp resolve 02.0
	assert_output "0000:00:02.0 /sys/devices/pci0000:00/0000:00:02.0"
}

@test "resolve --json" {
	run -0 --separate-stderr pp resolve --json 1c.1/00v0
	assert_output '{"path":"1c.1/00v0","tag":"1c.1-00v0","bdf":"0000:02:10.0","syspath":"/sys/devices/pci0000:00/0000:00:1c.1/0000:02:10.0"}'
}

@test "resolve explains a path that leads nowhere, in one line, exit 1" {
	run -1 --separate-stderr pp resolve 1c/05
	assert_output ""
	[ "$stderr" = "pcipath: resolve: 1c/05: no PCI function 05 below 1c (0000:00:1c.0)" ]
	run -1 --separate-stderr pp resolve 07
	[ "$stderr" = "pcipath: resolve: 07: no PCI function 07 on root bus pci0000:00" ]
	run -1 --separate-stderr pp resolve pci0001:00/02
	[ "$stderr" = "pcipath: resolve: pci0001:00/02: no root bus pci0001:00" ]
	run -1 --separate-stderr pp resolve 1c.1/00v5
	[ "$stderr" = "pcipath: resolve: 1c.1/00v5: 00 (0000:02:00.0) has no VF 5" ]
	# A VF has no functions below it: not even a path (SPEC 1's grammar).
	run -1 --separate-stderr pp resolve 1c.1/00v0/00
	[ "$stderr" = "pcipath: resolve: '1c.1/00v0/00' is not a PCI path: a VF hop (SSvN) must be the last hop" ]
}

@test "resolve refuses a malformed path with the parser's reason" {
	run -1 --separate-stderr pp resolve 02//01
	assert_output ""
	[ "$stderr" = "pcipath: resolve: '02//01' is not a PCI path: empty hop (leading, trailing or doubled '/')" ]
	run -1 --separate-stderr pp resolve 20
	[ "$stderr" = "pcipath: resolve: '20' is not a PCI path: slot out of range (00..1f); a root bus >= 20 in Kata's form needs at least two more hops" ]
}

@test "of names the function of a device node, a link, a sysfs path, a BDF, an interface" {
	run -0 --separate-stderr pp_sh '
		mknod /dev/vda1 b 254 1 && mknod /dev/nvme0n1 b 259 0
		mkdir -p /dev/disk/by-id && ln -s ../../vda1 /dev/disk/by-id/virtio-x-part1
		for a in /dev/vda1 /dev/disk/by-id/virtio-x-part1 /dev/nvme0n1 nvme0n1 \
			/sys/class/block/vda /devices/pci0000:00/0000:00:01.0/drm/card0 \
			0000:01:00.0 02:10.2 enp1s0 /sys/class/net/enp1s0; do
			$PCIPATH of "$a" || exit 1
		done'
	assert_output "02
02
pci0000:20/00/00
pci0000:20/00/00
02
01
1c/00
1c.1/00v1
1c/00
1c/00"
	[ -z "$stderr" ]
}

@test "of --json gives the function's BDF and syspath" {
	run -0 pp of --json /sys/class/block/vda1
	assert_output '{"path":"02","tag":"02","bdf":"0000:00:02.0","syspath":"/sys/devices/pci0000:00/0000:00:02.0"}'
}

@test "of refuses what has no PCI function, or is no device, in one line" {
	run -1 --separate-stderr pp of lo
	assert_output ""
	[ "$stderr" = "pcipath: of: lo: no PCI function among its ancestors" ]
	run -1 --separate-stderr pp of 0000:07:00.0
	[ "$stderr" = "pcipath: of: 0000:07:00.0: no such PCI function" ]
	run -1 --separate-stderr pp of eth9
	[ "$stderr" = "pcipath: of: eth9: no such network interface or device node" ]
	run -1 --separate-stderr pp of 'a b'
	[ "$stderr" = "pcipath: of: 'a b' is no device node, sysfs path, BDF or interface name" ]
	run -1 --separate-stderr pp of /sys/../etc/passwd
	[ "$stderr" = "pcipath: of: /sys/../etc/passwd: not a device in /sys/devices" ]
}

@test "show names a missing module: the disk never appeared because of the image" {
	run -0 --separate-stderr pp show -n --moddir "$MODDIR" 02
	assert_output "path:      02
tag:       02
bdf:       0000:00:02.0
syspath:   /sys/devices/pci0000:00/0000:00:02.0
class:     010000
vendor:    1af4
device:    1042
subsystem: 1af4:1100
modalias:  pci:v00001AF4d00001042sv00001AF4sd00001100bc01sc00i00
driver:    virtio-pci
node:      block /dev/vda
node:      block /dev/vda1
module:    fakeblk missing"
	[ -z "$stderr" ]
}

@test "show names a bound driver's built-in module that no alias matches (Linux 6.12)" {
	fn=$(fake_fn "$SYS" "$ROOT" 0000:00:0a.0 010000 1af4:1099 virtio-pci)
	mkdir -p "$SYS/bus/pci/drivers/virtio-pci" "$SYS/module/bltvirt"
	ln -s ../../../../module/bltvirt "$SYS/bus/pci/drivers/virtio-pci/module"
	ln -s "$(relpath "$SYS/$fn" "$SYS/bus/pci/drivers/virtio-pci")" "$SYS/$fn/driver"
	run -0 --separate-stderr pp show -n --moddir "$MODDIR" 0a
	assert_line "driver:    virtio-pci"
	assert_line "module:    bltvirt builtin"
	refute_line --partial "none matches"
}

@test "show reports available and builtin modules, and a function no module matches" {
	run -0 --separate-stderr pp show -n --moddir "$MODDIR" 1c/00
	assert_line "module:    fakenet available"
	run -0 --separate-stderr pp show -n --moddir "$MODDIR" 00
	assert_line "driver:    none"
	assert_line "module:    bltin builtin"
	refute_line --partial "note:"
	run -0 --separate-stderr pp show -n --moddir "$MODDIR" 1c.1/00v1
	assert_line "physfn:    0000:02:00.0"
	assert_line "module:    none matches the modalias in $MODDIR"
	assert_line "note:      no driver bound, and no module for it in this image"
}

@test "show --json lists modules with their state" {
	run -0 --separate-stderr pp show --json -n -d "$MODDIR" 02
	run -0 jq -c '[.path, .driver, .modules, [.nodes[].devnode]]' <<<"$output"
	assert_output "[\"02\",\"virtio-pci\",[{\"name\":\"fakeblk\",\"state\":\"missing\",\"path\":\"$MODDIR/kernel/drivers/fakeblk.ko\"}],[\"/dev/vda\",\"/dev/vda1\"]]"
}

@test "show says so when the module dir has no indexes, and still shows the function" {
	run -0 --separate-stderr pp show -n --moddir /nonexistent 02
	assert_line "driver:    virtio-pci"
	[ "$stderr" = "pcipath: no module indexes in /nonexistent: No such file or directory" ]
}

@test "wait prints the node that is already there, at once" {
	run -0 --separate-stderr pp wait 02 --kind block --timeout 1
	assert_output "/dev/vda"
	[ -z "$stderr" ]
	run -0 --separate-stderr pp wait 1c --kind net -t 1
	assert_output "enp1s0"
	run -0 pp wait pci0000:20/00 -t 1
	assert_output "/dev/nvme0n1"
	run -0 pp wait 01 --kind drm -t 1
	assert_output "/dev/dri/card0"
}

@test "wait sees a node that appears later (no udevd: sysfs and kernel events)" {
	run -0 --separate-stderr pp_sh '
		(sleep 0.4; mkdir -p /sys/devices/pci0000:00/0000:00:1c.1/0000:02:00.0/net/eth7
		 ln -s ../../devices/pci0000:00/0000:00:1c.1/0000:02:00.0/net/eth7 /sys/class/net/eth7) &
		$PCIPATH wait 1c.1/00 --kind net --timeout 5; rc=$?; wait; exit $rc'
	assert_output "eth7"
	[ -z "$stderr" ]
}

@test "wait times out with exit 124 and says what it waited for" {
	run -124 --separate-stderr pp wait 02 --kind net --timeout 0.2
	assert_output ""
	[ "$stderr" = "pcipath: wait: timed out after 0.200 s: no node of kind net below 02" ]
	run -124 --separate-stderr pp wait 1c/07 -t 0
	[ "$stderr" = "pcipath: wait: timed out after 0.000 s: 1c/07: no PCI function 07 below 1c (0000:00:1c.0)" ]
}

@test "wait --rescan writes the rescan file; --load-modules tries the modalias's module" {
	fake_fn "$SYS" "$ROOT" 0000:00:03.0 010000 1af4:1042 >/dev/null
	run -124 --separate-stderr pp_sh '
		$PCIPATH wait 03 -t 0.3 --rescan --load-modules --moddir "$MODDIR"; rc=$?
		echo "rescan=$(cat /sys/bus/pci/rescan)"; exit $rc'
	assert_output "rescan=1"
	assert_equal "${stderr_lines[0]}" "pcipath: wait: cannot load fakeblk for pci:v00001AF4d00001042sv00001AF4sd00001100bc01sc00i00: No such file or directory"
	assert_equal "${stderr_lines[-1]}" "pcipath: wait: timed out after 0.300 s: no node below 03"
}

@test "usage errors exit 2 with one line; --help works for every command" {
	run -2 --separate-stderr pp
	[ "$stderr" = "pcipath: missing command; see 'pcipath --help'" ]
	run -2 --separate-stderr pp frobnicate
	[ "$stderr" = "pcipath: unknown command 'frobnicate'; see 'pcipath --help'" ]
	run -2 --separate-stderr pp resolve
	[ "$stderr" = "pcipath: resolve: missing PATH; see 'pcipath resolve --help'" ]
	run -2 --separate-stderr pp of a b
	[ "$stderr" = "pcipath: of: too many arguments; see 'pcipath of --help'" ]
	run -2 --separate-stderr pp wait 02 --kind disk
	[ "$stderr" = "pcipath: wait: unknown kind 'disk' (block, drm, serial, net, vfio)" ]
	run -2 --separate-stderr pp wait 02 --timeout 1s
	[ "$stderr" = "pcipath: wait: bad timeout '1s' (seconds, 0 to 86400, e.g. 2.5)" ]
	for c in list resolve of show wait; do
		run -0 "$PCIPATH" "$c" --help
		assert_line --index 0 --partial "Usage: pcipath $c"
	done
	run -0 "$PCIPATH" --version
}

# check_recorded NAME: on tests/fixtures/NAME.sysfs (recorded in a QEMU guest), pcipath
# agrees with NAME.expected, which pcipath_id's output and udev's links fill: `of` gives
# every device's ID_PCI_PATH, `resolve` leads each path back to its function, `list`
# gives each function its path and each /dev/by-pcipath link's target among its nodes.
check_recorded() {
	local name=$1 dir=$BATS_TEST_TMPDIR/$1
	"$PCIPATH_SOURCE_DIR/tests/fixtures/load-sysfs" \
		"$PCIPATH_SOURCE_DIR/tests/fixtures/$name.sysfs" "$dir"
	run -0 --separate-stderr in_sysfs "$dir" env PCIPATH="$PCIPATH" \
		EXPECTED="$PCIPATH_SOURCE_DIR/tests/fixtures/$name.expected" bash -c '
		bdf_re="^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$"
		list=$("$PCIPATH" list --numeric) || exit 1
		n_of=0 n_fn=0 n_link=0
		while read -r devpath props; do
			case $devpath in
			/devices/*)
				want=${props#ID_PCI_PATH=}
				want=${want%% *}
				got=$("$PCIPATH" of "$devpath") || exit 1
				[[ $got == "$want" ]] || { echo "of $devpath: $got, want $want"; exit 1; }
				n_of=$((n_of + 1))
				bdf=${devpath##*/}
				[[ $bdf =~ $bdf_re ]] || continue
				got=$("$PCIPATH" resolve "$want") || exit 1
				[[ $got == "$bdf /sys$devpath" ]] || { echo "resolve $want: $got"; exit 1; }
				got=$(awk -v b="$bdf" "\$2 == b { print \$1 }" <<<"$list")
				[[ $got == "$want" ]] || { echo "list $bdf: $got, want $want"; exit 1; }
				n_fn=$((n_fn + 1))
				;;
			/dev/by-pcipath/*)
				link=${devpath#/dev/by-pcipath/}
				target=${props#-> }
				[[ $target == /sys/class/net/* ]] && target=${target##*/}
				line=$(awk -v p="${link%/*}" "\$1 == p" <<<"$list")
				[[ ,$(awk "{ print \$6 }" <<<"$line"), == *,"$target"[,=]* ]] ||
					{ echo "list ${link%/*}: no $target in: $line"; exit 1; }
				n_link=$((n_link + 1))
				;;
			esac
		done <"$EXPECTED"
		echo "$n_of devices, $n_fn functions, $n_link links"'
	[ -z "$stderr" ]
	assert_output --regexp '^[1-9][0-9]* devices, [1-9][0-9]* functions, [1-9][0-9]* links$'
}

@test "recorded bridges tree: of, resolve and list agree with pcipath_id and udev's links" {
	check_recorded bridges
}

@test "recorded storage tree: of, resolve and list agree with pcipath_id and udev's links" {
	check_recorded storage
}

@test "recorded chardev tree: of, resolve and list agree with pcipath_id and udev's links" {
	check_recorded chardev
}
