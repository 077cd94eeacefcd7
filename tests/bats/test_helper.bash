# SPDX-License-Identifier: LGPL-2.1-or-later
# test_helper.bash: shared setup for the data suite: builders of small fake sysfs trees
# and runners that use them inside a private namespace (tests/lib/in-fake-sysfs).

bats_require_minimum_version 1.5.0
load /usr/lib/bats/bats-support/load
load /usr/lib/bats/bats-assert/load

: "${PCIPATH_BUILD_DIR:?set by meson}"
: "${PCIPATH_SOURCE_DIR:?set by meson}"
PCIPATH_ID="$PCIPATH_BUILD_DIR/pcipath_id"
IN_FAKE_SYSFS="$PCIPATH_SOURCE_DIR/tests/lib/in-fake-sysfs"

# relpath FROM_DIR TO: a relative symlink target, as the kernel writes them.
relpath() {
	realpath -m --relative-to="$1" "$2"
}

# fake_root SYS: the skeleton every tree needs.
fake_root() {
	local sys=$1
	mkdir -p "$sys"/{devices,bus/pci/devices,bus/pci/drivers,class/block,class/net,class/tty,class/drm,dev/block,dev/char}
}

# fake_dev SYS DEVPATH SUBSYSTEM [UEVENT_LINES...]: a device dir with uevent and subsystem.
fake_dev() {
	local sys=$1 devpath=$2 subsystem=$3
	shift 3
	local d="$sys/$devpath"
	mkdir -p "$d"
	printf '%s\n' "$@" >"$d/uevent"
	if [ -n "$subsystem" ]; then
		case $subsystem in
		pci) mkdir -p "$sys/bus/pci" && ln -sfn "$(relpath "$d" "$sys/bus/pci")" "$d/subsystem"
		     ln -sfn "$(relpath "$sys/bus/pci/devices" "$d")" "$sys/bus/pci/devices/$(basename "$d")" ;;
		*) mkdir -p "$sys/class/$subsystem"
		   ln -sfn "$(relpath "$d" "$sys/class/$subsystem")" "$d/subsystem"
		   ln -sfn "$(relpath "$sys/class/$subsystem" "$d")" "$sys/class/$subsystem/$(basename "$d")" ;;
		esac
	fi
}

# fake_pci SYS PARENT_DEVPATH BDF: a PCI function below PARENT_DEVPATH; echoes its devpath.
fake_pci() {
	local sys=$1 parent=$2 bdf=$3
	fake_dev "$sys" "$parent/$bdf" pci "PCI_SLOT_NAME=$bdf"
	echo "$parent/$bdf"
}

# fake_sriov SYS PF_DEVPATH OFFSET STRIDE NUMVFS: NUMVFS VFs of the PF, as the kernel
# lays them out: VF i has routing ID PF + OFFSET + i * STRIDE, sits beside the PF
# (under the same bridge, maybe on a higher bus), and the two link each other.
fake_sriov() {
	local sys=$1 pf=$2 offset=$3 stride=$4 n=$5 i rid dom bus dev fn bdf parent
	parent=$(dirname "$pf")
	dom=${pf##*/}
	bus=$((16#${dom:5:2}))
	dev=$((16#${dom:8:2}))
	fn=${dom:11:1}
	dom=${dom:0:4}
	echo "$offset" >"$sys/$pf/sriov_offset"
	echo "$stride" >"$sys/$pf/sriov_stride"
	echo "$n" >"$sys/$pf/sriov_numvfs"
	for ((i = 0; i < n; i++)); do
		rid=$(((bus << 8 | dev << 3 | fn) + offset + i * stride))
		bdf=$(printf '%s:%02x:%02x.%d' "$dom" $((rid >> 8)) $(((rid >> 3) & 31)) $((rid & 7)))
		fake_pci "$sys" "$parent" "$bdf" >/dev/null
		ln -s "../$bdf" "$sys/$pf/virtfn$i"
		ln -s "../${pf##*/}" "$sys/$parent/$bdf/physfn"
	done
}

# fake_host_bridge SYS NAME: /sys/devices/pciDDDD:BB; echoes its devpath.
fake_host_bridge() {
	fake_dev "$1" "devices/$2" ""
	echo "devices/$2"
}

# fake_block SYS PARENT_DEVPATH NAME MAJ:MIN [partition N]
fake_block() {
	local sys=$1 parent=$2 name=$3 devnum=$4 d
	d="$parent/block/$name"
	fake_dev "$sys" "$d" block "MAJOR=${devnum%:*}" "MINOR=${devnum#*:}" "DEVNAME=$name" "DEVTYPE=disk"
	echo "$devnum" >"$sys/$d/dev"
	ln -sfn "$(relpath "$sys/dev/block" "$sys/$d")" "$sys/dev/block/$devnum"
	echo "$d"
}

# in_sysfs SYS CMD...: run CMD with SYS as /sys in a private namespace.
in_sysfs() {
	"$IN_FAKE_SYSFS" "$@"
}
