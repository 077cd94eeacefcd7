#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# In-guest half of host/stability.bats: check the disk at 04/00 and record its names
# (by-path and by-pcipath) into the results share for the host to compare across boots.

load guest_helper

@test "the disk at 04/00 has its links" {
	local vd
	vd=$(block_of "$(fn_of 04/00)")
	assert_disk 04/00 "" "$vd"
	assert_disk 04/00 -part1 "$(part_of "$vd" 1)"
}

@test "records the disk's by-path and by-pcipath names" {
	local vd l
	vd=$(block_of "$(fn_of 04/00)")
	for l in /dev/disk/by-path/* /dev/disk/by-pcipath/*/* /dev/by-pcipath/*/*/*; do
		[[ -L $l && $(readlink -f "$l") == "$vd" ]] && echo "$l"
	done | sort >/results/names.txt
	run grep -c '^/dev/disk/by-path/' /results/names.txt
	assert_output --regexp '^[1-9]'
	run grep -c 'by-pcipath/' /results/names.txt
	assert_output 2
}
