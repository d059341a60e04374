//! Where each value of a YAML file is: a map from a [`YamlPath`] (`clauses/3/when`) to
//! the line and column of the value, so that validation can point at the text it
//! complains about.
use crate::diagnostics::{Pos, YAML_SPACE, YamlLines};
use crate::hash::HashMap;
use crate::yaml_events::{Data, Event, Events, Mark, Style};

/// A node's position (for block scalars, `|` and `>`, where its text starts) and, for a
/// scalar, how it is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Place {
    pub pos: Pos,
    pub style: Style,
}

impl Place {
    /// The file position of a place inside this scalar (line and column counted inside
    /// the scalar, from 1), in the file whose `lines` these are.
    pub fn inside(self, lines: &YamlLines, offset_line: usize, offset_col: usize) -> Pos {
        let Place { pos, style } = self;
        if style.is_block() {
            // Block scalar: marked at its first line that is not blank, at its
            // indentation; blank lines before it are the scalar's first lines.
            let mut first = pos.line;
            while first > 1
                && lines
                    .line(first - 1)
                    .is_some_and(|l| blank_in_block(l, Some(pos.col - 1)))
            {
                first -= 1;
            }
            if style == Style::Folded
                && let Some(found) = folded_block(lines, first, pos.col, offset_line, offset_col)
            {
                return found;
            }
            if style != Style::Folded
                && let Some(found) = literal_block(lines, first, pos.col, offset_line, offset_col)
            {
                return found;
            }
            // Each line of the text is a line of the file, less the block's indentation
            // (more-indented lines keep the rest of theirs as text).
            Pos {
                line: first + offset_line - 1,
                col: pos.col - 1 + offset_col,
            }
        } else {
            let start = value_start(lines.line(pos.line).unwrap_or(""), pos.col, style);
            flow_scalar(lines, pos.line, start, style, offset_line, offset_col).unwrap_or({
                Pos {
                    line: pos.line,
                    col: start,
                }
            })
        }
    }
}

/// The column where a plain or quoted scalar's text starts on its first line: libyaml
/// marks the node where it starts, at an anchor or tag before it (`&a !t "text"`), and
/// a quoted one at its opening quote.
fn value_start(text: &str, col: usize, style: Style) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let i = past_properties(&chars, col.saturating_sub(1));
    match (style, chars.get(i)) {
        (Style::Single, Some('\'')) | (Style::Double, Some('"')) => i + 2,
        _ => i + 1,
    }
}

/// Where a place inside a folded block scalar (`>`) is in the file. libyaml joins two
/// lines of text with a space; a line break before blank lines is dropped and each blank
/// line reads as a line break; around a more-indented line, breaks are kept. `first` is
/// the scalar's first line (blank lines included) and `indent` the column its text
/// starts at. None if the lines run out first.
fn folded_block(
    lines: &YamlLines,
    first: usize,
    indent: usize,
    offset_line: usize,
    offset_col: usize,
) -> Option<Pos> {
    let (mut vline, mut vcol) = (1, 1);
    // The last line of text (None before the first): whether it was more indented, and
    // whether a line or paragraph separator ended it; and how each blank line since ended.
    let mut previous: Option<(bool, bool)> = None;
    let mut blanks: Vec<bool> = Vec::new();
    let mut n = first;
    loop {
        let text = lines.line(n)?;
        if blank_in_block(text, Some(indent - 1)) {
            blanks.push(lines.ends_in_separator(n));
            n += 1;
            continue;
        }
        let start = text
            .char_indices()
            .nth(indent - 1)
            .map_or(text.len(), |(i, _)| i);
        let segment = &text[start..];
        let more = segment.starts_with(YAML_SPACE);
        match previous {
            None => {}
            // Between two lines of text neither more indented, a line break folds: into a
            // space, or into nothing before blank lines.
            Some((false, false)) if !more && blanks.is_empty() => vcol += 1,
            Some((false, false)) if !more => {}
            // Else it is kept: a separator as a character, any other as a line break.
            Some((_, true)) => vcol += 1,
            Some((_, false)) => {
                vline += 1;
                vcol = 1;
            }
        }
        for &separator in &blanks {
            if separator {
                vcol += 1;
            } else {
                vline += 1;
                vcol = 1;
            }
        }
        blanks.clear();
        let len = segment.chars().count();
        if vline == offset_line && offset_col >= vcol && offset_col <= vcol + len {
            return Some(Pos {
                line: n,
                col: indent + offset_col - vcol,
            });
        }
        if vline > offset_line {
            return None;
        }
        vcol += len;
        previous = Some((more, lines.ends_in_separator(n)));
        n += 1;
    }
}

