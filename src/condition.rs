//! The condition language of `when` and `ask-if`: parsed once when the library loads,
//! checked against the questions, and evaluated against answers.
//!
//! ```text
//! expr  := and ("or" and)*
//! and   := unary ("and" unary)*
//! unary := "not" unary | "(" expr ")" | "true" | "false" | test
//! test  := ID [ ("==" | "!=") VALUE | ["not"] "in" list | "has" ["any"] (VALUE | list) ]
//! list  := "[" VALUE ("," VALUE)* "]"
//! ```
use crate::answer::{Answer, Answers, Kind};

/// A word of the source with its byte offset, for error positions.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Const(bool),
    /// A bare question id: a yes-no answered yes, or any other answer given and not empty.
    Truthy(Word),
    Equals {
        question: Word,
        value: Word,
        negate: bool,
    },
    In {
        question: Word,
        values: Vec<Word>,
        negate: bool,
    },
    Has {
        question: Word,
        values: Vec<Word>,
        any: bool,
    },
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
}

/// A parsed condition and the text it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub source: String,
    pub expr: Expr,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConditionError {
    /// Byte offset into the condition text.
    pub offset: usize,
    pub message: String,
    pub help: Option<String>,
}

/// What the checker needs to know about a question.
pub struct QuestionShape<'a> {
    pub kind: Kind,
    /// Allowed values for choice and multi questions.
    pub values: Vec<&'a str>,
}

impl Condition {
    /// Whether the condition holds only where `question == value`: it is that test, or
    /// an `and` with that test among its parts.
    pub fn requires_equal(&self, question: &str, value: &str) -> bool {
        let is_it = |e: &Expr| {
            matches!(e, Expr::Equals { question: q, value: v, negate: false }
                if q.text == question && v.text == value)
        };
        match &self.expr {
            Expr::And(parts) => parts.iter().any(is_it),
            e => is_it(e),
        }
    }

    pub fn parse(source: &str) -> Result<Condition, ConditionError> {
        let tokens = tokenize(source)?;
        let mut p = Parser {
            tokens,
            pos: 0,
            end: source.len(),
            depth: 0,
        };
        let expr = p.or()?;
        if let Some(t) = p.peek() {
            return Err(p.error_at(
                t.offset,
                format!("expected `and`, `or` or the end, found `{}`", t.text),
            ));
        }
        Ok(Condition {
            source: source.to_string(),
            expr,
        })
    }

    /// Every problem with the question ids and values this condition names.
    pub fn check<'a>(
        &self,
        shape: &dyn Fn(&str) -> Option<QuestionShape<'a>>,
        all_ids: &[&str],
    ) -> Vec<ConditionError> {
        let mut errors = Vec::new();
        check_expr(&self.expr, shape, all_ids, &mut errors);
        errors
    }

    /// Evaluates against `answers`, recording each question id it reads.
    pub fn eval(&self, answers: &Answers, read: &mut Vec<String>) -> bool {
        eval(&self.expr, answers, read)
    }

    /// The question ids this condition reads.
    pub fn questions(&self) -> Vec<&str> {
        let mut out = Vec::new();
        collect_ids(&self.expr, &mut out);
        out
    }
}

fn collect_ids<'a>(e: &'a Expr, out: &mut Vec<&'a str>) {
    match e {
        Expr::Const(_) => {}
        Expr::Truthy(q)
        | Expr::Equals { question: q, .. }
        | Expr::In { question: q, .. }
        | Expr::Has { question: q, .. } => {
            if !out.contains(&q.text.as_str()) {
                out.push(&q.text)
            }
        }
        Expr::Not(inner) => collect_ids(inner, out),
        Expr::And(v) | Expr::Or(v) => v.iter().for_each(|x| collect_ids(x, out)),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word,
    Str,
    Sym,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Tok,
    text: String,
    offset: usize,
}

