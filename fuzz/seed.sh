#!/bin/sh
# Fills fuzz/corpus/<target>/ with seed inputs taken from the repository (the shipped
# library, the examples, the bad-input corpus), the kept regression inputs and the
# corpora earlier rounds kept (fuzz/corpora/TARGET.tar.xz).
# Run from anywhere; safe to run again (files are named by content).
set -eu
cd "$(dirname "$0")"
root=..
put() { # put TARGET < input (its own variable name: sh has no locals, and the loops use f)
    put_tmp=$(mktemp)
    cat > "$put_tmp"
    mkdir -p "corpus/$1"
    mv "$put_tmp" "corpus/$1/seed-$(sha1sum < "$put_tmp" | cut -c1-16)"
}
# library: each shipped file in place of the minimal library's own.
for f in "$root"/policy-library/*.yaml; do
    { printf '%%%%file %s\n' "$(basename "$f")"; cat "$f"; } | put library
done
for f in "$root"/policy-library/sections/*.yaml; do
    put library < "$f"
    { printf '%%%%file overlay/sections/%s\n' "$(basename "$f")"; cat "$f"; } | put library
done
for f in "$root"/policy-library/countries/*.yaml; do
    { printf '%%%%file countries/%s\n' "$(basename "$f")"; cat "$f"; } | put library
done
for f in $(find "$root"/policy-library/translations -name '*.yaml' | head -6); do
    { printf '%%%%file %s\n' "${f#"$root"/policy-library/}"; cat "$f"; } | put library
done
# condition: every `when` and `ask-if` of the shipped library.
grep -rhoE '(when|ask-if): .*' "$root"/policy-library | sed -E 's/^(when|ask-if): //; s/^"(.*)"$/\1/' |
    sort -u | while IFS= read -r c; do printf '%s' "$c" | put condition; done
# answers: the examples and the bad-input corpus (not the 60 MB one, made at run time).
for f in "$root"/examples/*/answers.yaml "$root"/tests/bad-input/_shared/answers.yaml \
    "$root"/tests/bad-input/answers-*/files/*.yaml; do
    [ -f "$f" ] && [ "$(wc -c < "$f")" -lt 100000 ] && put answers < "$f"
done
# decisions: the bad-input corpus.
for f in "$root"/tests/bad-input/decisions-*/files/*.yaml; do
    [ -f "$f" ] && [ "$(wc -c < "$f")" -lt 100000 ] && put decisions < "$f"
done
# render: the examples' handbooks, chapter by chapter, behind a flags byte.
i=0
for f in "$root"/examples/*/handbook.md; do
    csplit -s -z -f /tmp/hrpolicy-seed- "$f" '/^## /' '{*}'
    for part in /tmp/hrpolicy-seed-*; do
        i=$((i + 1))
        { printf "\\$(printf '%03o' $((i % 8)))"; head -c 4000 "$part"; } | put render
        { printf "\\$(printf '%03o' $((i % 8)))"; head -c 1000 "$part"; } | put render_pdf
    done
    rm -f /tmp/hrpolicy-seed-*
done
# The hand-written seeds (fuzz/seeds/<target>/): small sound libraries with overrides,
# translations and country profiles, which mutation alone reaches only by luck.
for d in seeds/*/; do
    [ -d "$d" ] || continue
    t=$(basename "$d")
    for f in "$d"*; do [ -f "$f" ] && put "$t" < "$f"; done
done
# The kept regression inputs.
for d in "$root"/tests/fuzz-regressions/*/; do
    [ -d "$d" ] || continue
    t=$(basename "$d")
    for f in "$d"*; do [ -f "$f" ] && put "$t" < "$f"; done
done
# The corpora an earlier round kept (`keep-corpus.sh`): each round continues where the
# last one stopped, not from the seeds alone.
for a in corpora/*.tar.xz; do
    [ -f "$a" ] && mkdir -p corpus && tar -C corpus -xJf "$a"
done
for t in library condition answers decisions render render_pdf; do
    printf '%s: %s seeds\n' "$t" "$(ls "corpus/$t" 2>/dev/null | wc -l)"
done
