//! `hrpolicy man`: the man page, in roff, on standard output. One page: the command and
//! its options, then a section per subcommand with its own synopsis and options.
use crate::cli::{Cli, ManArgs};
use crate::error::Result;
use crate::stdout::Stdout;
use clap::CommandFactory;
use clap_mangen::Man;

pub fn run(_args: &ManArgs) -> Result<()> {
    let mut out = Stdout::new();
    out.text(man_page().map_err(anyhow::Error::from)?)?;
    out.finish()
}

/// The page: `man ./hrpolicy.1` or `hrpolicy man | man -l -` shows it.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut cli = Cli::command();
    cli.build();
    let page = Man::new(cli.clone());
    let mut roff = Vec::new();
    page.render_title(&mut roff)?;
    page.render_name_section(&mut roff)?;
    page.render_synopsis_section(&mut roff)?;
    page.render_description_section(&mut roff)?;
    page.render_options_section(&mut roff)?;
    // The list names `hrpolicy-build(1)` and so on; here they are sections of this page.
    let mut list = Vec::new();
    page.render_subcommands_section(&mut list)?;
    let mut list = String::from_utf8_lossy(&list).into_owned();
    for sub in cli.get_subcommands() {
        let name = sub.get_name();
        list = list.replace(
            &format!("hrpolicy\\-{name}(1)"),
            &format!("\\fBhrpolicy {name}\\fR"),
        );
    }
    roff.extend_from_slice(list.as_bytes());
    for sub in cli.get_subcommands().filter(|s| s.get_name() != "help") {
        roff.extend_from_slice(
            format!(".SH \"HRPOLICY {}\"\n", sub.get_name().to_uppercase()).as_bytes(),
        );
        let mut section = Vec::new();
        let page = Man::new(sub.clone());
        page.render_synopsis_section(&mut section)?;
        page.render_description_section(&mut section)?;
        page.render_options_section(&mut section)?;
        // The subcommand's own sections become subsections of its section.
        let section = String::from_utf8_lossy(&section).replace("\n.SH ", "\n.SS ");
        let section = section
            .strip_prefix(".SH ")
            .map_or(section.clone(), |rest| format!(".SS {rest}"));
        roff.extend_from_slice(section.as_bytes());
    }
    roff.extend_from_slice(EXIT_STATUS.as_bytes());
    page.render_version_section(&mut roff)?;
    Ok(roff)
}

const EXIT_STATUS: &str = ".SH \"EXIT STATUS\"
.TP
0
success
.TP
1
failure, for example a file it will not overwrite
.TP
2
wrong usage
.TP
65
bad input data: library, answers, decisions or \\-\\-set
.TP
130
interrupted
";
