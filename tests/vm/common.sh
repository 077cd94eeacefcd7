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

# --- guest distributions ---------------------------------------------------------------
# bookworm (the default) builds the guest from this Debian 12 host's own packages;
# trixie from a Debian 13 root made by mmdebstrap (mkimage.sh), kept in the cache
# beside its kernel and base image. The machine's apt sources are never touched.
VM_DISTS=(bookworm trixie)

# vm_dist_check DIST: fail unless DIST is one the harness knows.
vm_dist_check() {
	local d
	for d in "${VM_DISTS[@]}"; do [[ $1 == "$d" ]] && return 0; done
	vm_die "unknown --dist '$1' (one of: ${VM_DISTS[*]})"
}

# vm_dist_cache DIST: where DIST's kernel and base image live. Debian 12's stay at the
# top of the cache, as before distributions existed.
vm_dist_cache() {
	case $1 in
	bookworm) echo "$VM_CACHE" ;;
	*) echo "$VM_CACHE/$1" ;;
	esac
}

# vm_chroot ROOT [--bind HOSTDIR GUESTDIR]... -- CMD...: run CMD in ROOT, in a private
# mount namespace (so nothing stays mounted, whatever happens) with /proc, /dev and
# the given directories mounted, and a clean environment.
vm_chroot() {
	local root=$1 binds=()
	shift
	while [[ ${1-} == --bind ]]; do
		binds+=("$2" "$3")
		shift 3
	done
	[[ ${1-} == -- ]] && shift
	# shellcheck disable=SC2016 # the inner script's own variables
	unshare --mount --propagation private -- /bin/bash -euc '
		root=$1 n=$2
		shift 2
		mount -t proc proc "$root/proc"
		mount --rbind /dev "$root/dev"
		while ((n > 0)); do
			mkdir -p "$root$2"
			mount --bind "$1" "$root$2"
			shift 2
			n=$((n - 2))
		done
		exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
			chroot "$root" "$@"
	' vm_chroot "$root" "${#binds[@]}" "${binds[@]}" "$@"
}
