//! Questions to the library by id: every lookup goes through the maps of [`Index`],
//! built once by [`Library::reindex`] when the library is complete.
use super::known;
use super::model::{CountryFile, Question, QuestionChapter, Source};
use super::{CompiledClause, Index, Library, Section, SourceFile};
use crate::answer::{Answer, Answers, Kind};
use crate::diagnostics::{Diagnostic, did_you_mean};
use jiff::ToSpan;
use jiff::civil::Date;

impl Library {
    /// Rebuilds the id maps; called whenever the vectors change.
    pub fn reindex(&mut self) {
        let mut index = Index::default();
        for (ci, chapter) in self.chapters.iter().enumerate() {
            for (qi, q) in chapter.questions.iter().enumerate() {
                index.questions.entry(q.id.clone()).or_insert((ci, qi));
            }
        }
        for (si, section) in self.sections.iter().enumerate() {
            index.sections.entry(section.id.clone()).or_insert(si);
            for (ci, c) in section.clauses.iter().enumerate() {
                index.clauses.entry(c.clause.id.clone()).or_insert((si, ci));
            }
        }
        for (i, c) in self.countries.iter().enumerate() {
            index.countries.entry(c.code.clone()).or_insert(i);
        }
        for (i, s) in self.sources.iter().enumerate() {
            index.sources.entry(s.id.clone()).or_insert(i);
        }
        for (i, f) in self.files.iter().enumerate() {
            index.files.entry(f.name.clone()).or_insert(i);
        }
        self.index = index;
    }

