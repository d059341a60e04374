//! The events of a YAML text, read by libyaml: the parser serde reads every file with
//! (`yaml_serde` is built on `libyaml-rs`). The positions of values and the guard against
//! tags and alias bombs read the text with it too, so that all three see the same YAML:
//! a second parser, stricter or looser than serde's at some corner, would stop early and
//! leave values without a place (an error pointed at the clause list instead of the
//! clause), or let a tag past the guard.
//!
//! This is the one place hrpolicy calls `unsafe` code: libyaml-rs keeps libyaml's C
//! interface. The parser lives in a box that never moves (libyaml points into it), the
//! input outlives it, and every event is freed once read.
use libyaml_rs as sys;
use std::mem::MaybeUninit;

/// Where an event starts or ends: line and column from 0 (columns in characters), and
/// the byte offset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mark {
    pub index: usize,
    pub line: usize,
    pub column: usize,
}

impl Mark {
    /// The position as diagnostics show it (line and column from 1).
    pub fn pos(self) -> crate::diagnostics::Pos {
        crate::diagnostics::Pos {
            line: self.line.saturating_add(1),
            col: self.column.saturating_add(1),
        }
    }
}

/// How a scalar is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Style {
    #[default]
    Plain,
    /// `'text'`
    Single,
    /// `"text"`, with escapes.
    Double,
    /// `|`
    Literal,
    /// `>`: lines join with spaces.
    Folded,
}

impl Style {
    /// Written as a block (`|` or `>`).
    pub fn is_block(self) -> bool {
        matches!(self, Style::Literal | Style::Folded)
    }
}

/// What an event is, with what hrpolicy reads of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    Scalar {
        anchor: Option<String>,
        tag: Option<String>,
        value: String,
        /// How it is written: plain, quoted, or as a block.
        style: Style,
    },
    SequenceStart {
        anchor: Option<String>,
        tag: Option<String>,
    },
    SequenceEnd,
    MappingStart {
        anchor: Option<String>,
        tag: Option<String>,
    },
    MappingEnd,
    Alias {
        anchor: String,
    },
    StreamEnd,
    /// Stream start, document start and end.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub data: Data,
    pub start: Mark,
    pub end: Mark,
}

/// The events of one text, in order, up to its end or its first syntax error.
pub struct Events<'a> {
    parser: Box<MaybeUninit<sys::yaml_parser_t>>,
    _input: &'a [u8],
    /// `yaml_parser_initialize` succeeded: the parser must be deleted.
    initialised: bool,
    done: bool,
}

impl<'a> Events<'a> {
    pub fn new(text: &'a str) -> Events<'a> {
        let input = text.as_bytes();
        let mut parser = Box::new(MaybeUninit::<sys::yaml_parser_t>::uninit());
        let p = parser.as_mut_ptr();
        // SAFETY: `p` points to memory the box owns and never moves, which
        // `yaml_parser_initialize` initialises (it fails only when it cannot allocate).
        // The input is borrowed for the parser's lifetime ('a).
        let initialised = unsafe {
            let ok = !sys::yaml_parser_initialize(p).fail;
            if ok {
                sys::yaml_parser_set_encoding(p, sys::YAML_UTF8_ENCODING);
                sys::yaml_parser_set_input_string(p, input.as_ptr(), input.len() as u64);
            }
            ok
        };
        Events {
            parser,
            _input: input,
            initialised,
            done: !initialised,
        }
    }
}

impl Drop for Events<'_> {
    fn drop(&mut self) {
        if self.initialised {
            // SAFETY: initialised by `yaml_parser_initialize` in `new`, deleted only here.
            unsafe { sys::yaml_parser_delete(self.parser.as_mut_ptr()) }
        }
    }
}

/// A NUL-terminated string of libyaml's, or None for a null pointer.
///
/// SAFETY: `ptr` is null or points to a NUL-terminated string that lives as long as
/// the event it belongs to.
unsafe fn text_of(ptr: *const u8) -> Option<String> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: as the function's contract says.
    let c = unsafe { std::ffi::CStr::from_ptr(ptr.cast()) };
    Some(String::from_utf8_lossy(c.to_bytes()).into_owned())
}

