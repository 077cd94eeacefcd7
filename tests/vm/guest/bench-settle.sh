#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench-settle.sh: in the guest (run-guest --exec, started by bench/settle-128): how long
# a change storm over every block device takes to settle with pcipath's rules, without
# them, and with them but pcipath_id replaced by a static no-op (the floor). Prints the
# medians and the ratios; it checks its setup (disk count, links made) but passes on
# any timing.
set -euo pipefail
# shellcheck source=bench/lib.sh
. /usr/lib/pcipath-bench/lib.sh # median

runs=$(cat /etc/pcipath-bench-runs 2>/dev/null || echo 3)
want_disks=$(cat /etc/pcipath-bench-disks 2>/dev/null || echo 128)
rules=/usr/lib/udev/rules.d/61-pcipath.rules
helper=/usr/lib/udev/pcipath_id
noop=/usr/lib/pcipath-bench/noop-static
aside=/run/pcipath-bench
mkdir -p "$aside"

die() { echo "bench-settle: $*" >&2; exit 1; }
[[ -f $rules && -x $helper && -x $noop ]] || die "missing $rules, $helper or $noop"
udevadm settle --timeout=600

disks=0
for d in /sys/class/block/sd*; do
	[[ -e $d/partition ]] || disks=$((disks + 1))
done
((disks == want_disks)) || die "$disks SCSI disks, want $want_disks"

# configure MODE: with (the rules as installed), without (rules file moved away), floor
# (the rules, with a static no-op in pcipath_id's place). udevd rereads on --reload.
configure() {
	if grep -q " $helper " /proc/mounts; then umount "$helper"; fi
	[[ -f $aside/61-pcipath.rules ]] && mv "$aside/61-pcipath.rules" "$rules"
	case $1 in
	with) ;;
	without) mv "$rules" "$aside/61-pcipath.rules" ;;
	floor) mount --bind "$noop" "$helper" ;;
	esac
	udevadm control --reload
}

# storm: seconds for udev to finish a change event on every block device.
storm() {
	local t0 t1
	t0=$EPOCHREALTIME
	udevadm trigger --action=change --subsystem-match=block
	udevadm settle --timeout=900
	t1=$EPOCHREALTIME
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}

# links: how many by-pcipath SCSI links there are (the directory goes with the last one).
links() {
	if [[ -d /dev/disk/by-pcipath ]]; then
		find /dev/disk/by-pcipath -name '*-scsi-*' | wc -l
	else
		echo 0
	fi
}

echo "bench-settle: $disks SCSI disks, kernel $(uname -r), $(nproc) vCPU, udev $(udevadm --version)"
declare -A times=() round=()
r_with='' r_floor=''
# Interleaved rounds share whatever else the host is doing. Each run follows an untimed
# one in the same mode: rules loaded, workers forked, links as that mode leaves them
# (a storm that had to make or remove every link would measure the mode switch).
modes=(with without floor)
for ((r = 1; r <= runs; r++)); do
	# The order rotates from round to round: a load that rises or falls over a round
	# must not always favour the same mode.
	for ((k = 0; k < 3; k++)); do
		mode=${modes[(r - 1 + k) % 3]}
		configure "$mode"
		storm >/dev/null
		n=$(links) want=0
		[[ $mode != with ]] || want=$disks
		((n == want)) || die "$mode: $n by-pcipath SCSI links, want $want"
		t=$(storm)
		times[$mode]+=" $t"
		echo "bench-settle: round $r $mode ${t} s"
		round[$mode]=$t
	done
	# Within a round the modes ran minutes apart, not hours: its own ratios drift less.
	r_with+=" $(awk -v a="${round[with]}" -v b="${round[without]}" 'BEGIN { print a / b }')"
	r_floor+=" $(awk -v a="${round[floor]}" -v b="${round[without]}" 'BEGIN { print a / b }')"
done
configure with

m_with=$(tr ' ' '\n' <<<"${times[with]}" | median)
m_without=$(tr ' ' '\n' <<<"${times[without]}" | median)
m_floor=$(tr ' ' '\n' <<<"${times[floor]}" | median)
awk -v w="$m_with" -v wo="$m_without" -v f="$m_floor" -v n="$disks" -v runs="$runs" 'BEGIN {
	printf "settle-%d: with rules      median %7.2f s\n", n, w
	printf "settle-%d: without rules   median %7.2f s\n", n, wo
	printf "settle-%d: floor (no-op)   median %7.2f s   (rules, pcipath_id a static no-op)\n", n, f
	printf "settle-%d: ratio with/without %.2fx (target <= 1.05), floor/without %.2fx, with/floor %.2fx\n", n, w / wo, f / wo, w / f
	printf "settle-%d: per event: pcipath %.1f ms, the floor %.1f ms (median of %d runs each)\n", n, (w - wo) / n * 1000, (f - wo) / n * 1000, runs
}'
printf "settle-%d: median of the rounds' own ratios: with/without %.2fx, floor/without %.2fx\n" "$disks" \
	"$(tr ' ' '\n' <<<"$r_with" | median)" "$(tr ' ' '\n' <<<"$r_floor" | median)"
