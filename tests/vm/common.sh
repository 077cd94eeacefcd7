# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash
# Shared helpers for the VM harness scripts (sourced, not executed).

# Where the kernel, the base initramfs and the downloaded .debs live between runs.
export VM_CACHE=${PCIPATH_VM_CACHE:-/var/cache/pcipath-vm}
VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export VM_DIR

vm_log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
vm_die() { vm_log "error: $*"; exit 1; }

# Install the Debian packages that provide the given commands, once, quietly.
# Each argument is "command:package"; a command already on PATH costs nothing.
vm_need() {
	local spec cmd pkg missing=()
	for spec in "$@"; do
		cmd=${spec%%:*}
		pkg=${spec#*:}
		if ! PATH=$PATH:/usr/sbin:/sbin command -v "$cmd" >/dev/null 2>&1 &&
			! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
			missing+=("$pkg")
		fi
	done
	((${#missing[@]})) || return 0
	vm_log "installing ${missing[*]}"
	# The package lists may be missing on a fresh machine: update once, then install.
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 \
		"${missing[@]}" >/dev/null 2>&1; then
		apt-get update -qq -o DPkg::Lock::Timeout=600 >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 \
			"${missing[@]}" >/dev/null
	fi
}
