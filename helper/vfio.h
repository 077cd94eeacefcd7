/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* vfio.h - which vfio group node belongs to a PCI function (SPEC 3's vfio entry). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/*
 * Is driver vfio-pci, or a variant driver built on vfio-pci-core (mlx5_vfio_pci,
 * hisi_acc_vfio_pci, pds-vfio-pci, ...)? Those all create the group node.
 */
bool vfio_driver_is_vfio_pci(const char *driver);

/*
 * The name under /dev/vfio of group id ("5" -> "5", or "noiommu-5" in the kernel's
 * no-IOMMU mode). Returns the length, -EINVAL for an id that is no group number, or
 * -ENOSPC.
 */
int vfio_group_node_name(const char *id, bool noiommu, char *buf, size_t size);

/*
 * The group node name of the PCI function at syspath ("/sys/devices/..."), read from
 * its iommu_group link and /sys/class/vfio. -ENOENT when it has no IOMMU group.
 */
int vfio_group_of_function(const char *syspath, char *buf, size_t size);
