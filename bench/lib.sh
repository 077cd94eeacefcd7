# SPDX-License-Identifier: LGPL-2.1-or-later
# shellcheck shell=bash
# lib.sh: what the bench scripts share (sourced): their release build and a median.

bench_src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Its own build: release, no sanitizers (the developers' build-test has ASan), whatever
# an older run configured it with.
bench_build=${PCIPATH_BENCH_BUILD:-$bench_src/build-bench}

# The benchmarks build and boot what the test suite does (meson, valgrind, QEMU, ...):
# on a fresh machine, the same packages. (The guest sources this file alone.)
if [[ -x $bench_src/tests/lib/install-deps ]]; then
	"$bench_src/tests/lib/install-deps"
fi

# bench_build TARGET...: (re)configure the bench build and build just these targets.
bench_build() {
	if [[ ! -f $bench_build/build.ninja ]]; then
		meson setup --prefix=/usr -Dbuildtype=release -Db_sanitize=none "$bench_build" \
			"$bench_src" >/dev/null
	else
		meson configure -Dbuildtype=release -Db_sanitize=none "$bench_build" >/dev/null
	fi
	ninja -C "$bench_build" "$@" >/dev/null
}

# median < numbers, one per line.
median() {
	sort -n | awk 'NF { v[++n] = $1 } END { if (n) print v[int((n + 1) / 2)] }'
}
