//! An in-memory typst world: one source file, the fonts the handbook is set in, no
//! packages, no file system.
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};

/// The fonts the PDF uses, and only those (`assets/fonts/`, licences in LICENSES.txt):
/// Libertinus Serif for text (Latin, Greek and Cyrillic; semibold for headings) and
/// DejaVu Sans Mono for code. typst-assets' full set adds 6.6 MB of New Computer
/// Modern to the binary, which the handbook never uses.
const FONTS: &[&[u8]] = &[
    include_bytes!("../../../assets/fonts/LibertinusSerif-Regular.otf"),
    include_bytes!("../../../assets/fonts/LibertinusSerif-Italic.otf"),
    include_bytes!("../../../assets/fonts/LibertinusSerif-Bold.otf"),
    include_bytes!("../../../assets/fonts/LibertinusSerif-BoldItalic.otf"),
    include_bytes!("../../../assets/fonts/LibertinusSerif-Semibold.otf"),
    include_bytes!("../../../assets/fonts/LibertinusSerif-SemiboldItalic.otf"),
    include_bytes!("../../../assets/fonts/DejaVuSansMono.ttf"),
    include_bytes!("../../../assets/fonts/DejaVuSansMono-Bold.ttf"),
    include_bytes!("../../../assets/fonts/DejaVuSansMono-Oblique.ttf"),
    include_bytes!("../../../assets/fonts/DejaVuSansMono-BoldOblique.ttf"),
];

/// What every compilation shares, built once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Shared {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

struct HandbookWorld {
    shared: &'static Shared,
    main: Source,
}

impl World for HandbookWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_string()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The handbook carries its own date; nothing reads the clock.
        None
    }
}

/// Compiles the typst source and exports it as PDF bytes.
pub fn compile_pdf(source: String) -> anyhow::Result<Vec<u8>> {
    let path = VirtualPath::new("/handbook.typ").expect("a valid virtual path");
    let id = FileId::new(RootedPath::new(VirtualRoot::Project, path));
    let world = HandbookWorld {
        shared: shared(),
        main: Source::new(id, source),
    };
    let Warned { output, .. } = typst::compile(&world);
    let document = output.map_err(|errors| problem(&world, &errors))?;
    let options = typst_pdf::PdfOptions {
        creator: Smart::Custom(Some(format!(
            "hrpolicy {} (typst)",
            env!("CARGO_PKG_VERSION")
        ))),
        ..Default::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| problem(&world, &errors));
    // Typst memoises across compilations; keep only what the next one may reuse.
    typst::comemo::evict(10);
    pdf
}

/// Typst's errors, each with the line of generated source it points at. These are bugs in
/// the generator, never in the user's text (which is always escaped), so the source line
/// is what someone fixing it needs.
fn problem(world: &HandbookWorld, errors: &[SourceDiagnostic]) -> anyhow::Error {
    let text = world.main.text();
    let lines: Vec<String> = errors
        .iter()
        .map(|e| {
            let place = world
                .range(e.span)
                .map(|r| {
                    let line = text[..r.start.min(text.len())].matches('\n').count() + 1;
                    let snippet: String = text
                        .lines()
                        .nth(line - 1)
                        .unwrap_or("")
                        .chars()
                        .take(120)
                        .collect();
                    format!(" (generated line {line}: {snippet})")
                })
                .unwrap_or_default();
            let hints: String = e.hints.iter().map(|h| format!("; hint: {}", h.v)).collect();
            format!("{}{place}{hints}", e.message)
        })
        .collect();
    anyhow::anyhow!("cannot typeset the PDF: {}", lines.join("\n"))
}
