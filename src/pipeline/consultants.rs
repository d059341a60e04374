//! What consultants run on their own library folder (the last `--library`): a new
//! country profile to fill in, a copy of a base clause to override, and the built-in
//! library written out as files. Nothing here overwrites a file without `--force`, and
//! an override never replaces another clause.
use crate::diagnostics::{Diagnostic, did_you_mean};
use crate::error::{Failure, Result};
use crate::library::model::SectionFile;
use crate::library::overrides::{append_clause, base_hash, clause_yaml};
use crate::library::scaffold::{ProfileRequest, profile_yaml};
use std::path::{Path, PathBuf};

/// `country new`: what to write.
pub struct CountryRequest<'a> {
    pub code: &'a str,
    /// Needed for a country the library does not have yet.
    pub name: Option<&'a str>,
    pub from: Option<&'a str>,
    pub force: bool,
}

/// What `country new` wrote.
pub struct CountryWritten {
    pub path: PathBuf,
    /// The profile the new file replaces, described ("KE profile built into hrpolicy",
    /// "KE profile in lib/countries/KE.yaml"), when the library already has the country.
    pub replaces: Option<String>,
}

/// Writes `DIR/countries/CODE.yaml` (DIR the last `--library`). A country the library
/// already has is copied whole (facts, defaults, clauses), unless `--from` names a
/// profile to start from: an empty profile in its place would silently drop them all.
pub fn country_new(overlays: &[PathBuf], request: &CountryRequest<'_>) -> Result<CountryWritten> {
    let target = target(overlays, "country new")?;
    let code = request.code.to_ascii_uppercase();
    if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(Failure::BadInput(vec![
            Diagnostic::error(
                "country new",
                None,
                format!("`{}` is not an ISO country code", request.code),
            )
            .with_help("use two letters, like `KE`"),
        ]));
    }
    let path = target.join("countries").join(format!("{code}.yaml"));
    refuse_existing(std::slice::from_ref(&path), request.force)?;
    // The folder itself is read too when it exists: a profile there may be the start.
    let layers = if target.is_dir() {
        overlays
    } else {
        &overlays[..overlays.len() - 1]
    };
    // Quietly: warnings about the folder's files (a half-filled profile's `TODO`s) are
    // for `check`, not for writing a new file.
    let (library, _) = crate::inputs::load_library(layers)?;
    // Replacing this folder's own profile (`--force`): the copy comes from the layers
    // below it, not from the file about to be replaced.
    let below;
    let existing = match library.country_file(&code) {
        Some(file) if Path::new(&file.name) == path => {
            below = crate::inputs::load_library(&overlays[..overlays.len() - 1])?.0;
            below.country_file(&code)
        }
        found => found,
    };
    let replaces = existing.map(|file| {
        if file.overlay {
            format!("{code} profile in {}", file.name)
        } else {
            format!("{code} profile built into hrpolicy")
        }
    });
    let from = match request.from {
        None => None,
        Some(from) => Some(library.country(&from.to_ascii_uppercase()).ok_or_else(|| {
            let codes = library.countries.iter().map(|c| c.code.as_str());
            Failure::BadInput(vec![
                Diagnostic::error("--from", None, format!("no country profile `{from}`"))
                    .with_help(
                        did_you_mean(from, codes)
                            .unwrap_or_else(|| "see `hrpolicy list countries`".into()),
                    ),
            ])
        })?),
    };
    let yaml = match (existing, from) {
        (Some(file), None) => copied_profile(&file.text, &code, replaces.as_deref(), request.name)?,
        (existing, from) => {
            // Starting a country the library has from another profile: it keeps its name.
            let kept = existing.and(library.country(&code)).map(|c| {
                let lang = &library.meta.default_language;
                library.text(&c.name, lang)
            });
            let Some(name) = request.name.or(kept.as_deref()) else {
                return Err(Failure::BadInput(vec![
                    Diagnostic::error(
                        "country new",
                        None,
                        format!("the library has no {code} profile yet, so it needs a name"),
                    )
                    .with_help(
                        "give the country's name as the handbook prints it: `--name \"...\"`; \
                         `hrpolicy list countries` shows the profiles there are",
                    ),
                ]));
            };
            profile_yaml(
                &library,
                &ProfileRequest {
                    code: &code,
                    name,
                    from,
                },
            )
        }
    };
    crate::atomic::write_atomic(&path, yaml.as_bytes(), true)?;
    Ok(CountryWritten { path, replaces })
}

