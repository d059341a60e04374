//! The parts of the DOCX package docx-rs cannot write: core properties (title,
//! creator, language, dates) and `w:lang`, plus the small XML helpers that patch them in.
use crate::document::Meta;

/// `docProps/core.xml`: title, subject, creator, language, version and dates.
pub(super) fn core_properties(m: &Meta) -> String {
    let title = if m.organisation.is_empty() {
        m.title.clone()
    } else {
        format!("{}: {}", m.organisation, m.title)
    };
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    );
    let mut element = |name: &str, value: &str| {
        if !value.is_empty() {
            xml.push_str(&format!("<{name}>{}</{name}>", escape(value)));
        }
    };
    element("dc:title", &title);
    element("dc:subject", &m.subtitle);
    element("dc:creator", &m.organisation);
    element("cp:lastModifiedBy", &m.organisation);
    element("dc:language", &m.lang);
    element("cp:version", &m.version);
    if m.draft {
        element("cp:contentStatus", "Draft");
    }
    for name in ["dcterms:created", "dcterms:modified"] {
        xml.push_str(&format!(
            r#"<{name} xsi:type="dcterms:W3CDTF">{}T00:00:00Z</{name}>"#,
            m.date
        ));
    }
    xml.push_str("</cp:coreProperties>");
    xml
}

/// `w:lang` for the default run properties: the document's language, also as the
/// East Asian or complex-script language when it is one.
pub(super) fn lang_element(lang: &str) -> String {
    let lang = escape(lang);
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let extra = match primary.as_str() {
        "zh" | "ja" | "ko" => "w:eastAsia",
        "ar" | "he" | "fa" | "ur" | "ps" | "yi" | "hi" | "bn" | "th" => "w:bidi",
        _ => "",
    };
    if extra.is_empty() {
        format!(r#"<w:lang w:val="{lang}" />"#)
    } else {
        format!(r#"<w:lang w:val="{lang}" {extra}="{lang}" />"#)
    }
}

/// Escapes text for XML content and attribute values.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// Inserts `text` before the first `marker` in an XML part; the marker must be there.
pub(super) fn insert_before(part: Vec<u8>, marker: &str, text: &str) -> anyhow::Result<Vec<u8>> {
    let at = part
        .windows(marker.len())
        .position(|w| w == marker.as_bytes())
        .ok_or_else(|| anyhow::anyhow!("DOCX: `{marker}` not found in a generated part"))?;
    let mut out = Vec::with_capacity(part.len() + text.len());
    out.extend_from_slice(&part[..at]);
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(&part[at..]);
    Ok(out)
}

pub(super) fn replace_all(part: Vec<u8>, from: &str, to: &str) -> Vec<u8> {
    match String::from_utf8(part) {
        Ok(s) if s.contains(from) => s.replace(from, to).into_bytes(),
        Ok(s) => s.into_bytes(),
        Err(e) => e.into_bytes(),
    }
}