    /// Adds `files` (a translation's, merged into the texts) to the library's files.
    /// Merging a translation changes texts only, so nothing else needs indexing again.
    pub(crate) fn add_files(&mut self, files: Vec<SourceFile>) {
        for f in files {
            self.index
                .files
                .entry(f.name.clone())
                .or_insert(self.files.len());
            self.files.push(f);
        }
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.chapters.iter().flat_map(|c| c.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        let &(c, q) = self.index.questions.get(id)?;
        Some(&self.chapters[c].questions[q])
    }

    /// The chapter a question belongs to.
    pub fn chapter_of(&self, id: &str) -> Option<&QuestionChapter> {
        let &(c, _) = self.index.questions.get(id)?;
        Some(&self.chapters[c])
    }

    /// The values a choice or multi question accepts.
    pub fn choice_values(&self, q: &Question) -> Vec<String> {
        if q.choices_from.as_deref() == Some("countries") {
            // Offered by name, as a person looks for them.
            let lang = &self.meta.default_language;
            let mut countries: Vec<_> = self.countries.iter().collect();
            countries.sort_by(|a, b| a.name.get(lang, lang).cmp(b.name.get(lang, lang)));
            let mut v: Vec<String> = countries.iter().map(|c| c.code.clone()).collect();
            v.push("other".into());
            v
        } else {
            q.choices.iter().map(|c| c.value.clone()).collect()
        }
    }

    /// The label of one choice value (a country's name for `choices-from: countries`).
    pub fn choice_label(&self, q: &Question, value: &str, lang: &str) -> String {
        let default = &self.meta.default_language;
        if q.choices_from.as_deref() == Some("countries") {
            return match self.country(value) {
                Some(c) => c.name.get(lang, default).to_string(),
                None if value == "other" => self.string(known::strings::OTHER_COUNTRY, lang),
                None => value.to_string(),
            };
        }
        q.choices.iter().find(|c| c.value == value).map_or_else(
            || value.to_string(),
            |c| c.label.get(lang, default).to_string(),
        )
    }

    /// A short human form of an answer, with labels instead of values.
    pub fn answer_label(&self, q: &Question, a: &Answer, lang: &str) -> String {
        match a {
            Answer::Text(s) if q.kind == Kind::Choice => self.choice_label(q, s, lang),
            Answer::Bool(b) => {
                let key = if *b {
                    known::strings::YES
                } else {
                    known::strings::NO
                };
                self.string(key, lang)
            }
            Answer::Multi(v) if v.is_empty() => self.string(known::strings::NONE, lang),
            Answer::Multi(v) => v
                .iter()
                .map(|s| self.choice_label(q, s, lang))
                .collect::<Vec<_>>()
                .join(", "),
            other => other.display(),
        }
    }

    /// Whether `id` is asked, given the answers so far.
    pub fn is_asked(&self, id: &str, answers: &Answers) -> bool {
        self.ask_if
            .get(id)
            .is_none_or(|c| c.eval(answers, &mut Vec::new()))
    }

    /// Only the answers that count: a question whose `ask-if` is false has none.
    pub fn effective_answers(&self, answers: &Answers) -> Answers {
        let mut out = Answers::default();
        for q in self.questions() {
            if !self.is_asked(&q.id, &out) {
                continue;
            }
            if let Some(a) = answers.get(&q.id) {
                out.insert(&q.id, a.clone());
            }
        }
        out
    }

    /// Questions that are asked (their `ask-if` holds) and have no answer, in order.
    pub fn missing_answers(&self, answers: &Answers) -> Vec<&Question> {
        let effective = self.effective_answers(answers);
        self.questions()
            .filter(|q| self.is_asked(&q.id, &effective) && effective.get(&q.id).is_none())
            .collect()
    }

    pub fn country(&self, code: &str) -> Option<&CountryFile> {
        self.index.countries.get(code).map(|&i| &self.countries[i])
    }

    /// The file the library's profile for `code` was read from (the last one read, as
    /// a later profile replaces an earlier one).
    pub fn country_file(&self, code: &str) -> Option<&super::SourceFile> {
        #[derive(serde::Deserialize)]
        struct Code {
            code: String,
        }
        self.country(code)?;
        self.files.iter().rev().find(|f| {
            let dir = f.name.rsplit_once('/').map_or("", |(dir, _)| dir);
            (dir == "countries" || dir.ends_with("/countries"))
                && serde_yaml::from_str::<Code>(&f.text).is_ok_and(|c| c.code == code)
        })
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.index.sources.get(id).map(|&i| &self.sources[i])
    }

    /// A source's title in `lang` where a translation gives one; else as written (the
    /// id itself for an unknown source).
    pub fn source_title(&self, id: &str, lang: &str) -> String {
        if let Some(t) = self.source_titles.get(id).and_then(|m| m.get(lang)) {
            return t.clone();
        }
        self.source(id)
            .map_or_else(|| id.to_string(), |s| s.title.clone())
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.index.sections.get(id).map(|&i| &self.sections[i])
    }

    pub fn clauses(&self) -> impl Iterator<Item = (&Section, &CompiledClause)> {
        self.sections
            .iter()
            .flat_map(|s| s.clauses.iter().map(move |c| (s, c)))
    }

    pub fn clause(&self, id: &str) -> Option<(&Section, &CompiledClause)> {
        let &(s, c) = self.index.clauses.get(id)?;
        let section = &self.sections[s];
        Some((section, &section.clauses[c]))
    }

    pub fn file_text(&self, name: &str) -> &str {
        self.index
            .files
            .get(name)
            .map_or("", |&i| &*self.files[i].text)
    }

    /// A library text in `lang`, falling back to the library's own language.
    pub fn text(&self, t: &crate::text::Text, lang: &str) -> String {
        t.get(lang, &self.meta.default_language).to_string()
    }

    /// The fixed text `key` in `lang` (the key itself if the library lacks it; `check`
    /// reports that).
    pub fn string(&self, key: &str, lang: &str) -> String {
        self.strings.get(key).map_or_else(
            || key.to_string(),
            |t| t.get(lang, &self.meta.default_language).to_string(),
        )
    }

    /// Warnings for the facts of the chosen country's profile checked more than 24
    /// months before `date`.
    pub fn stale_facts(&self, answers: &Answers, date: Date) -> Vec<Diagnostic> {
        let Some(code) = answers.text(known::PLACE_COUNTRY.id) else {
            return Vec::new();
        };
        let Some(profile) = self.country(code) else {
            return Vec::new();
        };
        let limit = date.saturating_sub(24.months());
        let stale: Vec<Date> = profile
            .facts
            .iter()
            .filter_map(|f| f.checked)
            .filter(|checked| *checked < limit)
            .collect();
        let Some(oldest) = stale.iter().min() else {
            return Vec::new();
        };
        let n = stale.len();
        vec![
            Diagnostic::warning(
                &format!("countries/{code}.yaml"),
                None,
                format!(
                    "{n} fact{} in the {code} profile {} checked more than 24 months ago (oldest {oldest}): the law may have changed",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "was" } else { "were" },
                ),
            )
            .with_help("check them locally, and update the profile's facts and `checked` dates"),
        ]
    }

