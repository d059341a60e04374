//! Country facts checked more than 24 months ago: the law they state may have changed.
use super::finding::{Finding, Places, Severity, codes};
use crate::library::Library;
use crate::library::positions::YamlPath;
use jiff::ToSpan;
use jiff::civil::Date;

/// One warning per fact whose `checked` date is more than 24 months before `today`.
pub fn stale_facts(
    library: &Library,
    today: Date,
    places: &mut Places<'_>,
    findings: &mut Vec<Finding>,
) {
    let limit = today.saturating_sub(24.months());
    for profile in &library.countries {
        let file = profile_file(library, &profile.code);
        for (i, fact) in profile.facts.iter().enumerate() {
            let Some(checked) = fact.checked.filter(|c| *c < limit) else {
                continue;
            };
            let path = YamlPath::root().key("facts").index(i).key("checked");
            let pos = places.pos(&file, &path);
            findings.push(
                Finding::new(
                    Severity::Warning,
                    codes::STALE_FACT,
                    &file,
                    pos,
                    format!(
                        "fact {} of the {} profile was checked on {checked}, more than 24 months ago: the law may have changed",
                        i + 1,
                        profile.code
                    ),
                )
                .with_help(format!(
                    "check it against its source `{}`, then update its `checked` date",
                    fact.source
                )),
            );
        }
    }
}

/// The file the profile `code` was read from (the last one, as later overlays win).
fn profile_file(library: &Library, code: &str) -> String {
    let own = format!("code: {code}");
    library
        .files
        .iter()
        .rev()
        .find(|f| {
            f.name.contains("countries/")
                && !f.name.contains("translations/")
                && f.text.lines().any(|l| l.trim() == own)
        })
        .map_or_else(|| format!("countries/{code}.yaml"), |f| f.name.clone())
}
