//! `handbook.md`: the document with a YAML metadata block that pandoc reads.
use crate::document::Document;
use serde::Serialize;

#[derive(Serialize)]
struct FrontMatter<'a> {
    title: String,
    subtitle: &'a str,
    author: &'a str,
    date: String,
    lang: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    version: &'a str,
}

/// The Markdown file: metadata block, then the body.
pub fn render_markdown(doc: &Document) -> String {
    let m = &doc.meta;
    let title = if m.organisation.is_empty() {
        m.title.clone()
    } else {
        format!("{}: {}", m.organisation, m.title)
    };
    let title = if m.draft {
        format!("{}: {title}", m.labels.draft_mark)
    } else {
        title
    };
    let front = FrontMatter {
        title,
        subtitle: &m.subtitle,
        author: &m.organisation,
        date: m.date.to_string(),
        lang: &m.lang,
        version: &m.version,
    };
    // Serialising (not templating) the block keeps any text the user typed valid YAML.
    let yaml = serde_yaml::to_string(&front).unwrap_or_default();
    format!("---\n{yaml}---\n\n{}", doc.markdown)
}
