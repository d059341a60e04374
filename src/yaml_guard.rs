//! What the YAML of a file a person wrote may hold, checked before it is parsed: no tags
//! (`!!python/object`, `!include`) and no `*alias` repetitions that would expand past
//! [`MAX_ALIAS_VALUES`] values or [`MAX_ALIAS_TEXT`] bytes of text (an "alias bomb"). A
//! refusal names the file, line and column, and the fix.
use crate::diagnostics::{Diagnostic, Pos, pos_of_offset};
use crate::hash::HashMap;
use crate::yaml_events::{Data, Events};

/// How many values `*alias` references may add to a YAML file, counted as expanded.
pub const MAX_ALIAS_VALUES: u64 = 100_000;

/// How many bytes of text `*alias` references may add to a YAML file, counted as
/// expanded. A few values can hold much text: one long anchored text repeated ten
/// thousand times stays under [`MAX_ALIAS_VALUES`] and would take gigabytes to read.
pub const MAX_ALIAS_TEXT: u64 = 1_000_000;

/// What a node stands for once its aliases are expanded: values, and bytes of text.
#[derive(Clone, Copy, Default)]
struct Size {
    values: u64,
    text: u64,
}

impl Size {
    fn add(&mut self, other: Size) {
        self.values = self.values.saturating_add(other.values);
        self.text = self.text.saturating_add(other.text);
    }
}

/// Whether `text` may hold a tag (`!…`) or an anchor (`&…`): one can only begin a node,
/// so it starts a line or (past spaces) follows one of `: - ? [ { ,`. A `!` or `&`
/// inside text (`a != b`, `A & B`) is neither, and a file with none needs no second
/// parse.
fn may_hold_tag_or_anchor(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.match_indices(['!', '&']).any(|(i, _)| {
        let before = bytes[..i].iter().rev().find(|b| !matches!(b, b' ' | b'\t'));
        matches!(
            before,
            // The last bytes of NEL, LS and PS, which also end a line.
            None | Some(b'\n' | b'\r' | 0x85 | 0xa8 | 0xa9)
                | Some(b':' | b'-' | b'?' | b'[' | b'{' | b',')
        )
    })
}

/// Refuses YAML tags (`!!python/object`, `!include`) and aliases that would expand into
/// more than [`MAX_ALIAS_VALUES`] values. Syntax errors are left to the parser, which
/// reports them with their places. The file is read by libyaml, as serde reads it.
pub fn check_yaml(name: &str, text: &str) -> Result<(), Box<Diagnostic>> {
    if !may_hold_tag_or_anchor(text) {
        return Ok(());
    }
    let refuse = |pos: Option<Pos>, message: String, help: &str| {
        Box::new(
            Diagnostic::error(name, pos, message)
                .with_source(text)
                .with_help(help),
        )
    };
    // What each anchor stands for, and per open collection its anchor and its values
    // so far.
    let mut anchored: HashMap<String, Size> = HashMap::default();
    let mut open: Vec<(Option<String>, Size)> = Vec::new();
    let mut repeated = Size::default();
    let one = |text: u64| Size { values: 1, text };
    for event in Events::new(text) {
        let Ok(event) = event else {
            return Ok(());
        };
        let mark = event.start;
        let (anchor, tag, size) = match event.data {
            Data::StreamEnd => return Ok(()),
            Data::Scalar {
                anchor, tag, value, ..
            } => (anchor, tag, Some(one(value.len() as u64))),
            Data::SequenceStart { anchor, tag } | Data::MappingStart { anchor, tag } => {
                (anchor, tag, None)
            }
            Data::SequenceEnd | Data::MappingEnd => {
                let (anchor, mut size) = open.pop().unwrap_or_default();
                size.add(one(0));
                (anchor, None, Some(size))
            }
            Data::Alias { anchor } => {
                let size = anchored.get(&anchor).copied().unwrap_or(one(0));
                repeated.add(size);
                let too_much = if repeated.values > MAX_ALIAS_VALUES {
                    Some(format!("{MAX_ALIAS_VALUES} values"))
                } else if repeated.text > MAX_ALIAS_TEXT {
                    Some(format!("{} MB of text", MAX_ALIAS_TEXT / 1_000_000))
                } else {
                    None
                };
                if let Some(too_much) = too_much {
                    return Err(refuse(
                        Some(mark.pos()),
                        format!(
                            "the `*` aliases up to here repeat more than {too_much} \
                             (an \"alias bomb\")"
                        ),
                        "write the values out instead of repeating them with `&` anchors and `*` aliases",
                    ));
                }
                (None, None, Some(size))
            }
            _ => continue,
        };
        if let Some(tag) = tag.filter(|t| !is_core(t)) {
            // The event is marked where the node starts (its anchor or tag); point at
            // the tag as written.
            let written = tag_text(&tag);
            let start = mark.index.min(text.len());
            let pos = text
                .get(start..)
                .and_then(|rest| rest.find(&written))
                .map_or(Some(mark.pos()), |i| Some(pos_of_offset(text, start + i)));
            return Err(refuse(
                pos,
                format!("YAML tags are not accepted here: `{written}`"),
                "remove the tag: these files hold plain text, numbers, lists and maps",
            ));
        }
        match size {
            // A collection opens: its values are counted until it closes.
            None => open.push((anchor, Size::default())),
            Some(size) => {
                if let Some(anchor) = anchor {
                    anchored.insert(anchor, size);
                }
                if let Some((_, parent)) = open.last_mut() {
                    parent.add(size);
                }
            }
        }
    }
    Ok(())
}

