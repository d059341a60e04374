//! Where each value of a YAML file is: a map from a path (`clauses/3/when`) to the line
//! and column of the value, so that validation can point at the text it complains about.
use crate::diagnostics::Pos;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A node's position and, for block scalars (`|`, `>`), the line its content starts on.
#[derive(Debug, Clone, Copy, Default)]
pub struct Place {
    pub pos: Pos,
    pub block: bool,
}

#[derive(Debug, Default)]
pub struct Positions {
    places: HashMap<String, Place>,
}

impl Positions {
    /// Indexes `text`; a file that does not parse gives an empty index (serde reports why).
    pub fn index(text: &str) -> Positions {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut builder, false);
        Positions {
            places: builder.places,
        }
    }

    /// The position of the value at `path`, or of its nearest indexed ancestor.
    pub fn pos(&self, path: &str) -> Option<Pos> {
        self.place(path).map(|p| p.pos)
    }

    pub fn place(&self, path: &str) -> Option<Place> {
        let mut path = path;
        loop {
            if let Some(p) = self.places.get(path) {
                return Some(*p);
            }
            path = &path[..path.rfind('/')?];
        }
    }
}

enum Frame {
    Map { key: Option<String> },
    Seq { index: usize },
}

#[derive(Default)]
struct Builder {
    stack: Vec<(String, Frame)>,
    places: HashMap<String, Place>,
}

impl Builder {
    /// The path of the node that starts now, advancing the parent's state.
    fn next_path(&mut self, is_scalar: bool, value: &str) -> Option<String> {
        let Some((parent, frame)) = self.stack.last_mut() else {
            return Some(String::new());
        };
        match frame {
            Frame::Map { key } => match key.take() {
                Some(k) => Some(join(parent, &k)),
                None => {
                    // This node is a key; only scalar keys are indexed.
                    *key = Some(if is_scalar {
                        value.to_string()
                    } else {
                        String::new()
                    });
                    None
                }
            },
            Frame::Seq { index } => {
                let path = join(parent, &index.to_string());
                *index += 1;
                Some(path)
            }
        }
    }
}

fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}/{child}")
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = Pos {
            line: mark.line(),
            col: mark.col() + 1,
        };
        match ev {
            Event::Scalar(value, style, ..) => {
                let is_key_position =
                    matches!(self.stack.last(), Some((_, Frame::Map { key: None })));
                match self.next_path(true, &value) {
                    Some(path) => {
                        let block = matches!(style, TScalarStyle::Literal | TScalarStyle::Folded);
                        self.places.insert(path, Place { pos, block });
                    }
                    None if is_key_position => {
                        // Remember where the key is, for "unknown key" style messages.
                        let parent = self
                            .stack
                            .last()
                            .map(|(p, _)| p.clone())
                            .unwrap_or_default();
                        self.places
                            .entry(join(&parent, &format!("{value}@key")))
                            .or_insert(Place { pos, block: false });
                    }
                    None => {}
                }
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                let path = self.next_path(false, "").unwrap_or_default();
                self.places
                    .insert(path.clone(), Place { pos, block: false });
                let frame = if is_map {
                    Frame::Map { key: None }
                } else {
                    Frame::Seq { index: 0 }
                };
                self.stack.push((path, frame));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::Alias(_) => {
                let _ = self.next_path(true, "");
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_and_block_scalars() {
        let text =
            "id: a\nclauses:\n  - id: x\n    when: org.type == cbo\n    body: |\n      Hello\n";
        let p = Positions::index(text);
        assert_eq!(p.pos("id"), Some(Pos { line: 1, col: 5 }));
        assert_eq!(p.pos("clauses/0/when"), Some(Pos { line: 4, col: 11 }));
        let body = p.place("clauses/0/body").unwrap();
        assert!(body.block);
        // A block scalar is marked where its content starts.
        assert_eq!(body.pos.line, 6);
        // An unknown path falls back to its nearest ancestor.
        assert_eq!(p.pos("clauses/0/nothing").map(|p| p.line), Some(3));
    }
}
