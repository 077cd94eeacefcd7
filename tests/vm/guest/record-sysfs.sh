#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Dump the parts of this guest's sysfs that pcipath reads, as text (tests/fixtures/*.sysfs).
#
# Usage: record-sysfs.sh [ROOT]    (ROOT defaults to /sys)
#
# One entry per line, paths relative to /sys, sorted by path:
#   d PATH           a directory
#   l PATH TARGET    a symlink, TARGET exactly as readlink prints it (relative)
#   f PATH VALUE     a whitelisted attribute, VALUE C-escaped (\n \\ \t, others \xHH)
# tests/fixtures/load-sysfs turns such a dump back into a tree.
#
# Only attributes from a whitelist are read: never binary or write-only ones (config,
# rom, resource*, reset, remove, rescan), which can have side effects or hang.
set -euo pipefail
export LC_ALL=C QUOTING_STYLE=literal
# An optional root replaces /sys, so a loaded fixture can be re-recorded and compared.
root=$(readlink -f "${1:-/sys}")
cd "$root"

# The attributes the helper and udev's rules look at.
declare -A attrs=()
for a in uevent dev vendor device class subsystem_vendor subsystem_device revision \
	modalias nsid port_number line dev_port dev_id ifindex iflink type partition \
	sriov_numvfs sriov_totalvfs sriov_offset sriov_stride removable size address; do
	attrs[$a]=1
done

# escape VALUE: C-escape for one line; printf '%b' undoes it.
escape() {
	local v=$1 out='' c i
	v=${v//\\/\\\\}
	v=${v//$'\n'/\\n}
	v=${v//$'\t'/\\t}
	if [[ $v == *[![:print:]]* ]]; then
		for ((i = 0; i < ${#v}; i++)); do
			c=${v:i:1}
			if [[ $c == [[:print:]] ]]; then out+=$c; else out+=$(printf '\\x%02x' "'$c"); fi
		done
		v=$out
	fi
	printf '%s' "$v"
}

# resolve PATH: set REPLY to PATH with "." and ".." components folded away, without
# touching the filesystem or forking (it runs once per index link).
resolve() {
	local -a out=()
	local part IFS=/
	# shellcheck disable=SC2086 # split on / on purpose
	for part in $1; do
		case $part in
		'' | .) ;;
		..) ((${#out[@]})) && unset 'out[${#out[@]}-1]' ;;
		*) out+=("$part") ;;
		esac
	done
	REPLY="${out[*]}"
}

# Trees recorded whole (directories, symlinks, whitelisted files): the PCI hierarchy
# and the virtual devices the rules meet (net's lo, NVMe multipath heads, vfio).
trees=(devices/pci*)
for v in net nvme-subsystem vfio vfio-dev block; do
	[[ -d devices/virtual/$v ]] && trees+=("devices/virtual/$v")
done

# Where only the symlinks matter: the class, bus and dev indexes, and IOMMU groups.
# Of those, only links into a recorded tree are kept: a fixture with links to
# nowhere (class/tty/tty12 -> devices/virtual/tty/tty12) would mislead.
indexes=()
for i in class dev/block dev/char bus kernel/iommu_groups; do
	[[ -d $i ]] && indexes+=("$i")
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

{
	find "${trees[@]}" -type d | sed 's/^/d /'

	# A link and its target in one line: no batch whose outputs could misalign.
	find "${trees[@]}" -type l -printf 'l %p %l\n'

	find "${indexes[@]}" -type l -printf '%p %l\n' | while read -r path target; do
		# Resolve lexically (the index directories hold no symlinks themselves).
		resolve "${path%/*}/$target"
		real=$REPLY
		for t in "${trees[@]}"; do
			if [[ $real == "$t"/* || $real == "$t" ]]; then
				echo "l $path $target"
				# The directories above the link, for the loader and for
				# readdir-based lookups (bus/pci/drivers/nvme).
				while [[ $path == */* ]]; do
					path=${path%/*}
					echo "d $path"
				done
				break
			fi
		done
	done

	find "${trees[@]}" -type f | while read -r f; do
		[[ -n ${attrs[${f##*/}]-} ]] || continue
		# read returns non-zero at end of file, which is the normal case here.
		val=
		IFS= read -r -d '' val <"$f" 2>/dev/null || [[ -n $val ]] || { [[ -r $f ]] || continue; }
		printf 'f %s %s\n' "$f" "$(escape "$val")"
	done
} | sort -t' ' -k2,2 -u
