//! Places inside YAML values, checked against serde's reading of the same file.
use super::*;

#[test]
fn a_missing_top_level_key_is_placed_at_the_document() {
    // "the section has no `id`": the key is not there, so the place is the whole
    // document's, not none at all.
    let index = Positions::index("# a comment\ntitle: Base\n");
    assert_eq!(
        index.pos(&YamlPath::root().key("id")),
        index.pos(&YamlPath::root())
    );
    assert!(index.pos(&YamlPath::root()).is_some());
}

#[test]
fn finds_nested_values_and_block_scalars() {
    let text = "id: a\nclauses:\n  - id: x\n    when: org.type == cbo\n    body: |\n      Hello\n";
    let p = Positions::index(text);
    let root = YamlPath::root();
    let clause = root.key("clauses").index(0);
    assert_eq!(p.pos(&root.key("id")), Some(Pos { line: 1, col: 5 }));
    assert_eq!(p.pos(&clause.key("when")), Some(Pos { line: 4, col: 11 }));
    assert_eq!(p.pos(&clause.key_of("when")), Some(Pos { line: 4, col: 5 }));
    let body = p.place(&clause.key("body")).unwrap();
    assert!(body.style.is_block());
    // A block scalar is marked where its content starts.
    assert_eq!(body.pos.line, 6);
    // An unknown path falls back to its nearest ancestor.
    assert_eq!(p.pos(&clause.key("nothing")).map(|p| p.line), Some(3));
    assert_eq!(clause.key("when").to_string(), "clauses/0/when");
}

#[test]
fn keys_that_are_not_text_have_places_and_take_none_from_values() {
    // A list or a map as a key used to be indexed as the document itself: what was
    // inside it took the places of the top-level keys of the same names.
    let text = "id: a\nwhen: b\n{id: [x], when: y}: 1\n~: 2\n? - when\n: 3\n*k : 4\n";
    let p = Positions::index(text);
    let root = YamlPath::root();
    assert_eq!(p.pos(&root), Some(Pos { line: 1, col: 1 }));
    assert_eq!(p.pos(&root.key("id")), Some(Pos { line: 1, col: 5 }));
    assert_eq!(p.pos(&root.key("when")), Some(Pos { line: 2, col: 7 }));
    let keys: Vec<_> = (0..6).map(|n| p.pos(&root.nth_key(n))).collect();
    let at = |line, col| Some(Pos { line, col });
    assert_eq!(
        keys,
        [at(1, 1), at(2, 1), at(3, 1), at(4, 1), at(5, 3), at(7, 1)]
    );
    assert_eq!(p.pos(&root.key_of("~")), at(4, 1));
}

#[test]
fn a_place_in_a_scalar_folded_over_lines_is_found_on_its_own_line() {
    // Found by fuzzing: the error for `{{ org.contact }}` pointed past the end of
    // the line before it.
    let text = "summary: Use plain words,\n  ask {{ org.contact }}.\n\n  Then more {{ x }}.\nnext: \"a\n  b {{ y }}\"\n";
    let p = Positions::index(text);
    let lines = YamlLines::new(text);
    let at = |key: &str, l, c| {
        p.place(&YamlPath::root().key(key))
            .unwrap()
            .inside(&lines, l, c)
    };
    let value: crate::hash::HashMap<String, String> = serde_yaml::from_str(text).unwrap();
    assert_eq!(
        value["summary"],
        "Use plain words, ask {{ org.contact }}.\nThen more {{ x }}."
    );
    assert_eq!(value["next"], "a b {{ y }}");
    assert_eq!(at("summary", 1, 1), Pos { line: 1, col: 10 });
    assert_eq!(at("summary", 1, 22), Pos { line: 2, col: 7 });
    assert_eq!(at("summary", 2, 11), Pos { line: 4, col: 13 });
    // "a b {{ y }}", quoted.
    assert_eq!(at("next", 1, 5), Pos { line: 6, col: 5 });
}

#[test]
fn a_place_in_a_folded_block_is_found_on_its_own_line() {
    let text = "body: >\n  Text for everyone,\n  over lines for {{ a }}.\n\n  Second {{ b }}.\n    kept {{ c }}\n  last {{ d }}\n";
    let p = Positions::index(text);
    let lines = YamlLines::new(text);
    let place = p.place(&YamlPath::root().key("body")).unwrap();
    assert_eq!(place.style, Style::Folded);
    let value: crate::hash::HashMap<String, String> = serde_yaml::from_str(text).unwrap();
    assert_eq!(
        value["body"],
        "Text for everyone, over lines for {{ a }}.\nSecond {{ b }}.\n  kept {{ c }}\nlast {{ d }}\n"
    );
    let at = |l, c| place.inside(&lines, l, c);
    assert_eq!(at(1, 1), Pos { line: 2, col: 3 });
    assert_eq!(at(1, 35), Pos { line: 3, col: 18 });
    assert_eq!(at(2, 8), Pos { line: 5, col: 10 });
    assert_eq!(at(3, 8), Pos { line: 6, col: 10 });
    assert_eq!(at(4, 6), Pos { line: 7, col: 8 });
}
/// Every `{{` of every value, found in the value as serde reads it, is placed where
/// the file has it.
fn check_every_variable_is_placed(text: &str) {
    let p = Positions::index(text);
    let lines = YamlLines::new(text);
    let values: std::collections::BTreeMap<String, String> = serde_yaml::from_str(text).unwrap();
    let mut seen = 0;
    for (key, value) in &values {
        let place = p.place(&YamlPath::root().key(key)).unwrap();
        for (offset, _) in value.match_indices("{{") {
            let rel = crate::diagnostics::pos_of_offset(value, offset);
            let at = place.inside(&lines, rel.line, rel.col);
            let found: String = lines
                .line(at.line)
                .unwrap_or("")
                .chars()
                .skip(at.col - 1)
                .take(2)
                .collect();
            assert_eq!(found, "{{", "{key}: {value:?} at {rel:?} placed at {at:?}");
            seen += 1;
        }
    }
    assert!(seen > 0);
}