/// Where a place inside a literal block scalar (`|`) is in the file: each line of the
/// file is a line of the text, less the block's indentation, but a line or paragraph
/// separator (LS, PS) that ends a line stays in the text as a character, and the next
/// line goes on the same line of text. None if the lines run out first.
fn literal_block(
    lines: &YamlLines,
    first: usize,
    indent: usize,
    offset_line: usize,
    offset_col: usize,
) -> Option<Pos> {
    let (mut vline, mut vcol) = (1, 1);
    let mut n = first;
    loop {
        let separator = lines.ends_in_separator(n);
        if vline > offset_line {
            return None;
        }
        if vline == offset_line || separator {
            // (Only a line that holds the place, or goes on to the next, is measured.)
            let len = lines.line(n)?.chars().count().saturating_sub(indent - 1);
            if vline == offset_line && (!separator || offset_col <= vcol + len) {
                return Some(Pos {
                    line: n,
                    col: indent + offset_col - vcol,
                });
            }
            if separator {
                vcol += len + 1;
                n += 1;
                continue;
            }
        }
        lines.line(n)?;
        vline += 1;
        vcol = 1;
        n += 1;
    }
}

/// Where a place inside a plain or quoted scalar is in the file, found by reading the
/// scalar as libyaml does: a line break between two lines of text reads as a space, a
/// break before blank lines is dropped and each blank line reads as a line break, blanks
/// around a break are dropped; in double quotes an escape (`\n`, `\"`, `\u00e9`) is one
/// character (`\n` a line break) and a `\` at the end of a line joins the next without a
/// space; in single quotes `''` is one `'`. `first` and `start` are where the text starts
/// (after an opening quote). None if the text ends (or the lines run out) first.
fn flow_scalar(
    lines: &YamlLines,
    first: usize,
    start: usize,
    style: Style,
    offset_line: usize,
    offset_col: usize,
) -> Option<Pos> {
    let target = (offset_line, offset_col);
    // Where the value is (line and column, from 1).
    let mut at = (1, 1);
    let mut n = first;
    // Where this line's text starts (the first line: after the quote).
    let mut from = start;
    loop {
        let text = lines.line(n)?;
        let chars: Vec<char> = text.chars().collect();
        // The text of the line ends before its trailing blanks (kept in a quoted
        // scalar's last line, but the target is never among them unless it is there).
        let end = chars
            .iter()
            .rposition(|c| !matches!(c, ' ' | '\t'))
            .map_or(0, |i| i + 1);
        let mut i = from.saturating_sub(1);
        let mut joined = false;
        while i < end {
            let c = chars[i];
            let here = Pos {
                line: n,
                col: i + 1,
            };
            let mut width = 1;
            match (style, c) {
                (Style::Double, '"') | (Style::Single, '\'')
                    if !(style == Style::Single && chars.get(i + 1) == Some(&'\'')) =>
                {
                    // The closing quote: the value ends here.
                    return (at == target).then_some(here);
                }
                (Style::Single, '\'') => width = 2,
                (Style::Double, '\\') => match chars.get(i + 1) {
                    None => {
                        // An escaped line break: the next line joins without a space.
                        joined = true;
                        break;
                    }
                    Some('x') => width = 4,
                    Some('u') => width = 6,
                    Some('U') => width = 10,
                    Some('n') => {
                        if at == target {
                            return Some(here);
                        }
                        at = (at.0 + 1, 1);
                        i += 2;
                        continue;
                    }
                    Some(_) => width = 2,
                },
                _ => {}
            }
            if at == target {
                return Some(here);
            }
            at.1 += 1;
            i += width;
        }
        if at.0 > target.0 {
            return None;
        }
        // The line break: a line break per blank line after it (after `\` too), else
        // dropped after `\`, else a space.
        // A line or paragraph separator (LS, PS) is not folded: it stays in the text as
        // a character, and so does each one that ends a blank line after it.
        let leading_kept = !joined && lines.ends_in_separator(n);
        let mut trailing = Vec::new();
        n += 1;
        while lines
            .line(n)
            .is_some_and(|l| l.trim_matches(YAML_SPACE).is_empty())
        {
            trailing.push(lines.ends_in_separator(n));
            n += 1;
        }
        if leading_kept || (!joined && trailing.is_empty()) {
            // The break reads as one character on this line: a space, or the separator.
            if at == target {
                return Some(Pos {
                    line: n - 1 - trailing.len(),
                    col: end + 1,
                });
            }
            at.1 += 1;
        }
        for separator in trailing {
            at = if separator {
                (at.0, at.1 + 1)
            } else {
                (at.0 + 1, 1)
            };
        }
        let next = lines.line(n)?;
        from = next.len() - next.trim_start_matches(YAML_SPACE).len() + 1;
        // (A line's leading blanks are dropped; `from` counts bytes, which are
        // characters here: blanks are ASCII.)
    }
}

