//! Text a person reads: a plain string in the library's default language, or a map
//! from language code to string. Ids and choice values are never `Text`.
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    Translated(BTreeMap<String, String>),
}

impl Default for Text {
    fn default() -> Self {
        Text::Plain(String::new())
    }
}

impl Text {
    /// The text in `lang`, falling back to `default_lang`, then to any translation.
    pub fn get<'a>(&'a self, lang: &str, default_lang: &str) -> &'a str {
        match self {
            Text::Plain(s) => s,
            Text::Translated(map) => map
                .get(lang)
                .or_else(|| map.get(default_lang))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    /// Every language variant, with its language (`None` for a plain string).
    pub fn variants(&self) -> Vec<(Option<&str>, &str)> {
        match self {
            Text::Plain(s) => vec![(None, s.as_str())],
            Text::Translated(map) => map
                .iter()
                .map(|(k, v)| (Some(k.as_str()), v.as_str()))
                .collect(),
        }
    }

    /// Whether the text exists in `lang`.
    pub fn has(&self, lang: &str) -> bool {
        match self {
            Text::Plain(_) => false,
            Text::Translated(map) => map.get(lang).is_some_and(|s| !s.trim().is_empty()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.variants().iter().all(|(_, s)| s.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_default_language() {
        let t: Text = serde_yaml::from_str("{en: Hello, fr: Bonjour}").unwrap();
        assert_eq!(t.get("fr", "en"), "Bonjour");
        assert_eq!(t.get("de", "en"), "Hello");
        let p: Text = serde_yaml::from_str("Hello").unwrap();
        assert_eq!(p.get("fr", "en"), "Hello");
    }
}
