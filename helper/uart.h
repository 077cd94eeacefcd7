/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* uart.h - a multi-port PCI UART's names, independent of the order its ports register. */
#pragma once

/*
 * A PCI UART's driver registers its ports one by one, each with its own uevent, and
 * udev runs their events in parallel: an early port's helper may count one port where
 * the function has two and name it "tty" instead of "tty-port0" (SPEC 3). The kernel
 * says nowhere how many ports a driver will register, so instead each port's event
 * checks, after udev wrote its database entry (RUN), every port of the function against
 * the count now: a port whose recorded entry (its own event's ID_PCI_PATH_ENTRY, or a
 * sibling's in udev's database) is not what it should be gets a "change" uevent, and
 * udev renames its link. Whichever port's event finishes last sees every port.
 *
 * tty_syspath is the event's device, entry the ID_PCI_PATH_ENTRY udev gave it. Returns
 * how many ports were re-triggered, or a negative errno.
 */
int uart_recheck(const char *tty_syspath, const char *entry);