/// The place of a value inside a YAML file, built step by step:
/// `YamlPath::root().key("clauses").index(3).key("when")`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct YamlPath(String);

impl YamlPath {
    /// The whole document.
    pub fn root() -> YamlPath {
        YamlPath(String::new())
    }

    /// The value under `key` of this map.
    pub fn key(&self, key: &str) -> YamlPath {
        YamlPath(join(&self.0, key))
    }

    /// Item `i` of this sequence.
    pub fn index(&self, i: usize) -> YamlPath {
        YamlPath(join(&self.0, &i.to_string()))
    }

    /// The key `key` itself (not its value), for "unknown key" messages.
    pub fn key_of(&self, key: &str) -> YamlPath {
        YamlPath(join(&self.0, &format!("{key}@key")))
    }

    /// The `n`th key (from 0) of this map itself, whatever the key is: for a key that is
    /// not text (a list, a map, `~`), which no text names.
    pub fn nth_key(&self, n: usize) -> YamlPath {
        YamlPath(join(&self.0, &format!("{}@key", entry_name(n))))
    }

    /// The enclosing value, if any.
    fn parent(&self) -> Option<YamlPath> {
        if self.0.is_empty() {
            return None;
        }
        // A top-level key's parent is the root (whose path is empty).
        Some(YamlPath(
            self.0.rfind('/').map_or("", |i| &self.0[..i]).to_string(),
        ))
    }
}

impl std::fmt::Display for YamlPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() { "(root)" } else { &self.0 })
    }
}

#[derive(Debug, Default)]
pub struct Positions {
    places: HashMap<String, Place>,
}

impl Positions {
    /// Indexes `text` with libyaml, the parser serde reads the file with, so that every
    /// value serde read has its place (a file that does not parse is indexed up to its
    /// error, which serde reports).
    pub fn index(text: &str) -> Positions {
        let mut builder = Builder::default();
        let lines: Vec<&str> = crate::diagnostics::yaml_lines(text).collect();
        // Each line's characters, once: a scalar's column counts characters, and taking
        // them again for every scalar made a long line (a flow list of thousands of
        // items) quadratic, seconds for 24 KB (found by fuzzing, round 14).
        let chars: Vec<Vec<char>> = lines.iter().map(|l| l.chars().collect()).collect();
        for event in Events::new(text).map_while(Result::ok) {
            builder.on_event(event, &lines, &chars);
        }
        Positions {
            places: builder.places,
        }
    }

    /// The position of the value at `path`, or of its nearest indexed ancestor.
    pub fn pos(&self, path: &YamlPath) -> Option<Pos> {
        self.place(path).map(|p| p.pos)
    }

    /// The position of a place inside the scalar at `path` (line and column counted
    /// inside it, from 1). Only the scalar's own place can be counted from: when the
    /// index lacks it (the YAML parser that indexes stopped earlier than serde did),
    /// this is the position of its nearest indexed ancestor, as [`Positions::pos`] gives.
    pub fn inside(
        &self,
        path: &YamlPath,
        lines: &YamlLines,
        offset_line: usize,
        offset_col: usize,
    ) -> Option<Pos> {
        match self.places.get(&path.0) {
            Some(place) => Some(place.inside(lines, offset_line, offset_col)),
            None => self.pos(path),
        }
    }

    pub fn place(&self, path: &YamlPath) -> Option<Place> {
        let mut path = path.clone();
        loop {
            if let Some(p) = self.places.get(&path.0) {
                return Some(*p);
            }
            path = path.parent()?;
        }
    }
}

enum Frame {
    /// `key`: the key whose value comes next; `keys`: how many keys so far.
    Map {
        key: Option<String>,
        keys: usize,
    },
    Seq {
        index: usize,
    },
}

