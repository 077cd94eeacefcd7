#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# predict.bats: what the host predicted equals what the guest's helper made (SPEC 5).
# run-guest runs `pcipath predict --qemu-args` on the exact QEMU command line it boots
# and leaves the result (--format=links: "PATH" per function, "PATH LINK" per link or
# altname) in /results/predict-qemu.links; this file runs first, before any hotplug.
# The same is then checked for `pcipath predict --qmp-query-pci` on this guest's own
# query-pci reply.

load guest_helper

PREDICTED=/results/predict-qemu.links

# The q35 machine's own functions: no -device, so no prediction from the command line.
Q35_BUILTIN='00 1f 1f.2 1f.3'

# guest_paths: ID_PCI_PATH of every PCI function, as the helper gave it to udev.
guest_paths() {
	local dev p
	for dev in /sys/bus/pci/devices/*; do
		p=$(udevadm info -q property -p "$dev" | sed -n 's/^ID_PCI_PATH=//p')
		[[ -n $p ]] || { echo "no ID_PCI_PATH for $dev" >&2; return 1; }
		echo "$p"
	done | LC_ALL=C sort
}

# guest_links: the links and altnames the configuration alone fixes, as the guest has
# them: whole-disk links of virtio-blk (""), NVMe and SCSI transports, net links, and
# pcipath- altnames; as "PATH LINK" lines.
guest_links() {
	local l rel path
	while IFS= read -r -d '' l; do
		rel=${l#/dev/disk/by-pcipath/}
		[[ $rel == *-part[0-9]* ]] && continue
		path=${rel%%-*}
		case ${rel#"$path"} in
		'' | -nvme-* | -scsi-*) echo "$path $l" ;;
		esac
	done < <(find /dev/disk/by-pcipath -type l -print0 2>/dev/null)
	while IFS= read -r -d '' l; do
		rel=${l#/dev/by-pcipath/}
		path=${rel%/*}
		case ${rel##*/} in
		disk | disk-nvme-* | disk-scsi-*) [[ ${rel##*/} == *-part[0-9]* ]] || echo "$path $l" ;;
		net) echo "$path $l" ;;
		esac
	done < <(find /dev/by-pcipath -type l -print0 2>/dev/null)
	ip -o -d link show | grep -o 'altname pcipath-[^ ]*' | while read -r _ alt; do
		path=$(udevadm info -q property -p "/sys/class/net/$(ip -o link show "$alt" |
			awk -F': ' '{ print $2 }' | cut -d@ -f1)" | sed -n 's/^ID_PCI_PATH=//p')
		echo "$path $alt"
	done
}

# link_ok PATH LINK: LINK exists and leads to a device of the function at PATH.
link_ok() {
	local path=$1 link=$2 target
	case $link in
	/dev/*/net)
		target=$(readlink "$link") || return 1
		udevadm info -q property -p "$target" | grep -qx "ID_PCI_PATH=$path"
		;;
	/dev/*)
		udevadm info -q property -n "$(readlink -f "$link")" | grep -qx "ID_PCI_PATH=$path"
		;;
	pcipath-*)
		local ifname
		ifname=$(ip -o link show "$link" | awk -F': ' '{ print $2 }' | cut -d@ -f1)
		[[ -n $ifname ]] &&
			udevadm info -q property -p "/sys/class/net/$ifname" | grep -qx "ID_PCI_PATH=$path"
		;;
	*) return 1 ;;
	esac
}

# wait_links FILE: NVMe namespaces and SCSI LUNs appear after the coldplug settle.
wait_links() {
	local path link
	while read -r path link; do
		[[ -n $link && $link == /dev/* ]] || continue
		wait_for "$link" 30 || true
	done <"$1"
}

setup_file() {
	[[ -s $PREDICTED ]] || {
		echo "run-guest left no prediction in $PREDICTED" >&2
		return 1
	}
	wait_links "$PREDICTED"
}

@test "the host's prediction names every PCI function of the guest, with its path" {
	diff -u <({ grep -v ' ' "$PREDICTED"; tr ' ' '\n' <<<"$Q35_BUILTIN"; } | LC_ALL=C sort) \
		<(guest_paths)
}

@test "every link and altname the host predicted is there, on its own function" {
	local path link n=0
	while read -r path link; do
		[[ -n $link ]] || continue
		link_ok "$path" "$link" || fail "$link (predicted for $path) is missing or wrong"
		n=$((n + 1))
	done <"$PREDICTED"
	# Every topology has a disk or a NIC; the results share alone has neither.
	echo "$n links checked"
}

@test "the guest has no link of a predictable kind the host did not predict" {
	diff -u <(grep ' ' "$PREDICTED" | LC_ALL=C sort) <(guest_links | LC_ALL=C sort)
}

@test "pcipath predict --qmp-query-pci on this guest's query-pci equals its paths and links" {
	local reply=$BATS_FILE_TMPDIR/query-pci.json path link
	run -0 host_qmp '{"execute":"query-pci"}'
	printf '%s\n' "$output" >"$reply"
	run -0 --separate-stderr pcipath predict --qmp-query-pci "$reply" --format=links
	local qmp=$output
	# Every function, the machine's own included: query-pci lists them all.
	diff -u <(grep -v ' ' <<<"$qmp") <(guest_paths)
	# Its links (virtio-blk disks and NICs, all query-pci tells) are the guest's too.
	while read -r path link; do
		[[ -n $link ]] || continue
		link_ok "$path" "$link" || fail "$link (from query-pci, for $path) is missing"
		grep -qxF "$path $link" "$PREDICTED" || fail "$path $link: not from the command line"
	done <<<"$qmp"
}
