# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash
# Load file for the in-guest bats tests: assertions on links, and the QMP bridge.

# run -N and run ! need it (else bats warns, and meson sees unknown TAP lines).
bats_require_minimum_version 1.5.0

load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash
# The project's own bats library (bats-pcipath(7)), as the destdir installed it: the
# guest tests use it as an image's test suite would.
bats_load_library bats-pcipath

# settle [SECONDS]: udevadm settle, retried: under TCG, udevd now and then drops the
# control connection right after a hotplug burst ("Failed to wait for daemon to reply:
# Broken pipe"), which says nothing about the queue; a real timeout still fails.
settle() {
	local i
	for i in 1 2 3; do
		udevadm settle --timeout="${1:-30}" && return 0
		sleep 1
	done
	return 1
}

# wait_for PATH [SECONDS]: some nodes appear after the coldplug settle (NVMe scans
# namespaces asynchronously, virtio-serial ports come after the device). Poll, bounded.
wait_for() {
	local path=$1 limit=${2:-30} i
	for ((i = 0; i < limit * 5; i++)); do
		[[ -e $path || -L $path ]] && { settle 30; return; }
		sleep 0.2
	done
	echo "timed out after ${limit}s waiting for $path" >&2
	return 1
}

# wait_gone PATH [SECONDS]: the opposite, for unplug.
wait_gone() {
	local path=$1 limit=${2:-30} i
	for ((i = 0; i < limit * 5; i++)); do
		[[ -e $path || -L $path ]] || { settle 30; return; }
		sleep 0.2
	done
	echo "timed out after ${limit}s waiting for $path to go" >&2
	return 1
}

# assert_link LINK TARGET: LINK is a symlink (udev makes relative ones) that resolves
# to TARGET, itself resolved (so /dev/vda and /sys/class/net/x compare as real paths).
assert_link() {
	local link=$1 want=$2 got
	[[ -L $link ]] || fail "$link is not a symlink$(ls -ld "$(dirname "$link")"/* 2>/dev/null | sed 's/^/\n  /')"
	got=$(readlink -f "$link")
	want=$(readlink -f "$want")
	[[ $got == "$want" ]] || fail "$link resolves to $got, expected $want"
}

# assert_no_link LINK: nothing by that name (neither a link nor a dangling one).
assert_no_link() {
	[[ ! -e $1 && ! -L $1 ]] || fail "$1 exists: $(ls -ld "$1")"
}

# pci_dev HOP...: the sysfs directory of the PCI function at slot/function hops from
# the root bus (the first may be a pciDDDD:BB root), found by walking sysfs,
# independently of the helper under test (bats-pcipath's pcipath_function).
# Example: pci_dev 02 00 01 00 -> /sys/devices/pci0000:00/0000:00:02.0/.../0000:03:00.0
pci_dev() {
	local IFS=/
	pcipath_function "$*"
}

# block_of SYSDIR: the /dev node of the (first) block device below a PCI function.
block_of() {
	local b
	b=$(find "$1" -path '*/block/*' -name dev -not -path '*/block/*/*/*' 2>/dev/null | head -n1)
	[[ -n $b ]] || { echo "no block device under $1" >&2; return 1; }
	echo "/dev/$(basename "$(dirname "$b")")"
}

# host_qmp JSON: send one QMP command to the host's QEMU through the results share;
# prints QEMU's response line; fails on a QMP error or after 60 s without an answer.
host_qmp() {
	local n resp i
	# A sequence number per guest (tests run one at a time): unique request names.
	n=$(($(cat /tmp/qmp.seq 2>/dev/null || echo 0) + 1))
	echo "$n" >/tmp/qmp.seq
	printf '%s\n' "$1" >"/results/qmp-req-$n.json.tmp"
	mv "/results/qmp-req-$n.json.tmp" "/results/qmp-req-$n.json"
	resp=/results/qmp-resp-$n.json
	for ((i = 0; i < 300; i++)); do
		if [[ -s $resp ]]; then
			cat "$resp"
			! grep -q '"error"' "$resp"
			return
		fi
		sleep 0.2
	done
	echo "no QMP response for $1 after 60 s" >&2
	return 1
}

# hops_of PATH: the sysfs-walk arguments of pci_dev for a canonical PCI path.
hops_of() {
	local IFS=/
	# shellcheck disable=SC2086 # split on / on purpose
	set -- $1
	echo "$@"
}

# tag_of PATH: ID_PCI_PATH_TAG as SPEC section 2 defines it.
tag_of() {
	pcipath_tag "$1"
}

