# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash disable=SC2034,SC2054 # arrays of QEMU options, commas included
# Smallest topology: only the harness's own results share; checks the harness works.
QEMU_ARGS=()
GUEST_BATS=(smoke.bats)
