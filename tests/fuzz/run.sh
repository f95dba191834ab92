#!/bin/sh
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# Fuzzing the parsers of src/text/ with libFuzzer.
#
#   tests/fuzz/run.sh [SECONDS]        # default 20 seconds per target
#
# Each tests/fuzz/fuzz_<name>.c is a libFuzzer target that checks invariants
# of one parser (see the comment at the top of each file). This script
# builds them with clang (-fsanitize=fuzzer,address,undefined) together with
# src/core/*.c and src/text/*.c into $KH_FUZZ_OUT (default build-fuzz/ at
# the top of the repository), replays every input saved under
# tests/fuzz/regressions/<name>/, then fuzzes each target for SECONDS
# starting from a copy of tests/fuzz/corpus/<name>/ — new inputs go to the
# copy, never into the repository. It exits 1 on any crash, leak, timeout,
# out-of-memory or broken invariant and prints the path of the reproducer;
# 77 (CTest's "skipped") when clang or libFuzzer (libclang-rt) is missing.
#
# Each target may have a libFuzzer dictionary tests/fuzz/<name>.dict.
# A crash found here: copy the reproducer to tests/fuzz/regressions/<name>/
# under a name that says what it shows, so every later run replays it.
# Reproduce one by hand with  $KH_FUZZ_OUT/bin/fuzz_<name> FILE.
# KH_FUZZ_CC picks the compiler (default clang); KH_FUZZ_TARGETS a subset
# ("csv docnum").
set -u

seconds=${1:-20}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${KH_FUZZ_OUT:-$root/build-fuzz}
cc=${KH_FUZZ_CC:-clang}
targets=${KH_FUZZ_TARGETS:-}
if [ -z "$targets" ]; then
	for f in "$here"/fuzz_*.c; do
		f=${f##*/fuzz_}
		targets="$targets ${f%.c}"
	done
fi

case $seconds in
'' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

if ! command -v "$cc" >/dev/null 2>&1; then
	echo "fuzz: skipped: $cc is not installed (apt-get install clang)"
	exit 77
fi
mkdir -p "$out/bin" "$out/obj" "$out/probe" || exit 1
cat >"$out/probe/probe.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }
EOF
if ! "$cc" -fsanitize=fuzzer,address,undefined "$out/probe/probe.c" -o "$out/probe/probe" \
	>"$out/probe/log" 2>&1; then
	echo "fuzz: skipped: $cc cannot build a libFuzzer target (needs clang and libclang-rt):"
	sed 's/^/  /' "$out/probe/log" | head -5
	exit 77
fi
# src/text/ reads DOCX packages too (libzip, libxml2).
if ! dep_cflags=$(pkg-config --cflags libutf8proc libzip libxml-2.0) ||
	! dep_libs=$(pkg-config --libs libutf8proc libzip libxml-2.0); then
	echo "fuzz: pkg-config cannot find libutf8proc, libzip or libxml-2.0" >&2
	exit 1
fi

# ---- build ----
cflags="-std=gnu11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=all"
echo "fuzz: building into $out"
objs=
for src in "$root"/src/core/*.c "$root"/src/text/*.c; do
	obj=$out/obj/$(basename "$(dirname "$src")")_$(basename "$src" .c).o
	# shellcheck disable=SC2086 # word splitting of the flag lists is wanted
	if ! "$cc" $cflags -fsanitize=fuzzer-no-link,address,undefined -Wall -Wextra \
		-Wno-unused-parameter -I"$root/src" $dep_cflags -c "$src" -o "$obj"; then
		echo "fuzz: FAILED to compile $src" >&2
		exit 1
	fi
	objs="$objs $obj"
done
for t in $targets; do
	# shellcheck disable=SC2086
	if ! "$cc" $cflags -fsanitize=fuzzer,address,undefined -Wall -Wextra -Werror -Wshadow \
		-Wstrict-prototypes -I"$root/src" -I"$here" $dep_cflags "$here/fuzz_$t.c" $objs \
		$dep_libs -lm -o "$out/bin/fuzz_$t"; then
		echo "fuzz: FAILED to build fuzz_$t" >&2
		exit 1
	fi
done

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:allocator_may_return_null=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
failed=0
# The lines of a failure log worth showing: what broke, on which strings.
summary='FUZZ INVARIANT|ERROR: |runtime error|SUMMARY|^  [a-z].*bytes\): '

# ---- replay the saved reproducers ----
for t in $targets; do
	dir=$root/tests/fuzz/regressions/$t
	[ -d "$dir" ] || continue
	for f in "$dir"/*; do
		[ -f "$f" ] || continue
		if ! "$out/bin/fuzz_$t" -rss_limit_mb=2048 -timeout=25 "$f" \
			>"$out/replay.log" 2>&1; then
			echo "fuzz: REGRESSION fuzz_$t fails on $f"
			grep -E "$summary" "$out/replay.log" |
				head -8 | cut -c1-300 | sed 's/^/  /'
			failed=1
		fi
	done
done

# ---- fuzz ----
for t in $targets; do
	work=$out/work/$t
	rm -rf "$work"
	mkdir -p "$work/corpus" "$work/artifacts"
	if [ -d "$here/corpus/$t" ]; then
		cp "$here/corpus/$t"/* "$work/corpus/" 2>/dev/null
	fi
	dict=
	[ -f "$here/$t.dict" ] && dict=-dict=$here/$t.dict
	echo "fuzz: fuzz_$t for ${seconds}s"
	# shellcheck disable=SC2086 # $dict is empty or one word
	"$out/bin/fuzz_$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=25 \
		-error_exitcode=1 -print_final_stats=1 -artifact_prefix="$work/artifacts/" $dict \
		"$work/corpus" >"$work/log" 2>&1
	rc=$?
	if [ $rc -ne 0 ] || [ -n "$(ls "$work/artifacts")" ]; then
		failed=1
		echo "fuzz: FAILED fuzz_$t (exit $rc); log: $work/log"
		grep -E "$summary" "$work/log" |
			head -12 | cut -c1-300 | sed 's/^/  /'
		for a in "$work"/artifacts/*; do
			[ -f "$a" ] && echo "  reproducer: $a  (replay: $out/bin/fuzz_$t $a)"
		done
	else
		grep -E '^stat::number_of_executed_units|^Done' "$work/log" | sed 's/^/  /'
	fi
done

if [ $failed -ne 0 ]; then
	echo "fuzz: FAILED"
	exit 1
fi
echo "fuzz: all targets passed"