/// What the node that starts now is.
enum Node {
    /// A value, at its path.
    Value(String),
    /// The `n`th key of the map at `parent`.
    Key { parent: String, n: usize },
}

/// The name of a map's `n`th entry where its key is not text: one no text key has (the
/// NUL character can be written in YAML only as an escape, and no id holds it). A list or
/// a map as a key is indexed under it, apart from every value's path.
fn entry_name(n: usize) -> String {
    format!("\u{0}{n}")
}

#[derive(Default)]
struct Builder {
    stack: Vec<(String, Frame)>,
    places: HashMap<String, Place>,
}

impl Builder {
    /// The node that starts now, advancing the parent's state.
    fn next_node(&mut self, is_scalar: bool, value: &str) -> Node {
        let Some((parent, frame)) = self.stack.last_mut() else {
            return Node::Value(String::new());
        };
        match frame {
            Frame::Map { key, keys } => match key.take() {
                Some(k) => Node::Value(join(parent, &k)),
                None => {
                    // This node is a key: text names its value; any other key, its number.
                    let n = *keys;
                    *keys += 1;
                    *key = Some(if is_scalar {
                        value.to_string()
                    } else {
                        entry_name(n)
                    });
                    Node::Key {
                        parent: parent.clone(),
                        n,
                    }
                }
            },
            Frame::Seq { index } => {
                let path = join(parent, &index.to_string());
                *index += 1;
                Node::Value(path)
            }
        }
    }

    /// Remembers where the `n`th key of the map at `parent` is, by its number (and by
    /// `text` when the key is text), for "unknown key" messages.
    fn key_place(&mut self, parent: &str, n: usize, text: Option<&str>, pos: Pos) {
        let place = Place {
            pos,
            ..Place::default()
        };
        if let Some(text) = text {
            self.places
                .entry(join(parent, &format!("{text}@key")))
                .or_insert(place);
        }
        self.places
            .insert(join(parent, &format!("{}@key", entry_name(n))), place);
    }
}

fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}/{child}")
    }
}

impl Builder {
    fn on_event(&mut self, event: Event, lines: &[&str], chars: &[Vec<char>]) {
        let (pos, end) = (event.start.pos(), event.end);
        match event.data {
            Data::Scalar { value, style, .. } => match self.next_node(true, &value) {
                Node::Value(path) => {
                    let pos = if style.is_block() {
                        block_start(pos, end, lines)
                    } else {
                        flow_text_start(pos, end, chars)
                    };
                    self.places.insert(path, Place { pos, style });
                }
                Node::Key { parent, n } => self.key_place(&parent, n, Some(&value), pos),
            },
            Data::MappingStart { .. } | Data::SequenceStart { .. } => {
                let is_map = matches!(event.data, Data::MappingStart { .. });
                let path = match self.next_node(false, "") {
                    Node::Value(path) => path,
                    // A list or a map as a key: its place is the key's, and what is inside
                    // it is indexed under that, apart from every value's path.
                    Node::Key { parent, n } => YamlPath(parent).nth_key(n).0,
                };
                self.places.insert(
                    path.clone(),
                    Place {
                        pos,
                        ..Place::default()
                    },
                );
                let frame = if is_map {
                    Frame::Map { key: None, keys: 0 }
                } else {
                    Frame::Seq { index: 0 }
                };
                self.stack.push((path, frame));
            }
            Data::MappingEnd | Data::SequenceEnd => {
                self.stack.pop();
            }
            Data::Alias { .. } => {
                // An alias as a key names its value by its number, like a list or a map.
                if let Node::Key { parent, n } = self.next_node(false, "") {
                    self.key_place(&parent, n, None, pos);
                }
            }
            _ => {}
        }
    }
}

/// Where a block scalar's text starts, given where libyaml marks it (at its `|` or `>`,
/// or a tag or anchor before it): the first line after the header that is not blank, at
/// the block's indentation, before the scalar's `end`. (An empty one is marked at its
/// header.) The indentation is the first such line's, unless the header gives it
/// (`|2`: two more than the collection the scalar is in).
fn block_start(header: Pos, end: Mark, lines: &[&str]) -> Pos {
    // Lines (from 0) up to the one the scalar ends on, that one only if text ends there.
    let last = end.line.saturating_add(usize::from(end.column > 0));
    let given = lines
        .get(header.line.wrapping_sub(1))
        .and_then(|l| indentation_given(l, header.col));
    lines
        .iter()
        .enumerate()
        .take(last)
        .skip(header.line)
        .find(|(_, l)| !blank_in_block(l, given))
        .map_or(header, |(i, l)| Pos {
            line: i + 1,
            col: given.unwrap_or_else(|| l.chars().take_while(|c| *c == ' ').count()) + 1,
        })
}