/// A whole profile's text to update, under a note on what it replaces; with `name`, its
/// top-level `name:` line says that instead.
fn copied_profile(
    text: &str,
    code: &str,
    replaces: Option<&str>,
    name: Option<&str>,
) -> Result<String> {
    let what = replaces.unwrap_or("profile");
    let mut out = format!(
        "# Country profile: {code}, written by `hrpolicy country new`: a copy of the {what}.\n\
         # Given with `--library`, this folder's copy replaces it whole: its facts, defaults\n\
         # and clauses. Update what has changed (each fact's `checked` date too), then\n\
         # `last-reviewed`. The format is described in docs/library-format.md, \"Country\n\
         # profiles\".\n\n"
    );
    let mut named = false;
    for line in text.lines() {
        match name {
            Some(name) if !named && line.starts_with("name:") => {
                let quoted = serde_json::to_string(name).map_err(anyhow::Error::from)?;
                out.push_str(&format!("name: {quoted}\n"));
                named = true;
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    if name.is_some() && !named {
        return Err(anyhow::anyhow!(
            "the {what} gives its name in a form `--name` cannot replace: copy it without `--name`, then edit the name"
        )
        .into());
    }
    Ok(out)
}

/// Copies base clause `id` into the last `--library` folder, in the file named as its
/// section's, with `replaces: {id, hash}`; returns that file.
pub fn library_override(overlays: &[PathBuf], id: &str) -> Result<PathBuf> {
    let target = target(overlays, "library override")?;
    let base = super::library(&overlays[..overlays.len() - 1])?;
    let Some((section, clause)) = base.clause(id) else {
        let ids = base.clauses().map(|(_, c)| c.clause.id.as_str());
        return Err(Failure::BadInput(vec![
            Diagnostic::error("library override", None, format!("no clause `{id}`")).with_help(
                did_you_mean(id, ids).unwrap_or_else(|| "see `hrpolicy list clauses`".into()),
            ),
        ]));
    };
    if let Some(code) = &clause.country {
        return Err(Failure::usage(
            "library override",
            &format!(
                "`{id}` is a clause of the {code} country profile: copy the profile into {} instead",
                target.join("countries").display()
            ),
        ));
    }
    if target.is_dir() {
        // Quietly, as for `country new`: the folder's own warnings are for `check`.
        let (with, _) = crate::inputs::load_library(overlays)?;
        if let Some((_, mine)) = with.clause(id).filter(|(_, c)| c.file != clause.file) {
            return Err(Failure::Other(anyhow::anyhow!(
                "{} already overrides `{id}`; edit it there",
                mine.file
            )));
        }
    }
    let base_text = base.file_text(&clause.file);
    let file_name = clause
        .file
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("extra.yaml");
    let index = serde_yaml::from_str::<SectionFile>(base_text)
        .ok()
        .and_then(|sf| sf.clauses.iter().position(|c| c.id == id));
    let hash = base_hash(&clause.clause, &base.meta.default_language);
    let item = index
        .and_then(|i| clause_yaml(base_text, i, id, &hash))
        .map_or_else(|| serialized(&clause.clause, &hash), Ok)?;
    let path = target.join("sections").join(file_name);
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(anyhow::anyhow!("cannot read {}: {e}", path.display()).into()),
    };
    // The section's title too: every section file has one (it is not read again).
    let lang = &base.meta.default_language;
    let title = serde_json::to_string(section.title.get(lang, lang)).unwrap_or_default();
    let header = format!("title: {title}\n");
    let text = match existing.as_deref() {
        None => format!("id: {}\n{header}clauses:\n{item}", section.id),
        Some(old) => append_clause(Some(old), &section.id, &item)
            .map_err(|why| anyhow::anyhow!("cannot add to {}: {why}", path.display()))?,
    };
    // What is written must read back, with the clause and everything that was there.
    let before = existing.as_deref().map_or(0, |t| {
        serde_yaml::from_str::<SectionFile>(t).map_or(0, |s| s.clauses.len())
    });
    match serde_yaml::from_str::<SectionFile>(&text) {
        Ok(sf)
            if sf.clauses.len() == before + 1 && sf.clauses.last().is_some_and(|c| c.id == id) => {}
        _ => {
            return Err(anyhow::anyhow!(
                "cannot add `{id}` to {} cleanly: add it by hand",
                path.display()
            )
            .into());
        }
    }
    crate::atomic::write_atomic(&path, text.as_bytes(), true)?;
    Ok(path)
}

/// A clause as YAML (a `clauses` list item), when its text cannot be cut from its file.
fn serialized(clause: &crate::library::model::Clause, hash: &str) -> Result<String> {
    let mut c = clause.clone();
    c.replaces = Some(crate::library::model::Replaces {
        id: c.id.clone(),
        hash: hash.to_string(),
    });
    let yaml = serde_yaml::to_string(&vec![c]).map_err(anyhow::Error::from)?;
    Ok(yaml.lines().map(|l| format!("  {l}\n")).collect::<String>())
}

/// Writes the built-in library into `dir` as a whole library (`replaces-built-in:
/// true`), with its templates in `dir/templates`; returns how many files.
pub fn library_export(dir: &Path, force: bool) -> Result<usize> {
    let files: Vec<(PathBuf, String)> = crate::library::load::builtin_files()
        .map(|(folder, rel, text)| {
            let path = match folder {
                "templates" => dir.join("templates").join(rel),
                _ => dir.join(rel),
            };
            let text = if folder != "templates" && rel == "library.yaml" {
                format!(
                    "{}\n# Read in place of the built-in library when this folder is the first\n# `--library` (written by `hrpolicy library export`).\nreplaces-built-in: true\n",
                    text.trim_end()
                )
            } else {
                text.to_string()
            };
            (path, text)
        })
        .collect();
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    refuse_existing(&paths, force)?;
    for (path, text) in &files {
        crate::atomic::write_atomic(path, text.as_bytes(), false)?;
    }
    Ok(files.len())
}

/// What `library translated` recorded.
pub struct TranslationRecorded {
    pub path: PathBuf,
    /// Texts recorded.
    pub texts: usize,
    /// Those the earlier record had with other English (`file: place`): what the
    /// translator vouches for now.
    pub changed: Vec<String>,
}

/// Writes `DIR/translations/LANG/made-from.yaml` (DIR the last `--library`): for every
/// text the translation there translates, a hash of the English as it is now. From then
/// on `check` and `build` warn where that English changes, and show it untranslated.
pub fn library_translated(overlays: &[PathBuf], lang: &str) -> Result<TranslationRecorded> {
    use crate::library::validate::made_from::{self, Places};
    use std::collections::BTreeMap;
    let target = target(overlays, "library translated")?;
    let folder = target.join("translations").join(lang);
    if !folder.is_dir() {
        return Err(Failure::BadInput(vec![
            Diagnostic::error(
                "library translated",
                None,
                format!("{} has no `{lang}` translation", target.display()),
            )
            .with_help(format!(
                "a translation's files go in {}/ (see docs/translating.md)",
                folder.display()
            )),
        ]));
    }
    let (library, _) = crate::library::load::load(overlays).map_err(Failure::BadInput)?;
    let mut records: BTreeMap<String, Places> = BTreeMap::new();
    for (name, places) in &library.made_from_now {
        if let Ok(rel) = Path::new(name).strip_prefix(&folder) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            records.insert(rel, places.clone());
        }
    }
    let path = folder.join(made_from::FILE);
    let before: BTreeMap<String, Places> = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| serde_yaml::from_str(&t).ok())
        .unwrap_or_default();
    let mut texts = 0;
    let mut changed = Vec::new();
    for (rel, places) in &records {
        for (place, hash) in places {
            texts += 1;
            let was = before.get(rel).and_then(|p| p.get(place));
            if was.is_some_and(|w| w != hash) {
                changed.push(format!("{rel}: {place}"));
            }
        }
    }
    let text = made_from::file_text(lang, &records);
    crate::atomic::write_atomic(&path, text.as_bytes(), true)?;
    Ok(TranslationRecorded {
        path,
        texts,
        changed,
    })
}

/// The folder to write into: the last `--library`.
fn target<'a>(overlays: &'a [PathBuf], command: &str) -> Result<&'a Path> {
    overlays.last().map(PathBuf::as_path).ok_or_else(|| {
        Failure::BadInput(vec![
            Diagnostic::error(command, None, "no library folder to write into")
                .with_help("give it with `--library DIR` (the last one given is written to)"),
        ])
    })
}

fn refuse_existing(paths: &[PathBuf], force: bool) -> Result<()> {
    let existing: Vec<String> = paths
        .iter()
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if force || existing.is_empty() {
        return Ok(());
    }
    let shown: Vec<&str> = existing.iter().take(5).map(String::as_str).collect();
    let more = existing.len() - shown.len();
    Err(anyhow::anyhow!(
        "{} already exist{}{}; pass --force to replace {}",
        shown.join(", "),
        if existing.len() == 1 { "s" } else { "" },
        if more > 0 {
            format!(" (and {more} more)")
        } else {
            String::new()
        },
        if existing.len() == 1 { "it" } else { "them" },
    )
    .into())
}