fn tokenize(src: &str) -> Result<Vec<Token>, ConditionError> {
    let mut out = Vec::new();
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'(' || c == b')' || c == b'[' || c == b']' || c == b',' {
            out.push(Token {
                kind: Tok::Sym,
                text: (c as char).to_string(),
                offset: i,
            });
            i += 1;
        } else if (c == b'=' || c == b'!') && bytes.get(i + 1) == Some(&b'=') {
            out.push(Token {
                kind: Tok::Sym,
                text: src[i..i + 2].to_string(),
                offset: i,
            });
            i += 2;
        } else if c == b'"' || c == b'\'' {
            let end = src[i + 1..].find(c as char).ok_or(ConditionError {
                offset: i,
                message: "this string is not closed".into(),
                help: Some(format!("add a closing {}", c as char)),
            })?;
            out.push(Token {
                kind: Tok::Str,
                text: src[i + 1..i + 1 + end].to_string(),
                offset: i,
            });
            i += end + 2;
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'-' | b'.'))
            {
                i += 1;
            }
            out.push(Token {
                kind: Tok::Word,
                text: src[start..i].to_string(),
                offset: start,
            });
        } else {
            let ch = src[i..].chars().next().unwrap_or('?');
            let help = match ch {
                '=' => Some("compare with `==`".to_string()),
                '&' => Some("write `and`".to_string()),
                '|' => Some("write `or`".to_string()),
                '!' => Some("write `not`, or `!=` to compare".to_string()),
                _ => None,
            };
            return Err(ConditionError {
                offset: i,
                message: format!("unexpected character `{ch}`"),
                help,
            });
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    end: usize,
    /// How many `not` and `(` enclose the current token.
    depth: usize,
}

/// How deeply `not` and `(` may nest: far beyond any real condition, and well within
/// the stack (parsing, checking and evaluating all recurse).
const MAX_DEPTH: usize = 64;

