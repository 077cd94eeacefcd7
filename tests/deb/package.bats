#!/usr/bin/env bats
# SPDX-License-Identifier: LGPL-2.1-or-later
# The Debian package (SPEC section 6): it builds from a clean copy of the tree, is
# lintian clean, ships every file the README lists in the places udev and the
# initramfs generators look, and installs and passes its autopkgtest checks in a
# Debian 12 and a Debian 13 chroot, where it is also built (only the build
# dependencies installed: debian/control is complete).

load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash

DEB_DIR=$BATS_TEST_DIRNAME
SRC=$(cd "$DEB_DIR/../.." && pwd)

setup_file() {
	export OUT=$BATS_FILE_TMPDIR
}

# in_chroot SUITE CMD...: run CMD in the (unpacked, cached) build chroot of SUITE.
in_chroot() {
	local suite=$1
	shift
	"$DEB_DIR/in-chroot" "$OUT/chroot-$suite" "$@"
}

# install_and_test SUITE DEB: install DEB with apt in the suite's chroot, run the
# package's autopkgtests (debian/tests/control: installed, unit) there.
install_and_test() {
	local suite=$1 deb=$2
	cp "$deb" "$OUT/chroot-$suite/tmp-pcipath.deb"
	# mmdebstrap leaves no package lists: fetch them for the runtime dependencies.
	run in_chroot "$suite" apt-get update -qq -o DPkg::Lock::Timeout=600
	assert_success
	run in_chroot "$suite" apt-get install -y -qq -o DPkg::Lock::Timeout=600 /tmp-pcipath.deb
	assert_success
	# shellcheck disable=SC2016 # dpkg-query's own format
	run in_chroot "$suite" dpkg-query -W -f='${Status}' pcipath
	assert_output 'install ok installed'
	rm -rf "$OUT/chroot-$suite/src"
	(cd "$SRC" && git ls-files -z --cached --others --exclude-standard 2>/dev/null |
		xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
		cpio -0 -pdm --quiet "$OUT/chroot-$suite/src")
	run in_chroot "$suite" sh -c 'cd /src && AUTOPKGTEST_TMP=$(mktemp -d) debian/tests/installed'
	assert_success
	assert_output --partial 'ok: installed files'
	run in_chroot "$suite" sh -c 'cd /src && AUTOPKGTEST_TMP=$(mktemp -d) debian/tests/unit'
	assert_success
	assert_output --regexp 'Ok: +[1-9]'
	assert_output --regexp 'Fail: +0'
}

@test "dpkg-buildpackage -us -uc -b builds the .deb from a clean copy of the tree (Debian 12)" {
	run "$DEB_DIR/build" --outdir "$OUT/host"
	assert_success
	assert_output --regexp 'pcipath_[^/]*_amd64\.deb$'
	# dh_auto_test ran the unit suite and nothing else.
	run grep -E '^ *[0-9]+/[0-9]+ pcipath:' "$OUT/host/build.log"
	assert_success
	refute_output --partial 'pcipath:data'
	refute_output --partial 'pcipath:vm'
	assert_output --partial 'pcipath:unit / path'
}

@test "lintian is clean at its default level" {
	run lintian --fail-on error,warning "$OUT"/host/pcipath_*_amd64.changes
	echo "$output"
	assert_success
	refute_output --regexp '^[EW]: '
}

@test "the .deb ships every installed file, where udev.pc and the initramfs tools want it" {
	local udevdir f
	udevdir=$(pkg-config --variable=udevdir udev)
	[[ -n $udevdir ]] || fail "no udevdir in udev.pc"
	dpkg -c "$OUT"/host/pcipath_*_amd64.deb | awk '$1 !~ /^d/ { print $6 }' | sed 's|^\.||' |
		sort >"$OUT/files"
	cat "$OUT/files"
	for f in "$udevdir/pcipath_id" "$udevdir/pcipath_link" "$udevdir/rules.d/61-pcipath.rules" \
		"$udevdir/hwdb.d/61-pcipath.hwdb" /usr/bin/pcipath \
		/usr/share/man/man1/pcipath.1.gz /usr/share/man/man7/pcipath.7.gz \
		/usr/share/man/man8/pcipath_id.8.gz /usr/share/man/man8/pcipath_link.8.gz \
		/usr/share/man/man7/bats-pcipath.7.gz /usr/lib/bats/bats-pcipath/load.bash \
		/usr/share/bash-completion/completions/pcipath \
		/usr/share/doc/pcipath/examples/70-pcipath-uplink.link \
		/usr/share/initramfs-tools/hooks/pcipath /usr/lib/dracut/modules.d/97pcipath/module-setup.sh \
		/usr/libexec/pcipath/initramfs-hwdb /usr/share/doc/pcipath/copyright \
		/usr/share/doc/pcipath/changelog.gz /usr/share/lintian/overrides/pcipath; do
		grep -qxF "$f" "$OUT/files" || fail "the .deb has no $f"
	done
	# Nothing else: a file the README does not list is a packaging mistake.
	run wc -l <"$OUT/files"
	assert_output 19
	# The rules call the helpers where the package puts them.
	dpkg-deb --fsys-tarfile "$OUT"/host/pcipath_*_amd64.deb |
		tar -xO ".$udevdir/rules.d/61-pcipath.rules" >"$OUT/rules"
	run grep -c "\"$udevdir/pcipath_" "$OUT/rules"
	assert_output --regexp '^[1-9]'
}

