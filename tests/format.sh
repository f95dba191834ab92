#!/usr/bin/env bash
# The C sources are formatted by clang-format with the repository's
# .clang-format (STYLE.md habit 12). Prints the files that are not and fails;
# `make format` fixes them. Exits 77 (skipped) when clang-format is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "clang-format is missing"; exit 77; }
bad=()
while IFS= read -r f; do
	[ -f "$f" ] || continue
	clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tests/*.h' 2>/dev/null || find src tests -name '*.[ch]')
if [ ${#bad[@]} -gt 0 ]; then
	printf 'not clang-format clean (run `make format`):\n'
	printf '  %s\n' "${bad[@]}"
	exit 1
fi
echo "all C sources are clang-format clean"
