# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash disable=SC2034 # sourced by mkimage-debian.sh and boot.bats
# Where the boot test puts the Debian image's disks (its fstab and local hwdb use these).
# The root disk sits behind a PCIe switch: root port 02.0, upstream port 00.0,
# downstream port 01.0, virtio-blk 00.0. The data disk is on root port 05.0.
ROOT_PATH=02/00/01/00
DATA_PATH=05/00
ROOT_LABEL=sysroot