const CORE_PREFIX: &str = "tag:yaml.org,2002:";

/// The standard tags that only say what a plain value already is (`!!str 1.0`).
fn is_core(tag: &str) -> bool {
    tag.strip_prefix(CORE_PREFIX)
        .is_some_and(|t| matches!(t, "str" | "int" | "float" | "bool" | "null" | "seq" | "map"))
}

/// A tag as it is usually written (`!!binary`, `!include`), from libyaml's resolved form.
fn tag_text(tag: &str) -> String {
    match tag.strip_prefix(CORE_PREFIX) {
        Some(rest) => format!("!!{rest}"),
        None => tag.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_text_that_may_hold_a_tag_or_anchor_is_parsed_twice() {
        for text in [
            "!!python/object x",
            "a: !include b",
            "a:\n  !tag b",
            "- &x 1\n- *x",
            "a: [!t b]",
            "a: {b: &c d}",
            "? !t a\n: b",
            "a: b, !t",
            "a: b\n!t c: d",
            "a: b\r  &x c: d",
            "a: b\u{2028}!t c: d",
        ] {
            assert!(may_hold_tag_or_anchor(text), "{text}");
        }
        for text in ["when: a != b", "title: A & B", "body: Wow!", "plain"] {
            assert!(!may_hold_tag_or_anchor(text), "{text}");
        }
    }

    fn refusal(text: &str) -> String {
        check_yaml("f.yaml", text).unwrap_err().headline()
    }

    #[test]
    fn tags_are_refused_where_they_stand_except_the_core_ones() {
        assert_eq!(
            refusal("a: 1\nb: !!python/object:os.system {}\n"),
            "f.yaml:2:4: YAML tags are not accepted here: `!!python/object:os.system`"
        );
        assert_eq!(
            refusal("a:\n  - !include other.yaml\n"),
            "f.yaml:2:5: YAML tags are not accepted here: `!include`"
        );
        assert!(check_yaml("f.yaml", "v: !!str 1.0\nw: Hello!\n").is_ok());
    }

    #[test]
    fn an_alias_bomb_is_refused_but_a_few_aliases_are_fine() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (name, prev) in ["b", "c", "d", "e", "f", "g"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f"])
        {
            bomb.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 10].join(", ")
            ));
        }
        assert!(
            refusal(&bomb).starts_with("f.yaml:5:"),
            "{}",
            refusal(&bomb)
        );
        assert!(check_yaml("f.yaml", "a: &a [1, 2]\nb: *a\nc: *a\nd: R&D\n").is_ok());
        // Few values, much text: a text of 10 kB in a list of 10, the list repeated.
        let text = "x".repeat(10_000);
        let mut bomb = format!("t: &t \"{text}\"\nl: &l [{}]\n", ["*t"; 10].join(", "));
        for n in 1..=20 {
            bomb.push_str(&format!("r{n}: *l\n"));
        }
        assert_eq!(
            refusal(&bomb),
            "f.yaml:12:6: the `*` aliases up to here repeat more than 1 MB of text (an \"alias bomb\")"
        );
        // The same text repeated a few times is fine.
        let few = format!("t: &t \"{text}\"\nl: [{}]\n", ["*t"; 10].join(", "));
        assert!(check_yaml("f.yaml", &few).is_ok());
        // A broken file is the parser's to report.
        assert!(check_yaml("f.yaml", "a: [&x\n").is_ok());
    }
}