fn mark(m: sys::yaml_mark_t) -> Mark {
    Mark {
        index: usize::try_from(m.index).unwrap_or(usize::MAX),
        line: usize::try_from(m.line).unwrap_or(usize::MAX),
        column: usize::try_from(m.column).unwrap_or(usize::MAX),
    }
}

impl Iterator for Events<'_> {
    /// An event, or `Err` with the position of a syntax error (after which there are
    /// no more events).
    type Item = Result<Event, Mark>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let p = self.parser.as_mut_ptr();
        let mut raw = MaybeUninit::<sys::yaml_event_t>::uninit();
        let e = raw.as_mut_ptr();
        // SAFETY: the parser was initialised in `new` (else `done` is set) and its input
        // is borrowed for as long as it lives. A successful `yaml_parser_parse` fills
        // the event, whose union member matches its `type_`; the event is read, then
        // deleted once. A failed one leaves nothing to delete.
        unsafe {
            if (&(*p)).error != sys::YAML_NO_ERROR || sys::yaml_parser_parse(p, e).fail {
                self.done = true;
                return Some(Err(mark((&(*p)).problem_mark)));
            }
            let ev = &*e;
            let data = match ev.type_ {
                sys::YAML_SCALAR_EVENT => {
                    let s = ev.data.scalar;
                    let bytes = if s.value.is_null() {
                        &[][..]
                    } else {
                        std::slice::from_raw_parts(s.value, s.length as usize)
                    };
                    Data::Scalar {
                        anchor: text_of(s.anchor),
                        tag: text_of(s.tag),
                        value: String::from_utf8_lossy(bytes).into_owned(),
                        style: match s.style {
                            sys::YAML_SINGLE_QUOTED_SCALAR_STYLE => Style::Single,
                            sys::YAML_DOUBLE_QUOTED_SCALAR_STYLE => Style::Double,
                            sys::YAML_LITERAL_SCALAR_STYLE => Style::Literal,
                            sys::YAML_FOLDED_SCALAR_STYLE => Style::Folded,
                            _ => Style::Plain,
                        },
                    }
                }
                sys::YAML_SEQUENCE_START_EVENT => Data::SequenceStart {
                    anchor: text_of(ev.data.sequence_start.anchor),
                    tag: text_of(ev.data.sequence_start.tag),
                },
                sys::YAML_SEQUENCE_END_EVENT => Data::SequenceEnd,
                sys::YAML_MAPPING_START_EVENT => Data::MappingStart {
                    anchor: text_of(ev.data.mapping_start.anchor),
                    tag: text_of(ev.data.mapping_start.tag),
                },
                sys::YAML_MAPPING_END_EVENT => Data::MappingEnd,
                sys::YAML_ALIAS_EVENT => Data::Alias {
                    anchor: text_of(ev.data.alias.anchor).unwrap_or_default(),
                },
                sys::YAML_STREAM_END_EVENT => Data::StreamEnd,
                _ => Data::Other,
            };
            let event = Event {
                data,
                start: mark(ev.start_mark),
                end: mark(ev.end_mark),
            };
            sys::yaml_event_delete(e);
            if event.data == Data::StreamEnd {
                self.done = true;
            }
            Some(Ok(event))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_events_serde_reads_and_stops_at_an_error() {
        let events: Vec<Result<Event, Mark>> =
            Events::new("a: &x !t b\nc: |\n  d\ne: *x\n").collect();
        let data: Vec<Data> = events
            .iter()
            .filter_map(|e| e.clone().ok())
            .map(|e| e.data)
            .collect();
        assert!(data.contains(&Data::Scalar {
            anchor: Some("x".into()),
            tag: Some("!t".into()),
            value: "b".into(),
            style: Style::Plain
        }));
        assert!(data.contains(&Data::Scalar {
            anchor: None,
            tag: None,
            value: "d\n".into(),
            style: Style::Literal
        }));
        assert!(data.contains(&Data::Alias { anchor: "x".into() }));
        assert_eq!(data.last(), Some(&Data::StreamEnd));
        let broken: Vec<Result<Event, Mark>> = Events::new("a: [b\n").collect();
        assert!(broken.last().unwrap().is_err());
        assert_eq!(Events::new("a: [b\n").count(), broken.len());
    }
}
