//! `handbook.md`: the document with a YAML metadata block that pandoc reads.
use crate::document::Document;
use serde::Serialize;

#[derive(Serialize)]
struct FrontMatter<'a> {
    title: String,
    subtitle: String,
    author: String,
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
        title: metadata_text(&title),
        subtitle: metadata_text(&m.subtitle),
        author: metadata_text(&m.organisation),
        date: m.date.to_string(),
        lang: &m.lang,
        version: &m.version,
    };
    // Serialising (not templating) the block keeps any text the user typed valid YAML.
    let yaml = serde_yaml::to_string(&front).unwrap_or_default();
    format!("---\n{yaml}---\n\n{}", doc.markdown)
}

/// pandoc reads a metadata string as Markdown, so text an organisation typed (`*`, `_`,
/// `[`, `$`, `@`) is escaped to reach the title page as typed: as any value in the body,
/// and also pandoc's math (`$`), superscript (`^`) and citation (`@`) marks.
fn metadata_text(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    let _ = crate::markup::escape_markdown(text, &mut out);
    String::from_utf8(out)
        .unwrap_or_default()
        .replace('$', "\\$")
        .replace('^', "\\^")
        .replace('@', "\\@")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Meta;

    /// The title a Markdown reader (comrak, as pandoc would) makes of the metadata value.
    fn read_as_markdown(value: &str) -> String {
        let html = comrak::markdown_to_html(value, &crate::markup::comrak_options());
        let inner = html
            .trim()
            .trim_start_matches("<p>")
            .trim_end_matches("</p>");
        inner
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
    }

    #[test]
    fn the_front_matter_keeps_typed_text_literal() {
        let typed = "Peers *United* [North] <b>_x_</b> $5 & @team #1 | `a`";
        let doc = Document {
            meta: Meta {
                title: "Staff handbook".into(),
                subtitle: "Policy: 2^3".into(),
                organisation: typed.into(),
                date: jiff::civil::date(2026, 1, 15),
                version: String::new(),
                lang: "en".into(),
                draft: false,
                labels: Default::default(),
            },
            markdown: "# 1. Purpose\n".into(),
        };
        let md = render_markdown(&doc);
        let block = md
            .strip_prefix("---\n")
            .unwrap()
            .split("---\n")
            .next()
            .unwrap();
        let front: std::collections::BTreeMap<String, String> =
            serde_yaml::from_str(block).expect("the metadata block is valid YAML");
        assert_eq!(read_as_markdown(&front["author"]), typed);
        assert_eq!(
            read_as_markdown(&front["title"]),
            format!("{typed}: Staff handbook")
        );
        assert!(front["title"].contains("\\$5") && front["title"].contains("\\@team"));
        assert_eq!(front["subtitle"], "Policy: 2\\^3");
    }
}