    /// The line a document in an unreviewed translation carries; none in the library's
    /// own language or a reviewed translation.
    pub fn translation_note(&self, lang: &str) -> Option<String> {
        let info = self.languages.get(lang)?;
        (!info.reviewed).then(|| self.string(known::strings::UNREVIEWED, lang))
    }

    /// Makes `lang`'s texts available (a build loads only the translation it uses);
    /// returns the warnings of its files.
    pub fn use_language(&mut self, lang: &str) -> Vec<Diagnostic> {
        super::validate::translations::use_language(self, lang)
    }

    /// `name version`, as recorded in answers files.
    pub fn name_version(&self) -> String {
        format!("{} {}", self.meta.name, self.meta.version)
    }

    /// Converts a YAML value to the answer a question takes, or says why it can't.
    pub fn convert_answer(
        &self,
        q: &Question,
        value: &serde_yaml::Value,
    ) -> Result<Answer, (String, String)> {
        self.convert_answer_item(q, value)
            .map_err(|(message, help, _)| (message, help))
    }

    /// As [`Library::convert_answer`], and where a list is refused for one of its items,
    /// that item's index, for an error to point at it.
    pub fn convert_answer_item(
        &self,
        q: &Question,
        value: &serde_yaml::Value,
    ) -> Result<Answer, (String, String, Option<usize>)> {
        use serde_yaml::Value as V;
        let values = self.choice_values(q);
        let check_choice = |v: &str| -> Result<(), (String, String)> {
            if values.iter().any(|c| c == v) {
                Ok(())
            } else {
                Err((
                    format!("`{v}` is not a choice of `{}`", q.id),
                    did_you_mean(v, values.iter().map(String::as_str))
                        .unwrap_or_else(|| format!("choose one of: {}", values.join(", "))),
                ))
            }
        };
        let wrong = |expected: &str| {
            (
                format!("`{}` takes {expected}", q.id),
                format!("write {expected}"),
            )
        };
        if let (Kind::Multi, V::Sequence(items)) = (q.kind, value) {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let at = |(message, help)| (message, help, Some(i));
                let V::String(s) = item else {
                    return Err(at(wrong("a list of values")));
                };
                check_choice(s).map_err(at)?;
                // Said twice, a value would be listed twice wherever the handbook
                // lists the answer.
                if out.contains(s) {
                    return Err(at((
                        format!("`{s}` is listed twice in `{}`", q.id),
                        format!("list each value once: remove one `{s}`"),
                    )));
                }
                out.push(s.clone());
            }
            return Ok(Answer::Multi(out));
        }
        let plain = match (q.kind, value) {
            (Kind::Choice, V::String(s)) => check_choice(s).map(|_| Answer::Text(s.clone())),
            (Kind::Choice, V::Bool(b)) => {
                let s = if *b { "yes" } else { "no" };
                check_choice(s).map(|_| Answer::Text(s.into()))
            }
            (Kind::Choice, _) => Err(wrong("one value")),
            (Kind::Multi, V::Null) => Ok(Answer::Multi(Vec::new())),
            (Kind::Multi, _) => Err(wrong("a list of values, like [a, b]")),
            (Kind::YesNo, V::Bool(b)) => Ok(Answer::Bool(*b)),
            (Kind::YesNo, V::String(s)) if matches!(s.as_str(), "yes" | "no") => {
                Ok(Answer::Bool(s == "yes"))
            }
            (Kind::YesNo, _) => Err(wrong("yes or no (true or false)")),
            // The interview takes no empty text; neither does a file (the handbook would
            // print nothing where the organisation's name or contact goes).
            (Kind::Text, V::String(s)) if s.trim().is_empty() => Err((
                format!("`{}` is empty", q.id),
                "write the answer; to leave the question unanswered, leave it out".into(),
            )),
            (Kind::Text, V::String(s)) => Ok(Answer::Text(s.clone())),
            (Kind::Text, V::Number(n)) => Ok(Answer::Text(n.to_string())),
            (Kind::Text, _) => Err(wrong("text")),
            (Kind::Number, V::Number(n)) => n
                .as_f64()
                .map(Answer::Number)
                .ok_or_else(|| wrong("a number")),
            (Kind::Number, _) => Err(wrong("a number")),
        };
        plain.map_err(|(message, help)| (message, help, None))
    }
}
