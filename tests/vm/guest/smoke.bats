#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# The harness itself works: udev ran, PCI devices are there, the QMP bridge answers.

load guest_helper

@test "the guest sees PCI functions" {
	run ls /sys/bus/pci/devices
	assert_success
	assert_line --partial '0000:00:1e.0'
}

@test "udevd is running and has processed the coldplug" {
	run udevadm info /sys/bus/pci/devices/0000:00:1e.0
	assert_success
	assert_line --partial 'E: DRIVER=virtio-pci'
}

@test "the host answers QMP requests" {
	run host_qmp '{"execute":"query-status"}'
	assert_success
	assert_output --partial '"running"'
}