const KEYWORDS: [&str; 7] = ["and", "or", "not", "in", "has", "any", "true"];

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_is(&self, text: &str) -> bool {
        self.peek()
            .is_some_and(|t| t.kind != Tok::Str && t.text == text)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn here(&self) -> usize {
        self.peek().map_or(self.end, |t| t.offset)
    }

    fn error_at(&self, offset: usize, message: String) -> ConditionError {
        ConditionError {
            offset,
            message,
            help: None,
        }
    }

    fn or(&mut self) -> Result<Expr, ConditionError> {
        let mut parts = vec![self.and()?];
        while self.peek_is("or") {
            self.next();
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Expr, ConditionError> {
        let mut parts = vec![self.unary()?];
        while self.peek_is("and") {
            self.next();
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Expr, ConditionError> {
        if self.depth >= MAX_DEPTH {
            return Err(ConditionError {
                offset: self.here(),
                message: format!("`not` and `(` nest more than {MAX_DEPTH} deep here"),
                help: Some("write the condition more simply".into()),
            });
        }
        self.depth += 1;
        let result = self.unary_inner();
        self.depth -= 1;
        result
    }

    fn unary_inner(&mut self) -> Result<Expr, ConditionError> {
        let offset = self.here();
        let Some(tok) = self.next() else {
            return Err(self.error_at(
                offset,
                "expected a question id, `not` or `(`, found the end".into(),
            ));
        };
        match (tok.kind.clone(), tok.text.as_str()) {
            (Tok::Word, "not") => Ok(Expr::Not(Box::new(self.unary()?))),
            (Tok::Word, "true") => Ok(Expr::Const(true)),
            (Tok::Word, "false") => Ok(Expr::Const(false)),
            (Tok::Sym, "(") => {
                let inner = self.or()?;
                if !self.peek_is(")") {
                    return Err(ConditionError {
                        offset: self.here(),
                        message: "expected `)`".into(),
                        help: Some("close the parenthesis opened earlier".into()),
                    });
                }
                self.next();
                Ok(inner)
            }
            (Tok::Word, word) if !KEYWORDS.contains(&word) => self.test(Word {
                text: tok.text.clone(),
                offset: tok.offset,
            }),
            _ => Err(self.error_at(
                tok.offset,
                format!("expected a question id, found `{}`", tok.text),
            )),
        }
    }

    fn test(&mut self, question: Word) -> Result<Expr, ConditionError> {
        if self.peek_is("==") || self.peek_is("!=") {
            let negate = self.next().is_some_and(|t| t.text == "!=");
            let value = self.value()?;
            return Ok(Expr::Equals {
                question,
                value,
                negate,
            });
        }
        if self.peek_is("not")
            && self
                .tokens
                .get(self.pos + 1)
                .is_some_and(|t| t.text == "in")
        {
            self.pos += 2;
            return Ok(Expr::In {
                question,
                values: self.list()?,
                negate: true,
            });
        }
        if self.peek_is("in") {
            self.next();
            return Ok(Expr::In {
                question,
                values: self.list()?,
                negate: false,
            });
        }
        if self.peek_is("has") {
            self.next();
            let any = self.peek_is("any");
            if any {
                self.next();
            }
            let values = if self.peek_is("[") {
                self.list()?
            } else {
                vec![self.value()?]
            };
            return Ok(Expr::Has {
                question,
                values,
                any,
            });
        }
        Ok(Expr::Truthy(question))
    }

    fn value(&mut self) -> Result<Word, ConditionError> {
        let offset = self.here();
        match self.next() {
            Some(t) if t.kind != Tok::Sym => Ok(Word {
                text: t.text,
                offset: t.offset,
            }),
            Some(t) => {
                Err(self.error_at(t.offset, format!("expected a value, found `{}`", t.text)))
            }
            None => Err(self.error_at(offset, "expected a value, found the end".into())),
        }
    }

    fn list(&mut self) -> Result<Vec<Word>, ConditionError> {
        if !self.peek_is("[") {
            let offset = self.here();
            return Err(ConditionError {
                offset,
                message: "expected a list like `[a, b]`".into(),
                help: Some("put the values in square brackets".into()),
            });
        }
        self.next();
        let mut values = vec![self.value()?];
        while self.peek_is(",") {
            self.next();
            values.push(self.value()?);
        }
        if !self.peek_is("]") {
            return Err(self.error_at(self.here(), "expected `,` or `]`".into()));
        }
        self.next();
        Ok(values)
    }
}

fn check_expr<'a>(
    e: &Expr,
    shape: &dyn Fn(&str) -> Option<QuestionShape<'a>>,
    all_ids: &[&str],
    errors: &mut Vec<ConditionError>,
) {
    let lookup = |q: &Word, errors: &mut Vec<ConditionError>| {
        let found = shape(&q.text);
        if found.is_none() {
            errors.push(ConditionError {
                offset: q.offset,
                message: format!("unknown question `{}`", q.text),
                help: crate::diagnostics::did_you_mean(&q.text, all_ids.iter().copied()),
            });
        }
        found
    };
    let check_values =
        |q: &Word, s: &QuestionShape<'_>, values: &[Word], errors: &mut Vec<ConditionError>| {
            for v in values {
                let ok = match s.kind {
                    Kind::Choice | Kind::Multi => s.values.contains(&v.text.as_str()),
                    Kind::YesNo => matches!(v.text.as_str(), "yes" | "no" | "true" | "false"),
                    Kind::Number => v.text.parse::<f64>().is_ok(),
                    Kind::Text => true,
                };
                if !ok {
                    let help = match s.kind {
                        Kind::YesNo => Some("a yes-no question takes `yes` or `no`".to_string()),
                        Kind::Number => Some("write a number".to_string()),
                        _ => crate::diagnostics::did_you_mean(&v.text, s.values.iter().copied())
                            .or_else(|| {
                                Some(format!(
                                    "`{}` takes one of: {}",
                                    q.text,
                                    s.values.join(", ")
                                ))
                            }),
                    };
                    errors.push(ConditionError {
                        offset: v.offset,
                        message: format!("`{}` is not a value of `{}`", v.text, q.text),
                        help,
                    });
                }
            }
        };
    match e {
        Expr::Const(_) => {}
        Expr::Truthy(q) => {
            lookup(q, errors);
        }
        Expr::Equals {
            question, value, ..
        } => {
            if let Some(s) = lookup(question, errors) {
                if s.kind == Kind::Multi {
                    errors.push(ConditionError {
                        offset: question.offset,
                        message: format!(
                            "`{}` takes several answers; compare it with `has`",
                            question.text
                        ),
                        help: Some(format!("write `{} has {}`", question.text, value.text)),
                    });
                } else {
                    check_values(question, &s, std::slice::from_ref(value), errors);
                }
            }
        }
        Expr::In {
            question, values, ..
        } => {
            if let Some(s) = lookup(question, errors) {
                if s.kind == Kind::Multi {
                    errors.push(ConditionError {
                        offset: question.offset,
                        message: format!(
                            "`{}` takes several answers; use `has any [...]`",
                            question.text
                        ),
                        help: None,
                    });
                } else {
                    check_values(question, &s, values, errors);
                }
            }
        }
        Expr::Has {
            question, values, ..
        } => {
            if let Some(s) = lookup(question, errors) {
                if s.kind != Kind::Multi {
                    errors.push(ConditionError {
                        offset: question.offset,
                        message: format!(
                            "`has` needs a multi question, and `{}` is {}",
                            question.text,
                            s.kind.name()
                        ),
                        help: Some(format!(
                            "compare with `==` or `in`: `{} == {}`",
                            question.text, values[0].text
                        )),
                    });
                } else {
                    check_values(question, &s, values, errors);
                }
            }
        }
        Expr::Not(inner) => check_expr(inner, shape, all_ids, errors),
        Expr::And(v) | Expr::Or(v) => v.iter().for_each(|x| check_expr(x, shape, all_ids, errors)),
    }
}

fn note(read: &mut Vec<String>, id: &str) {
    if !read.iter().any(|r| r == id) {
        read.push(id.to_string());
    }
}

fn equals(answer: &Answer, value: &str) -> bool {
    match answer {
        Answer::Text(s) => s == value,
        Answer::Number(n) => value.parse::<f64>().is_ok_and(|v| v == *n),
        Answer::Bool(b) => *b == matches!(value, "yes" | "true"),
        Answer::Multi(_) => false,
    }
}

fn eval(e: &Expr, answers: &Answers, read: &mut Vec<String>) -> bool {
    match e {
        Expr::Const(b) => *b,
        Expr::Truthy(q) => {
            note(read, &q.text);
            match answers.get(&q.text) {
                Some(Answer::Bool(b)) => *b,
                Some(Answer::Text(s)) => !s.is_empty(),
                Some(Answer::Multi(v)) => !v.is_empty(),
                Some(Answer::Number(_)) => true,
                None => false,
            }
        }
        Expr::Equals {
            question,
            value,
            negate,
        } => {
            note(read, &question.text);
            answers
                .get(&question.text)
                .is_some_and(|a| equals(a, &value.text) != *negate)
        }
        Expr::In {
            question,
            values,
            negate,
        } => {
            note(read, &question.text);
            answers
                .get(&question.text)
                .is_some_and(|a| values.iter().any(|v| equals(a, &v.text)) != *negate)
        }
        Expr::Has {
            question,
            values,
            any,
        } => {
            note(read, &question.text);
            match answers.get(&question.text) {
                Some(Answer::Multi(have)) => {
                    let contains = |v: &Word| have.contains(&v.text);
                    if *any {
                        values.iter().any(contains)
                    } else {
                        values.iter().all(contains)
                    }
                }
                _ => false,
            }
        }
        Expr::Not(inner) => !eval(inner, answers, read),
        Expr::And(v) => v.iter().all(|x| eval(x, answers, read)),
        Expr::Or(v) => v.iter().any(|x| eval(x, answers, read)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_condition_requires_a_value_only_through_a_top_level_and() {
        let requires = |src: &str| {
            Condition::parse(src)
                .unwrap()
                .requires_equal("place.country", "KE")
        };
        assert!(requires("place.country == KE"));
        assert!(requires("services has ost and place.country == KE"));
        assert!(!requires("place.country == KE or services has ost"));
        assert!(!requires("place.country != KE and services has ost"));
        assert!(!requires("not (place.country == KE and services has ost)"));
        assert!(!requires("place.country == ZA and services has ost"));
    }

    fn answers(pairs: &[(&str, Answer)]) -> Answers {
        let mut a = Answers::default();
        for (k, v) in pairs {
            a.insert(k, v.clone());
        }
        a
    }

    fn holds(src: &str, a: &Answers) -> bool {
        Condition::parse(src).unwrap().eval(a, &mut Vec::new())
    }

    #[test]
    fn parses_the_documented_example() {
        let c = Condition::parse(
            "org.type in [community-led, cbo] and services has nsp and not legal.use-offence",
        )
        .unwrap();
        assert_eq!(
            c.questions(),
            vec!["org.type", "services", "legal.use-offence"]
        );
        let a = answers(&[
            ("org.type", Answer::Text("cbo".into())),
            ("services", Answer::Multi(vec!["nsp".into()])),
            ("legal.use-offence", Answer::Bool(false)),
        ]);
        assert!(c.eval(&a, &mut Vec::new()));
    }

    #[test]
    fn not_binds_tighter_than_and_which_binds_tighter_than_or() {
        let a = answers(&[("x", Answer::Bool(true)), ("y", Answer::Bool(false))]);
        assert!(holds("not y and x or y", &a));
        assert!(!holds("not (x or y)", &a));
        assert!(holds("x or y and y", &a));
    }

    #[test]
    fn unanswered_questions_make_every_comparison_false() {
        let a = Answers::default();
        assert!(!holds("q == a", &a));
        assert!(!holds("q != a", &a));
        assert!(!holds("q not in [a]", &a));
        assert!(holds("not q == a", &a));
        assert!(!holds("s has a", &a));
    }

    #[test]
    fn has_any_and_has_all() {
        let a = answers(&[("s", Answer::Multi(vec!["a".into(), "b".into()]))]);
        assert!(holds("s has any [c, b]", &a));
        assert!(!holds("s has [a, c]", &a));
        assert!(holds("s has [a, b]", &a));
    }

    #[test]
    fn yes_no_compares_with_yes_and_no() {
        let a = answers(&[("u", Answer::Bool(true))]);
        assert!(holds("u == yes", &a));
        assert!(holds("u != no", &a));
        assert!(holds("u", &a));
    }

    #[test]
    fn reports_errors_with_offsets() {
        let e = Condition::parse("org.type = cbo").unwrap_err();
        assert_eq!(
            (e.offset, e.message.as_str()),
            (9, "unexpected character `=`")
        );
        assert_eq!(e.help.as_deref(), Some("compare with `==`"));
        let e = Condition::parse("a and").unwrap_err();
        assert_eq!(
            (e.offset, e.message.as_str()),
            (5, "expected a question id, `not` or `(`, found the end")
        );
        let e = Condition::parse("a in b").unwrap_err();
        assert_eq!(
            (e.offset, e.message.as_str()),
            (5, "expected a list like `[a, b]`")
        );
        let e = Condition::parse("(a or b").unwrap_err();
        assert_eq!((e.offset, e.message.as_str()), (7, "expected `)`"));
        let e = Condition::parse("a b").unwrap_err();
        assert_eq!(e.message, "expected `and`, `or` or the end, found `b`");
    }

    #[test]
    fn checks_ids_values_and_operators_against_questions() {
        let shape = |id: &str| match id {
            "org.type" => Some(QuestionShape {
                kind: Kind::Choice,
                values: vec!["cbo", "community-led"],
            }),
            "services" => Some(QuestionShape {
                kind: Kind::Multi,
                values: vec!["nsp"],
            }),
            _ => None,
        };
        let ids = ["org.type", "services"];
        let c = Condition::parse(
            "org.typ == cbo or org.type == cbx or services == nsp or org.type has cbo",
        )
        .unwrap();
        let errs: Vec<_> = c
            .check(&shape, &ids)
            .into_iter()
            .map(|e| (e.offset, e.message, e.help))
            .collect();
        assert_eq!(
            errs,
            vec![
                (
                    0,
                    "unknown question `org.typ`".into(),
                    Some("did you mean `org.type`?".into())
                ),
                (
                    30,
                    "`cbx` is not a value of `org.type`".into(),
                    Some("did you mean `cbo`?".into())
                ),
                (
                    37,
                    "`services` takes several answers; compare it with `has`".into(),
                    Some("write `services has nsp`".into())
                ),
                (
                    56,
                    "`has` needs a multi question, and `org.type` is choice".into(),
                    Some("compare with `==` or `in`: `org.type == cbo`".into())
                ),
            ]
        );
    }
}
