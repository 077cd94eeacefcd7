#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# bench-settle.sh: in the guest (run-guest --exec, started by bench/settle-128): how long
# a change storm and an add storm over every block device take to settle with
# pcipath's rules and without them, and the add storm with the rules but pcipath_id
# replaced by a static no-op (the floor). Prints the medians and the ratios; it checks
# its setup (disk count, links made) but passes on any timing.
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

# storm ACTION: seconds for udev to finish an ACTION event on every block device.
storm() {
	local t0 t1
	t0=$EPOCHREALTIME
	udevadm trigger --action="$1" --subsystem-match=block
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
# Two storms: change (udevadm trigger, partition rereads, closes after writing: the
# rules take the stored values, no exec) and add (boot's coldplug: one exec of
# pcipath_id per disk). The floor, only for add, is the rules with pcipath_id a
# static no-op: what any exec per event costs. (On change the rules would reuse the
# stored values and never run the no-op.)
runs_of=(change:with change:without add:with add:without add:floor)
declare -A times=() round=() ratios=()
# Interleaved rounds share whatever else the host is doing. Each run follows an untimed
# one in the same mode: rules loaded, workers forked, links and db as that mode leaves
# them (a storm that had to make or remove every link would measure the mode switch).
# Warm-up, untimed: the first storms after boot run ~30% slower in every mode (measured:
# 11.2-11.5 s against 8.3-9.5 s later), whichever comes first; the rotation below would
# always hand that to the first mode.
for run in "${runs_of[@]}"; do
	configure "${run#*:}"
	storm "${run%%:*}" >/dev/null
done
for ((r = 1; r <= runs; r++)); do
	# The order rotates from round to round: a load that rises or falls over a round
	# must not always favour the same mode.
	for ((k = 0; k < ${#runs_of[@]}; k++)); do
		run=${runs_of[(r - 1 + k) % ${#runs_of[@]}]}
		action=${run%%:*} mode=${run#*:}
		configure "$mode"
		storm "$action" >/dev/null
		n=$(links) want=0
		[[ $mode != with ]] || want=$disks
		((n == want)) || die "$run: $n by-pcipath SCSI links, want $want"
		t=$(storm "$action")
		times[$run]+=" $t"
		echo "bench-settle: round $r $action $mode ${t} s"
		round[$run]=$t
	done
	# Within a round the modes ran minutes apart, not hours: its own ratios drift less.
	for run in change:with add:with add:floor; do
		ratios[$run]+=" $(awk -v a="${round[$run]}" -v b="${round[${run%%:*}:without]}" \
			'BEGIN { print a / b }')"
	done
done
configure with

declare -A m=()
for run in "${runs_of[@]}"; do
	m[$run]=$(tr ' ' '\n' <<<"${times[$run]}" | median)
done
for action in change add; do
	awk -v w="${m[$action:with]}" -v wo="${m[$action:without]}" -v f="${m[add:floor]}" \
		-v a="$action" -v n="$disks" -v runs="$runs" 'BEGIN {
		printf "settle-%d %s: with rules      median %7.2f s\n", n, a, w
		printf "settle-%d %s: without rules   median %7.2f s\n", n, a, wo
		if (a == "add")
			printf "settle-%d %s: floor (no-op)   median %7.2f s   (rules, pcipath_id a static no-op)\n", n, a, f
		printf "settle-%d %s: ratio with/without %.2fx%s", n, a, w / wo, a == "change" ? " (target <= 1.05)" : ""
		if (a == "add")
			printf ", floor/without %.2fx, with/floor %.2fx", f / wo, w / f
		printf "\nsettle-%d %s: per event: pcipath %.1f ms (median of %d runs each)\n", n, a, (w - wo) / n * 1000, runs
	}'
done
printf "settle-%d: median of the rounds' own ratios: change with/without %.2fx; add with/without %.2fx, floor/without %.2fx\n" \
	"$disks" "$(tr ' ' '\n' <<<"${ratios[change:with]}" | median)" \
	"$(tr ' ' '\n' <<<"${ratios[add:with]}" | median)" "$(tr ' ' '\n' <<<"${ratios[add:floor]}" | median)"
