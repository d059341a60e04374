#!/bin/sh
# Records what each built-in translation was made from (policy-library/translations/
# LANG/made-from.yaml), after a translation has been updated to say what the English
# now says. Run it only then: from the record on, `check` (and the tests) warn wherever
# a translated text's English changes, and the handbook shows that English until the
# translation is updated and recorded again. See docs/translating.md.
# Usage: scripts/record-translations.sh [LANG...]   (all languages by default)
set -eu
cd "$(dirname "$0")/.."
cargo build --quiet
bin=target/debug/hrpolicy
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" library export "$tmp/lib" 2>/dev/null
langs=${*:-$(ls policy-library/translations)}
for lang in $langs; do
    "$bin" --library "$tmp/lib" library translated "$lang"
    cp "$tmp/lib/translations/$lang/made-from.yaml" "policy-library/translations/$lang/made-from.yaml"
done