/// Whether a line of a block scalar is blank: spaces only, no more than the block's
/// indentation (`indent` spaces; None while it is not known, before the first line of
/// text). More spaces, or a tab or a no-break space past the indentation, make a line of
/// text, as YAML reads it.
fn blank_in_block(line: &str, indent: Option<usize>) -> bool {
    line.bytes().all(|b| b == b' ') && indent.is_none_or(|n| line.len() <= n)
}

/// Where a plain or quoted scalar's text starts, given where libyaml marks it: at an
/// `&anchor` or `!tag` before it, which may end its line (`text: &a`, then the text on
/// a later line, after blank or comment lines). Past the properties, line ends and
/// comments, if that is still inside the scalar (before its `end`); else where marked
/// (an empty value with an anchor).
/// `lines` holds each line's characters.
fn flow_text_start(marked: Pos, end: Mark, lines: &[Vec<char>]) -> Pos {
    let (mut line, mut i) = (marked.line, marked.col.saturating_sub(1));
    while let Some(chars) = lines.get(line.wrapping_sub(1)) {
        while matches!(chars.get(i), Some(' ' | '\t')) {
            i += 1;
        }
        match chars.get(i) {
            // The line ends, or a comment ends it: the text is on a later line.
            None | Some('#') => (line, i) = (line + 1, 0),
            Some('&' | '!') => i = past_property(chars, i),
            Some(_) => {
                let inside = (line - 1, i) <= (end.line, end.column);
                return if inside {
                    Pos { line, col: i + 1 }
                } else {
                    marked
                };
            }
        }
        if (line - 1, 0) > (end.line, end.column) {
            break;
        }
    }
    marked
}

/// The index in `chars` past the `&anchor` and `!tag` properties (each followed by
/// blanks) that start at `i`: where libyaml marks a node, before its value.
fn past_properties(chars: &[char], mut i: usize) -> usize {
    while matches!(chars.get(i), Some('&' | '!')) {
        i = past_property(chars, i);
        while matches!(chars.get(i), Some(' ' | '\t')) {
            i += 1;
        }
    }
    i
}

/// The index in `chars` past the one `&anchor` or `!tag` at `i`, as libyaml reads them:
/// an anchor's name is letters, digits, `_` and `-` (`&a:"x"` is the anchor `a` before
/// the plain text `:"x"`); a tag runs to the next blank.
fn past_property(chars: &[char], mut i: usize) -> usize {
    let anchor = chars.get(i) == Some(&'&');
    i += 1;
    while chars.get(i).is_some_and(|&c| {
        if anchor {
            c.is_ascii_alphanumeric() || c == '_' || c == '-'
        } else {
            !matches!(c, ' ' | '\t')
        }
    }) {
        i += 1;
    }
    i
}

/// The indentation a block scalar's header gives (`key: |2-`), from the line it is on
/// and the column libyaml marks: the digit added to the column of the collection the
/// scalar is in (its key's, or its `-`'s for a list item).
fn indentation_given(line: &str, col: usize) -> Option<usize> {
    let chars: Vec<char> = line.chars().collect();
    let i = past_properties(&chars, col.saturating_sub(1));
    if !matches!(chars.get(i), Some('|' | '>')) {
        return None;
    }
    let digit = chars[i + 1..]
        .iter()
        .take(2)
        .find_map(|c| c.to_digit(10).filter(|d| *d > 0))? as usize;
    // The collection's column: where the key starts, past any `- ` before it; or, for
    // an item, where its `-` is.
    // (A no-break space is text to YAML, here of the key.)
    let before: String = chars[..i].iter().collect();
    let trimmed = before.trim_end_matches(YAML_SPACE);
    let mut at = before.len() - before.trim_start_matches(YAML_SPACE).len();
    let mut rest = &before[at..];
    let mut dash = at;
    while let Some(after) = rest.strip_prefix('-').filter(|a| a.starts_with(YAML_SPACE)) {
        dash = at;
        let skipped = after.len() - after.trim_start_matches(YAML_SPACE).len() + 1;
        at += skipped;
        rest = &rest[skipped..];
    }
    let collection = if trimmed.ends_with(':') { at } else { dash };
    Some(collection + digit)
}

#[cfg(test)]
mod tests;