# assert_static_helper DEB LIBC6DEV_SOURCE_VERSION: pcipath_id in DEB is statically
# linked (udev execs it per event; debian/rules) and Built-Using names that glibc.
assert_static_helper() {
	local deb=$1 glibc=$2 udevdir
	rm -rf "$OUT/x" && mkdir "$OUT/x"
	dpkg-deb -x "$deb" "$OUT/x"
	udevdir=$(find "$OUT/x" -name pcipath_id -printf '%h\n')
	run file -L "$udevdir/pcipath_id"
	assert_output --partial 'statically linked'
	run dpkg-deb -f "$deb" Built-Using
	assert_output "glibc (= $glibc)"
}

@test "pcipath_id in the .deb is static, and Built-Using names the glibc it holds" {
	# shellcheck disable=SC2016 # dpkg-query's own format
	assert_static_helper "$(echo "$OUT"/host/pcipath_*_amd64.deb)" \
		"$(dpkg-query -W -f='${source:Version}' libc6-dev:amd64)"
	# The dynamic pcipath and pcipath_link get their libraries from shlibs.
	run dpkg-deb -f "$(echo "$OUT"/host/pcipath_*_amd64.deb)" Depends
	assert_output --partial 'libc6'
	assert_output --partial 'libmnl0'
}

@test "the hwdb and the initramfs are refreshed by dpkg triggers, and postinst skips chroots" {
	dpkg-deb -e "$OUT"/host/pcipath_*_amd64.deb "$OUT/control"
	run cat "$OUT/control/triggers"
	assert_line 'activate-noawait update-initramfs'
	# udev's own interest trigger covers our hwdb file's directory.
	run grep -E '^interest(-noawait)? ' /var/lib/dpkg/info/udev.triggers
	assert_output --partial "$(pkg-config --variable=udevdir udev)/hwdb.d"
}

@test "Debian 12 chroot: builds with only the build dependencies, installs, autopkgtests pass" {
	run "$DEB_DIR/chroot" bookworm "$OUT/chroot-bookworm"
	assert_success
	run "$DEB_DIR/build" --chroot "$OUT/chroot-bookworm" --outdir "$OUT/bookworm"
	assert_success
	install_and_test bookworm "$OUT"/bookworm/pcipath_*_amd64.deb
	# shellcheck disable=SC2016 # dpkg-query's own format
	run in_chroot bookworm dpkg-query -W -f='${source:Version}' libc6-dev:amd64
	assert_success
	assert_static_helper "$(echo "$OUT"/bookworm/pcipath_*_amd64.deb)" "$output"
	run in_chroot bookworm dpkg -L pcipath
	assert_line /lib/udev/pcipath_id
}

@test "Debian 13 chroot: builds with only the build dependencies, installs, autopkgtests pass" {
	run "$DEB_DIR/chroot" trixie "$OUT/chroot-trixie"
	assert_success
	run "$DEB_DIR/build" --chroot "$OUT/chroot-trixie" --outdir "$OUT/trixie"
	assert_success
	install_and_test trixie "$OUT"/trixie/pcipath_*_amd64.deb
	# shellcheck disable=SC2016 # dpkg-query's own format
	run in_chroot trixie dpkg-query -W -f='${source:Version}' libc6-dev:amd64
	assert_success
	assert_static_helper "$(echo "$OUT"/trixie/pcipath_*_amd64.deb)" "$output"
	# Debian 13's udev.pc says /usr/lib/udev.
	run in_chroot trixie dpkg -L pcipath
	assert_line /usr/lib/udev/pcipath_id
}

teardown_file() {
	rm -rf "$OUT"/chroot-*
}
