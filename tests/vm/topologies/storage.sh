# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash disable=SC2034,SC2054 # arrays of QEMU options, commas included
# Storage transports: virtio-blk with partitions, virtio-scsi (two LUNs and a CD-ROM),
# NVMe with two namespaces, AHCI, and an empty root port for the hotplug test.
#
# Expected links (SPEC section 3):
#   02/00, 02/00-part1, 02/00-part2       virtio-blk behind root port 02.0 (GPT, 2 parts)
#   03                                    virtio-blk on the root bus, no partition table
#   04/00-scsi-0:0:0:0, -scsi-0:0:0:1     virtio-scsi disks (target 0, LUNs 0 and 1)
#   04/00-scsi-0:0:1:0                    virtio-scsi CD-ROM (target 1, LUN 0)
#   05/00-nvme-1, -nvme-1-part1, -part2   NVMe namespace 1 (GPT, 2 parts)
#   05/00-nvme-2                          NVMe namespace 2
#   07/00-nvme-1                          NVMe in an nvme-subsys: multipath namespace head,
#                                         which sysfs puts under /devices/virtual
#   1f.2-ata-<port>                       q35's built-in AHCI, first port
#   06/00                                 hotplugged by hotplug.bats into root port 06.0

topology_prepare() {
	mkdisk vblk 16M 'label: gpt\nsize=4M\nsize=4M\n'
	mkdisk vroot 1M
	mkdisk lun0 8M 'label: dos\nsize=2M\n'
	mkdisk lun1 1M
	mkdisk cd 1M
	mkdisk ns1 16M 'label: gpt\nsize=4M\nsize=4M\n'
	mkdisk ns2 1M
	mkdisk mpns 1M
	mkdisk sata 1M
	mkdisk hot 1M
}

QEMU_ARGS=(
	-device pcie-root-port,id=rp2,bus=pcie.0,addr=02.0,chassis=2
	-drive "if=none,id=vblk,file=$WORK/vblk.img,format=raw"
	-device virtio-blk-pci,drive=vblk,bus=rp2,addr=00.0
	-drive "if=none,id=vroot,file=$WORK/vroot.img,format=raw"
	-device virtio-blk-pci,drive=vroot,bus=pcie.0,addr=03.0

	-device pcie-root-port,id=rp4,bus=pcie.0,addr=04.0,chassis=4
	-device virtio-scsi-pci,id=scsi0,bus=rp4,addr=00.0
	-drive "if=none,id=lun0,file=$WORK/lun0.img,format=raw"
	-device scsi-hd,drive=lun0,bus=scsi0.0,channel=0,scsi-id=0,lun=0
	-drive "if=none,id=lun1,file=$WORK/lun1.img,format=raw"
	-device scsi-hd,drive=lun1,bus=scsi0.0,channel=0,scsi-id=0,lun=1
	-drive "if=none,id=cd,file=$WORK/cd.img,format=raw,media=cdrom,readonly=on"
	-device scsi-cd,drive=cd,bus=scsi0.0,channel=0,scsi-id=1,lun=0

	-device pcie-root-port,id=rp5,bus=pcie.0,addr=05.0,chassis=5
	-device nvme,id=nvme0,serial=pcipath0,bus=rp5,addr=00.0
	-drive "if=none,id=ns1,file=$WORK/ns1.img,format=raw"
	-device nvme-ns,drive=ns1,bus=nvme0,nsid=1
	-drive "if=none,id=ns2,file=$WORK/ns2.img,format=raw"
	-device nvme-ns,drive=ns2,bus=nvme0,nsid=2

	-device pcie-root-port,id=rp7,bus=pcie.0,addr=07.0,chassis=7
	-device nvme-subsys,id=subsys0,nqn=pcipath-subsys
	-device nvme,id=nvme1,serial=pcipath1,subsys=subsys0,bus=rp7,addr=00.0
	-drive "if=none,id=mpns,file=$WORK/mpns.img,format=raw"
	-device nvme-ns,drive=mpns,bus=nvme1,nsid=1

	-drive "if=none,id=sata,file=$WORK/sata.img,format=raw"
	-device ide-hd,drive=sata,bus=ide.0

	# Empty, for hotplug.bats; its drive waits unattached until device_add.
	-device pcie-root-port,id=hp6,bus=pcie.0,addr=06.0,chassis=6
	-drive "if=none,id=hot,file=$WORK/hot.img,format=raw"
)
GUEST_BATS=(storage.bats hotplug.bats cli.bats)
