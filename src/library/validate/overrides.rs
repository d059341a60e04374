//! The overrides pass, run as sections merge: an overlay clause's `replaces` names its
//! own id, and the base clause it replaces still has the text it was copied from.
use super::super::model::Clause;
use super::super::overrides::check_replaced;
use super::super::positions::YamlPath;
use super::located::Located;
use crate::diagnostics::Diagnostic;

/// Checks `overlay`'s `replaces` at `path` against `base`, the clause it replaces
/// (`None` when it replaces none).
pub fn check_override(
    loc: &Located<'_>,
    path: &YamlPath,
    base: Option<&Clause>,
    overlay: &Clause,
    lang: &str,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(replaces) = &overlay.replaces else {
        return;
    };
    let at = path.key("replaces");
    if replaces.id != overlay.id {
        problems.push(
            loc.at(
                &at.key("id"),
                format!(
                    "`replaces.id` is `{}`, but this clause is `{}`",
                    replaces.id, overlay.id
                ),
            )
            .with_help("an override keeps the id of the clause it replaces"),
        );
        return;
    }
    match base {
        None => problems.push(
            loc.warn(
                &at,
                format!(
                    "clause `{}` overrides a base clause that no longer exists: it is now an added clause",
                    overlay.id
                ),
            )
            .with_help("keep it as your own clause (remove `replaces`), or remove it"),
        ),
        Some(base) => {
            if let Some(d) = check_replaced(base, overlay, lang, |m| loc.warn(&at.key("hash"), m)) {
                problems.push(d);
            }
        }
    }
}