# assert_props SYSPATH_OR_NODE PATH: udev has ID_PCI_PATH and ID_PCI_PATH_TAG for it.
assert_props() {
	local dev=$1 path=$2 props
	props=$(udevadm info -q property "$dev") || fail "udevadm info $dev failed"
	grep -qxF "ID_PCI_PATH=$path" <<<"$props" ||
		fail "$dev: no ID_PCI_PATH=$path in:"$'\n'"$(grep ^ID_ <<<"$props")"
	grep -qxF "ID_PCI_PATH_TAG=$(tag_of "$path")" <<<"$props" ||
		fail "$dev: no ID_PCI_PATH_TAG=$(tag_of "$path") in:"$'\n'"$(grep ^ID_ <<<"$props")"
}

# assert_disk PATH [TRANSPORT] [NODE]: the block device of the PCI function at PATH
# (or NODE, when given) has both SPEC section 3 links, and ID_PCI_PATH.
assert_disk() {
	local path=$1 transport=${2-} node=${3-} fn
	# shellcheck disable=SC2046 # hops are words
	fn=$(pci_dev $(hops_of "$path")) || fail "no PCI function at $path"
	[[ -n $node ]] || node=$(block_of "$fn") || fail "no block device at $path"
	assert_link "/dev/disk/by-pcipath/$path$transport" "$node"
	assert_link "/dev/by-pcipath/$path/disk$transport" "$node"
	# and, by bats-pcipath(7), both belong to the function at PATH
	assert_pcipath_link "disk/by-pcipath/$path$transport" "$path"
	assert_pcipath_link "by-pcipath/$path/disk$transport" "$path"
	assert_props "$node" "$path"
	assert_props "$fn" "$path"
}

# assert_links_exactly DIR NAME...: the symlinks under DIR are exactly these
# (relative to DIR), so no link is missing, extra or doubled.
assert_links_exactly() {
	local dir=$1 l msg=''
	shift
	local -A want=() got=()
	for l; do want[$l]=1; done
	while IFS= read -r l; do
		[[ -n $l ]] && got[$l]=1
	done < <(cd "$dir" 2>/dev/null && find . -type l | sed 's|^\./||')
	for l in "${!want[@]}"; do [[ -n ${got[$l]-} ]] || msg+=$'\n'"  missing: $l"; done
	for l in "${!got[@]}"; do [[ -n ${want[$l]-} ]] || msg+=$'\n'"  extra:   $l -> $(readlink "$dir/$l")"; done
	[[ -z $msg ]] || fail "links under $dir differ:$msg"
}

# fn_of PATH: the sysfs directory of the PCI function at a canonical path.
fn_of() {
	pcipath_function "$1"
}

# part_of NODE N: the node of partition N of the block device NODE.
part_of() {
	local p
	for p in /sys/class/block/"${1##*/}"/*/partition; do
		[[ -f $p && $(<"$p") == "$2" ]] && { echo "/dev/$(basename "$(dirname "$p")")"; return 0; }
	done
	echo "no partition $2 on $1" >&2
	return 1
}

# scsi_node FN B:T:L: the block node of the SCSI device with that bus:target:lun
# below the PCI function FN (a single HBA there, so its host number does not matter).
scsi_node() {
	local d
	for d in "$1"/*/host*/target*/*:"$2"/block/* "$1"/host*/target*/*:"$2"/block/*; do
		[[ -d $d ]] && { echo "/dev/${d##*/}"; return 0; }
	done
	echo "no SCSI device *:$2 under $1" >&2
	return 1
}

# nvme_ns FN NSID: the block node of namespace NSID of the NVMe controller FN, also
# when it is a multipath head under /devices/virtual/nvme-subsystem (whose directory
# links to its controllers).
nvme_ns() {
	local b real c
	for b in /sys/class/block/nvme*n*; do
		[[ -e $b/partition || ! -e $b/dev ]] && continue
		[[ $(cat "$b/nsid" 2>/dev/null) == "$2" ]] || continue
		real=$(readlink -f "$b")
		[[ $real == "$1"/* ]] && { echo "/dev/${b##*/}"; return 0; }
		for c in "$(dirname "$real")"/nvme*; do
			[[ -L $c && $(readlink -f "$c") == "$1"/* ]] && { echo "/dev/${b##*/}"; return 0; }
		done
	done
	echo "no NVMe namespace $2 of $1" >&2
	return 1
}

# gone_for PATH: nothing pcipath made for the function at PATH is left: no link, no
# directory, no pcipath-<tag> altname, no pcipath_link record naming it.
gone_for() {
	assert_no_link "/dev/by-pcipath/$1"
	assert_no_link "/dev/disk/by-pcipath/${1%%/*}"
	assert_no_link "/dev/by-pcipath/${1%%/*}"
	run ip link show "pcipath-$(tag_of "$1")"
	assert_failure
	# no db directory at all: no records either
	[[ ! -d /run/pcipath/db ]] || run grep -rl "by-pcipath/$1/" /run/pcipath/db
	[[ ! -d /run/pcipath/db ]] || assert_output ''
}
