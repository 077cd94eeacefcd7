# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash
# bats-pcipath: bats assertions on pcipath's names for image test suites (bats-pcipath(7)).
#
#   bats_load_library bats-support
#   bats_load_library bats-pcipath
#
# Every check walks /sys and /dev itself and never asks pcipath or udev: it holds what
# the rules made against what the kernel says. The functions also work sourced from a
# plain bash script (no bats); failures then print on stderr and return 1.

# _pcipath_fail MESSAGE: bats-support's fail when it is loaded, else stderr and 1.
_pcipath_fail() {
	if declare -F fail >/dev/null; then
		fail "$1"
	else
		printf '%s\n' "$1" >&2
		return 1
	fi
}

# The sysfs name of a PCI function (DDDD:BB:SS.F) and of a root bus (pciDDDD:BB).
_PCIPATH_BDF_RE='^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$'
_PCIPATH_ROOT_RE='^pci[0-9a-f]{4,}:[0-9a-f]{2}$'

# pcipath_tag PATH: ID_PCI_PATH_TAG of a canonical path ("/" -> "-", ":" -> "_").
pcipath_tag() {
	local t=${1//\//-}
	echo "${t//:/_}"
}

# pcipath_function PATH: the /sys/devices directory of the PCI function at the
# canonical PATH (pcipath(7): hops SS[.F] from the root bus, an optional pciDDDD:BB/
# root, a last hop's vN for SR-IOV VF N), found by walking sysfs by slot and function.
pcipath_function() {
	local path=$1 dir=/sys/devices/pci0000:00 hop slot fn vf='' c found hops
	if [[ $path == pci*/* ]]; then
		dir=/sys/devices/${path%%/*}
		path=${path#*/}
	fi
	if [[ $path == *v* ]]; then
		vf=${path##*v}
		path=${path%v*}
	fi
	IFS=/ read -ra hops <<<"$path"
	((${#hops[@]})) || { echo "pcipath_function: empty path" >&2; return 1; }
	for hop in "${hops[@]}"; do
		[[ $hop =~ ^[0-9a-f]{2}(\.[1-7])?$ ]] ||
			{ echo "pcipath_function: '$hop' in '$1' is not a canonical hop" >&2; return 1; }
		slot=${hop%%.*}
		fn=0
		[[ $hop == *.* ]] && fn=${hop#*.}
		found=
		for c in "$dir"/*:*:"$slot.$fn"; do
			[[ -d $c && ${c##*/} =~ $_PCIPATH_BDF_RE ]] && found=$c
		done
		[[ -n $found ]] || { echo "pcipath_function: no PCI function $hop under $dir" >&2; return 1; }
		dir=$found
	done
	if [[ -n $vf ]]; then
		[[ -L $dir/virtfn$vf ]] || { echo "pcipath_function: $dir has no VF $vf" >&2; return 1; }
		dir=$(readlink -f "$dir/virtfn$vf")
	fi
	echo "$dir"
}

# pcipath_function_of SYSDIR: the nearest PCI function at or above a sysfs device.
pcipath_function_of() {
	local d
	d=$(readlink -f "$1")
	while [[ $d == /sys/devices/* ]]; do
		[[ ${d##*/} =~ $_PCIPATH_BDF_RE ]] && { echo "$d"; return 0; }
		d=${d%/*}
	done
	return 1
}

# pcipath_route FUNCDIR: the PCI path of a function, read from its sysfs directory
# (slot and function of each directory on the way down; a VF as its PF's path and the
# index of the PF's virtfnN link that points at it).
pcipath_route() {
	local d c out='' comp pf n IFS=/
	d=$(readlink -f "$1")
	if [[ -L $d/physfn ]]; then
		pf=$(readlink -f "$d/physfn")
		for c in "$pf"/virtfn*; do
			[[ $(readlink -f "$c") == "$d" ]] && n=${c##*/virtfn}
		done
		[[ -n ${n-} ]] || { echo "pcipath_route: $d is no VF of $pf" >&2; return 1; }
		echo "$(pcipath_route "$pf")v$n"
		return
	fi
	# shellcheck disable=SC2086 # split on / on purpose
	set -- ${d#/sys/devices/}
	for comp; do
		if [[ $comp =~ $_PCIPATH_ROOT_RE ]]; then
			[[ $comp == pci0000:00 ]] || out=$comp
		elif [[ $comp =~ $_PCIPATH_BDF_RE ]]; then
			comp=${comp##*:}
			[[ $comp == *.0 ]] && comp=${comp%.0}
			out=${out:+$out/}$comp
		fi
	done
	[[ -n $out ]] || { echo "pcipath_route: $1 is not below a PCI function" >&2; return 1; }
	echo "$out"
}

# pcipath_device_of NODE: the sysfs device behind a /dev node (by its major:minor) or,
# for a /sys/class/net/IF target, the interface's own directory.
pcipath_device_of() {
	local node=$1 kind maj min
	if [[ $node == /sys/* ]]; then
		[[ -d $node ]] || { echo "pcipath_device_of: no $node" >&2; return 1; }
		readlink -f "$node"
		return
	fi
	if [[ -b $node ]]; then kind=block; elif [[ -c $node ]]; then kind=char; else
		echo "pcipath_device_of: $node is no device node" >&2
		return 1
	fi
	read -r maj min < <(stat -L -c '%t %T' "$node") || return 1
	[[ -e /sys/dev/$kind/$((16#$maj)):$((16#$min)) ]] ||
		{ echo "pcipath_device_of: no /sys/dev/$kind entry for $node" >&2; return 1; }
	readlink -f "/sys/dev/$kind/$((16#$maj)):$((16#$min))"
}

# pcipath_functions_of DEVDIR: the PCI function(s) a device belongs to, one per line:
# its nearest PCI ancestor; for an NVMe multipath namespace (under the virtual
# nvme-subsystem) the functions of its controllers; for a vfio group, its members.
pcipath_functions_of() {
	local dev=$1 c
	case $dev in
	/sys/devices/virtual/nvme-subsystem/*)
		for c in "${dev%/*}"/nvme*; do
			[[ -L $c ]] && pcipath_function_of "$c"
		done | sort -u
		;;
	/sys/devices/virtual/vfio/*)
		for c in "/sys/kernel/iommu_groups/${dev##*/}/devices"/*; do
			[[ -L $c ]] && readlink -f "$c"
		done
		;;
	*) pcipath_function_of "$dev" ;;
	esac
}

# _pcipath_what DEVDIR: what a link's target is, in words that hold across kernels and
# udev versions (no kernel names): block disk/partN, the char subsystem, net port N.
_pcipath_what() {
	local dev=$1 sub
	sub=$(basename "$(readlink -f "$dev/subsystem")")
	case $sub in
	block) if [[ -f $dev/partition ]]; then echo "block part$(<"$dev/partition")"; else echo "block disk"; fi ;;
	net) echo "net port$(cat "$dev/dev_port" 2>/dev/null || echo 0)" ;;
	*) echo "$sub" ;;
	esac
}

# assert_pcipath_link LINK PATH: LINK (absolute, or relative to /dev, e.g.
# disk/by-pcipath/02/01-part1 or by-pcilabel/boot/disk) is a symlink that resolves to
# a node (or, for net, an interface) of the PCI function at PATH, and of no other.
assert_pcipath_link() {
	local link=$1 path=$2 target dev fn owners
	[[ $link == /* ]] || link=/dev/$link
	[[ -L $link ]] ||
		_pcipath_fail "$link is not a symlink; beside it:$(find "$(dirname "$link")" -mindepth 1 -maxdepth 1 -printf '\n  %f %l' 2>/dev/null)" ||
		return
	target=$(readlink -f "$link")
	[[ -e $target ]] || _pcipath_fail "$link dangles (-> $(readlink "$link"))" || return
	fn=$(pcipath_function "$path") || _pcipath_fail "no PCI function at $path" || return
	dev=$(pcipath_device_of "$target") || _pcipath_fail "$link -> $target: not a device node" || return
	owners=$(pcipath_functions_of "$dev")
	grep -qxF "$fn" <<<"$owners" ||
		_pcipath_fail "$link -> $target belongs to ${owners:-no PCI function}, not to $path ($fn)"
}

# assert_pcipath_nic PATH [PORT]: the interface of the function at PATH with dev_port
# PORT (default 0) has its link /dev/by-pcipath/PATH/net (net-portPORT for PORT > 0)
# and the altname pcipath-<tag>, which `ip link` resolves to that interface.
assert_pcipath_nic() {
	local path=$1 port=${2:-0} fn n ifname='' entry=net tag ip_out
	fn=$(pcipath_function "$path") || _pcipath_fail "no PCI function at $path" || return
	for n in "$fn"/net/* "$fn"/*/net/*; do
		[[ -d $n && $(pcipath_function_of "$n") == "$fn" ]] || continue
		[[ $(cat "$n/dev_port" 2>/dev/null || echo 0) == "$port" ]] && ifname=${n##*/}
	done
	[[ -n $ifname ]] || _pcipath_fail "the function at $path ($fn) has no interface with dev_port $port" || return
	((port == 0)) || entry=net-port$port
	assert_pcipath_link "/dev/by-pcipath/$path/$entry" "$path" || return
	[[ $(readlink -f "/dev/by-pcipath/$path/$entry") == "$(readlink -f "/sys/class/net/$ifname")" ]] ||
		_pcipath_fail "/dev/by-pcipath/$path/$entry does not point at $ifname" || return
	# SPEC: the altname names the function (port 0); other ports have their link only.
	((port == 0)) || return 0
	tag=pcipath-$(pcipath_tag "$path")
	ip_out=$(ip -o link show dev "$ifname") || _pcipath_fail "ip link show $ifname failed" || return
	[[ $ip_out == *" altname $tag"* ]] ||
		_pcipath_fail "$ifname has no altname $tag:"$'\n'"  $ip_out" || return
	ip_out=$(ip -o link show dev "$tag") || _pcipath_fail "ip link show $tag failed" || return
	# "N: IF:" or, for a veth or VLAN, "N: IF@PEER:"
	[[ $ip_out == [0-9]*": $ifname"[:@]* ]] ||
		_pcipath_fail "ip link show $tag is not $ifname:"$'\n'"  $ip_out"
}

# pcipath_names [DIR...]: a listing of the names pcipath made, one line each, sorted,
# that holds across reboots, kernels and udev versions: every link under DIR (default:
# /dev/by-pcipath, /dev/disk/by-pcipath, /dev/by-pcilabel, /dev/disk/by-pcilabel) with
# the PCI path of the function(s) its target belongs to and what it is, and every
# interface's pcipath-* altname. Kernel names (vda, enp3s0, ...) never appear in it:
#   /dev/by-pcipath/02/01/disk -> 02/01 block disk
#   /dev/disk/by-pcipath/02/01-part1 -> 02/01 block part1
#   altname pcipath-07 -> 07 net port0
pcipath_names() {
	local dirs=("$@") link target dev fn routes n alt
	((${#dirs[@]})) || dirs=(/dev/by-pcipath /dev/disk/by-pcipath /dev/by-pcilabel /dev/disk/by-pcilabel)
	{
		while IFS= read -r link; do
			target=$(readlink -f "$link")
			if ! dev=$(pcipath_device_of "$target" 2>/dev/null); then
				echo "$link -> dangling"
				continue
			fi
			routes=
			while read -r fn; do
				[[ -n $fn ]] && routes+=${routes:+,}$(pcipath_route "$fn")
			done < <(pcipath_functions_of "$dev")
			echo "$link -> ${routes:-none} $(_pcipath_what "$dev")"
		done < <(find "${dirs[@]}" -type l 2>/dev/null)
		for n in /sys/class/net/*; do
			[[ -e $n ]] || continue
			fn=$(pcipath_function_of "$n") || continue
			while read -r alt; do
				[[ $alt == pcipath-* ]] &&
					echo "altname $alt -> $(pcipath_route "$fn") $(_pcipath_what "$(readlink -f "$n")")"
			done < <(ip -o link show dev "${n##*/}" 2>/dev/null | grep -o 'altname [^ ]*' | cut -d' ' -f2)
		done
	} | LC_ALL=C sort
}

# assert_pcipath_names_equal BEFORE AFTER: two saved pcipath_names listings (say,
# before and after a reboot or an upgrade) are the same; the failure shows the diff.
assert_pcipath_names_equal() {
	local a=$1 b=$2 d
	[[ -f $a && -f $b ]] || _pcipath_fail "no listing: $([[ -f $a ]] || echo "$a ")$([[ -f $b ]] || echo "$b")" || return
	[[ -s $a ]] || _pcipath_fail "$a is empty: a listing of no names proves nothing" || return
	d=$(diff -u "$a" "$b") || _pcipath_fail "the names differ:"$'\n'"$d"
}