#[test]
fn escapes_quotes_and_joined_lines_are_read_as_yaml_reads_them() {
    check_every_variable_is_placed(concat!(
        "a: \"Line one\\n{{ x }} and \\\"{{ y }}\\\" caf\\u00e9 {{ z }}\"\n",
        "b: 'It''s {{ x }}\n  and ''{{ y }}'''\n",
        "c: \"joined\\\n  here {{ x }}   \n\n   after a blank {{ y }}\"\n",
        "d: &anchor plain {{ x }}\n  continued {{ y }}\n",
        "e: !!str \"tagged {{ x }}\"\n",
        "f: \"\n  starts on the next line {{ x }}\"\n",
        "g: >-\n  folded {{ x }}\n\n  {{ y }}\n",
        "h: |\n  text\n     more indented {{ x }}\n",
        // Found by fuzzing (round 12): blank lines after an escaped line break are
        // line breaks of the text, as after any other.
        "i: \"joined \\\n\n  after one blank {{ x }} \\\n   \n\n  two {{ y }}\"\n",
        // Found by fuzzing (round 13): an anchor or tag that ends its line, the
        // text on a later one, after blank and comment lines.
        "j: &j\n\n\n    more indented {{ x }}\n  and on {{ y }}\n",
        "k: !!str &k # a comment\n  # another\n  \"quoted {{ x }}\"\n",
        "l: &l\n  !!str\n  plain {{ x }}\n",
        // And (round 13) an anchor's name ends where libyaml ends it: `&m:"` is the
        // anchor `m` before the plain text `:" …`.
        "m: &m:\" {{ x }} and \\\n  a joined line {{ y }}\"\n",
    ));
}

#[test]
fn line_and_paragraph_separators_stay_in_the_text_as_yaml_keeps_them() {
    // Found by fuzzing (round 16): libyaml counts LS and PS as line breaks, but keeps
    // them in the text instead of folding them; two in a row were read as a line
    // break of the text, and the error fell back to the start of the value.
    check_every_variable_is_placed(concat!(
        "a: 'two separators\u{2028}\u{2028}then {{ x }}'\n",
        "b: 'a paragraph\u{2029}\n  after it {{ x }}\n\n  and {{ y }}'\n",
        "c: \"double\u{2028}{{ x }}\u{2028}\n\n  {{ y }}\"\n",
        "d: plain\u{2028}\u{2028}  more {{ x }}\n",
        // A line holding only a no-break space is text, not a blank line.
        "e: 'nbsp\n  \u{a0}\n  {{ x }}'\n",
        "f: |\n  one\u{2028}  two {{ x }}\u{2029}\n\n  three {{ y }}\n",
        "g: >\n  one\u{2028}\u{2028}  two {{ x }}\n  folded {{ y }}\u{2028}\n\n  after {{ z }}\n",
    ));
}

#[test]
fn a_blank_line_in_a_block_is_one_of_spaces_no_longer_than_the_indentation() {
    // YAML's empty line in a block scalar holds spaces up to the block's indentation and
    // nothing else. More spaces, a no-break space or a tab past the indentation make a
    // line of text, more indented in a folded block, so the breaks around it are kept.
    // Rust's `trim` had taken all three for blank lines (a to e fail without it).
    check_every_variable_is_placed(concat!(
        "a: >\n  one\n      \n  two\n  three {{ x }}\n",
        "b: >\n  one\n  \u{a0}\n  two {{ x }}\n",
        "c: >\n  one\n  \t\n  two\n  three {{ x }}\n",
        // A no-break space on the first line: that line is where the text starts.
        "d: >\n  \u{a0}\n  two {{ x }}\n  three {{ y }}\n",
        "e: >2\n  one\n     \n  two\n  three {{ y }}\n",
        "f: |\n  \u{a0}\n  two {{ x }}\n",
    ));
}

#[test]
fn an_indentation_indicator_counts_from_a_key_that_starts_with_a_no_break_space() {
    // The no-break space is the key's first character, not indentation: `|2` is two
    // columns from it (and, counted in bytes, it had moved the block two columns right).
    check_every_variable_is_placed("\u{a0}a: |2\n    more {{ x }}\n  and {{ y }}\n");
}
