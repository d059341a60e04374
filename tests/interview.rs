//! The real interview in a pseudo-terminal: answer a few questions, interrupt, resume,
//! finish, build; then reopen one answer with `--change`.
mod common;
use common::BIN;
use rexpect::session::{PtySession, spawn_command};
use std::path::Path;

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";

fn spawn(dir: &Path, args: &[&str]) -> PtySession {
    let mut cmd = std::process::Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1");
    spawn_command(cmd, Some(30_000)).expect("spawn hrpolicy in a pty")
}

/// Runs hrpolicy with `args` in a pseudo-terminal 40 columns wide.
fn spawn_narrow(dir: &Path, args: &[&str]) -> PtySession {
    spawn_sized(dir, 40, args)
}

/// Runs hrpolicy with `args` in a pseudo-terminal `cols` columns wide and 30 rows high.
fn spawn_sized(dir: &Path, cols: u16, args: &[&str]) -> PtySession {
    let mut cmd = std::process::Command::new("sh");
    let stty = format!("stty cols {cols} rows 30; exec \"$0\" \"$@\"");
    cmd.args(["-c", stty.as_str(), BIN])
        .args(args)
        .current_dir(dir)
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        // An "editor" that changes nothing, for the review's "Amend".
        .env("EDITOR", "true")
        .env("VISUAL", "true");
    spawn_command(cmd, Some(30_000)).expect("spawn hrpolicy in a narrow pty")
}

/// Writes `answers` as answers.yaml and its review pack (with pack/decisions.yaml) into
/// `dir`.
fn write_review_pack(dir: &Path, answers: &str) {
    std::fs::write(dir.join("answers.yaml"), answers).unwrap();
    let status = std::process::Command::new(BIN)
        .args(["review", "--answers", "answers.yaml", "--out", "pack"])
        .current_dir(dir)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// Sends keys once the prompt has had a moment to switch the terminal to raw mode;
/// keys typed earlier would be read in line mode.
fn keys(p: &mut PtySession, s: &str) {
    std::thread::sleep(std::time::Duration::from_millis(150));
    p.send(s).unwrap();
    p.flush().unwrap();
}

/// Stops hrpolicy with Ctrl-C and waits for it to end.
fn quit(p: &mut PtySession) {
    keys(p, "\x03");
    p.exp_eof().unwrap();
}

/// rexpect's output (one char per byte) as the text it shows, colours taken out.
fn text_of(output: &str) -> String {
    let text = String::from_utf8(output.chars().map(|c| c as u8).collect()).unwrap();
    console::strip_ansi_codes(&text).into_owned()
}

/// Writes `script` (shell) as an executable "editor" in `dir`, for the review's "Amend";
/// `$1` is the file it is given.
fn editor(dir: &Path, script: &str) -> std::path::PathBuf {
    let path = dir.join("editor.sh");
    std::fs::write(&path, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    path
}

/// `review --interactive` on `dir/pack/decisions.yaml` in a pseudo-terminal, amending
/// with `editor`.
fn spawn_review(dir: &Path, editor: &Path) -> PtySession {
    let mut cmd = std::process::Command::new(BIN);
    cmd.args([
        "review",
        "--interactive",
        "--decisions",
        "pack/decisions.yaml",
    ])
    .current_dir(dir)
    .env("TERM", "xterm-256color")
    .env("NO_COLOR", "1")
    .env("EDITOR", editor)
    .env("VISUAL", editor);
    spawn_command(cmd, Some(30_000)).expect("spawn hrpolicy review in a pty")
}

/// The lines of clause `id`'s entry in a decisions file, as saved.
fn entry_of<'a>(decisions: &'a str, id: &str) -> &'a str {
    let start = decisions
        .find(&format!("- id: {id}\n"))
        .unwrap_or_else(|| panic!("no entry for {id}:\n{decisions}"));
    let rest = &decisions[start..];
    &rest[..rest[1..].find("\n- id: ").map_or(rest.len(), |i| i + 1)]
}

/// Writes `answers` as `dir/org/answers.yaml`, where `hrpolicy new org` finds it.
fn org_answers(dir: &Path, answers: &str) {
    std::fs::create_dir_all(dir.join("org")).unwrap();
    std::fs::write(dir.join("org/answers.yaml"), answers).unwrap();
}

/// An example's answers file, as text.
fn example_answers(name: &str) -> String {
    std::fs::read_to_string(common::example(&format!("{name}/answers.yaml"))).unwrap()
}

/// Presses Enter at every question (taking the offered default) until the summary, then builds.
fn accept_until_summary(p: &mut PtySession) {
    loop {
        let (_, matched) = p
            .exp_regex(r"(question \d+ of \d+|Summary)")
            .expect("a question or the summary");
        keys(p, ENTER);
        if matched.contains("Summary") {
            break;
        }
    }
}

#[test]
fn interview_saves_each_answer_survives_ctrl_c_resumes_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();

    let mut p = spawn(dir, &["new", "org"]);
    p.exp_string("question 1 of").unwrap();
    p.exp_string("What is the name of your organisation?")
        .unwrap();
    keys(&mut p, "Harbour Peer Network\r");
    p.exp_string("What kind of organisation are you?").unwrap();
    keys(&mut p, ENTER); // the first choice: community-led
    p.exp_string("Whom should staff talk to").unwrap();
    keys(&mut p, ENTER); // the default: your supervisor
    p.exp_string("Which services do you provide?").unwrap();
    keys(&mut p, " "); // needle and syringe programme
    keys(&mut p, ENTER);
    p.exp_string("In which country do you work?").unwrap();
    keys(&mut p, "\x03");
    p.exp_string("your answers so far are saved in org/answers.yaml")
        .unwrap();
    p.exp_eof().unwrap();

    let saved = std::fs::read_to_string(dir.join("org/answers.yaml")).unwrap();
    assert!(saved.contains("org.name: Harbour Peer Network"), "{saved}");
    assert!(saved.contains("org.type: community-led"), "{saved}");
    assert!(saved.contains("org.contact: your supervisor"), "{saved}");
    assert!(saved.contains("services:\n  - nsp"), "{saved}");
    assert!(
        !saved.contains("place.country"),
        "not answered yet: {saved}"
    );
    assert!(!dir.join("org/handbook.md").exists());

    // Resume: it starts at the first unanswered question.
    let mut p = spawn(dir, &["new", "org"]);
    p.exp_string("In which country do you work?").unwrap();
    for _ in 0..8 {
        keys(&mut p, DOWN); // South Africa, ninth by name
    }
    keys(&mut p, ENTER);
    p.exp_string("The suggested answer comes from the South Africa profile")
        .unwrap();
    keys(&mut p, ENTER); // accept it
    accept_until_summary(&mut p);
    p.exp_eof().unwrap();

    let saved = std::fs::read_to_string(dir.join("org/answers.yaml")).unwrap();
    assert!(saved.contains("place.country: ZA"), "{saved}");
    assert!(
        saved.contains("legal.nsp: confiscated"),
        "the ZA profile's default: {saved}"
    );
    let md = std::fs::read_to_string(dir.join("org/handbook.md")).expect("the handbook was built");
    assert!(
        md.contains("title: 'Harbour Peer Network: Staff handbook'"),
        "{}",
        &md[..300]
    );
    assert!(md.contains("# Appendix A. Legal context: South Africa"));
    assert!(dir.join("org/handbook.html").exists());

    // Reopen one answer later.
    let mut p = spawn(dir, &["new", "org", "--change", "org.name"]);
    p.exp_string("What is the name of your organisation?")
        .unwrap();
    keys(&mut p, "Harbour Network\r");
    p.exp_string("Summary").unwrap();
    keys(&mut p, ENTER);
    p.exp_eof().unwrap();
    let md = std::fs::read_to_string(dir.join("org/handbook.md")).unwrap();
    assert!(
        md.contains("title: 'Harbour Network: Staff handbook'"),
        "{}",
        &md[..300]
    );
}

#[test]
fn interactive_review_records_each_decision_as_it_is_made() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_review_pack(dir, common::ANSWERS);
    // The "editor" a committee member uses to amend: it writes the new wording.
    let editor = editor(
        dir,
        "printf 'Our committee wording for {{ org.name }}.\\n' > \"$1\"",
    );
    let mut p = spawn_review(dir, &editor);
    p.exp_string("1.1 Harm reduction starts with our own staff")
        .unwrap();
    p.exp_string("Decision").unwrap();
    keys(&mut p, ENTER); // accept
    p.exp_string("1.2 Abstinence is never a condition of work")
        .unwrap();
    p.exp_string("Decision").unwrap();
    keys(&mut p, DOWN);
    keys(&mut p, ENTER); // amend, in the editor
    p.exp_string("1.3 ").unwrap();
    p.exp_string("Decision").unwrap();
    keys(&mut p, DOWN);
    keys(&mut p, DOWN);
    keys(&mut p, ENTER); // remove
    p.exp_string("Why is it removed?").unwrap();
    keys(&mut p, "We have a language guide\r");
    p.exp_string("1.4 ").unwrap();
    p.exp_string("Decision").unwrap();
    keys(&mut p, "\x03"); // Ctrl-C: what was decided is already saved
    p.exp_eof().unwrap();

    let saved: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(dir.join("pack/decisions.yaml")).unwrap())
            .unwrap();
    let clauses = saved["clauses"].as_sequence().unwrap();
    let get = |id: &str| {
        clauses
            .iter()
            .find(|c| c["id"].as_str() == Some(id))
            .unwrap()
            .clone()
    };
    assert_eq!(
        get("harm-reduction-at-work")["decision"].as_str(),
        Some("accepted")
    );
    let amended = get("abstinence-not-a-condition");
    assert_eq!(amended["decision"].as_str(), Some("amended"));
    assert_eq!(
        amended["text"].as_str(),
        Some("Our committee wording for {{ org.name }}.\n")
    );
    let removed = get("respectful-language");
    assert_eq!(removed["decision"].as_str(), Some("removed"));
    assert_eq!(removed["note"].as_str(), Some("We have a language guide"));
    assert_eq!(get("equal-terms")["decision"].as_str(), Some("pending"));
    assert_eq!(
        saved["committee"]["meetings"]
            .as_sequence()
            .map(|m| m.len()),
        Some(1),
        "today is recorded as a meeting"
    );
}

/// An amendment the build would refuse (it reads an answer no question defines) is not
/// recorded as a decision; it is kept as the pending clause's draft, so stopping there
/// loses nothing, and the next "Amend" (in this review or the next) opens it.
#[test]
fn an_amendment_the_build_would_refuse_is_kept_as_a_draft_and_sent_back_to_the_editor() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_review_pack(dir, common::ANSWERS);
    // First a misspelt answer; the second time, the misspelling fixed in what it is given.
    let editor = editor(
        dir,
        "if [ -e \"$0.once\" ]; then\n  sed -i 's/org.nme/org.name/' \"$1\"\nelse\n  touch \"$0.once\"\n  printf 'Wording for {{ org.nme }}.\\n' > \"$1\"\nfi",
    );
    let mut p = spawn_review(dir, &editor);
    p.exp_string("? Decision").unwrap();
    keys(&mut p, DOWN);
    keys(&mut p, ENTER); // amend: the misspelt wording
    let refused = p.exp_string("? Decision").unwrap();
    quit(&mut p); // stop there

    let refused = text_of(&refused);
    for expected in [
        "The new text is not the committee's decision yet",
        "1:16: no question defines the template variable `org.nme`",
        "did you mean `org.name`?",
    ] {
        assert!(
            refused.contains(expected),
            "{expected:?} not in:\n{refused}"
        );
    }
    let kept = std::fs::read_to_string(dir.join("pack/decisions.yaml")).unwrap();
    let entry = entry_of(&kept, "harm-reduction-at-work");
    assert!(
        entry.contains("decision: pending") && entry.contains("Wording for {{ org.nme }}."),
        "{entry}"
    );
    // A draft is not built: the handbook still builds, with the clause pending.
    let built = std::process::Command::new(BIN)
        .args([
            "build",
            "--answers",
            "answers.yaml",
            "--decisions",
            "pack/decisions.yaml",
            "--out",
            "out",
        ])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );

    // The next review's "Amend" opens the draft, to be corrected.
    let mut p = spawn_review(dir, &editor);
    p.exp_string("? Decision").unwrap();
    keys(&mut p, DOWN);
    keys(&mut p, ENTER);
    p.exp_string("1.2 ").unwrap();
    quit(&mut p);
    let saved = std::fs::read_to_string(dir.join("pack/decisions.yaml")).unwrap();
    assert!(
        saved.contains("decision: amended")
            && saved.contains("text: |\n    Wording for {{ org.name }}.\n"),
        "{saved}"
    );
}

/// Notes a person wrote in answers.yaml and in decisions.yaml survive hrpolicy saving
/// those files again (after each answer, after each decision).
#[test]
fn comments_in_answers_and_decisions_survive_their_saving() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let annotated = common::ANSWERS
        .replacen("schema: 1\n", "# Drafted with the board, May 2026.\nschema: 1\n", 1)
        .replacen(
            "  org.name: Test Network\n",
            "  # the name on our registration papers\n  org.name: Test Network  # not the short name\n",
            1,
        );
    assert!(annotated.contains("# not the short name"), "{annotated}");
    org_answers(dir, &annotated);
    let mut p = spawn(dir, &["new", "org", "--change", "org.name"]);
    p.exp_string("What is the name of your organisation?")
        .unwrap();
    keys(&mut p, "Test Network of Peers\r");
    p.exp_string("Summary").unwrap();
    keys(&mut p, ENTER);
    p.exp_eof().unwrap();
    let saved = std::fs::read_to_string(dir.join("org/answers.yaml")).unwrap();
    assert!(
        saved.contains("# Drafted with the board, May 2026.\nschema: 1\n"),
        "{saved}"
    );
    assert!(
        saved.contains("  # the name on our registration papers\n  org.name: Test Network of Peers  # not the short name\n"),
        "{saved}"
    );

    // A committee's note in decisions.yaml, through a decision in the terminal.
    write_review_pack(dir, common::ANSWERS);
    let decisions = std::fs::read_to_string(dir.join("pack/decisions.yaml")).unwrap();
    let decisions = decisions.replacen(
        "- id: abstinence-not-a-condition\n",
        "# Asked the outreach team about this one first.\n- id: abstinence-not-a-condition\n",
        1,
    );
    assert!(
        decisions.contains("# Asked the outreach team"),
        "{decisions}"
    );
    std::fs::write(dir.join("pack/decisions.yaml"), &decisions).unwrap();
    let mut p = spawn(
        dir,
        &[
            "review",
            "--interactive",
            "--decisions",
            "pack/decisions.yaml",
        ],
    );
    p.exp_string("? Decision").unwrap();
    keys(&mut p, ENTER); // accept the first clause
    p.exp_string("1.2 ").unwrap();
    quit(&mut p);
    let saved = std::fs::read_to_string(dir.join("pack/decisions.yaml")).unwrap();
    assert!(saved.contains("decision: accepted"), "{saved}");
    assert!(
        saved.contains(
            "# Asked the outreach team about this one first.\n- id: abstinence-not-a-condition\n"
        ),
        "{saved}"
    );
}

/// A note added to a clause is kept when the clause is then skipped: a note decides
/// nothing, but it is the committee's writing.
#[test]
fn a_note_on_a_skipped_clause_is_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_review_pack(dir, common::ANSWERS);
    let mut p = spawn(
        dir,
        &[
            "review",
            "--interactive",
            "--decisions",
            "pack/decisions.yaml",
        ],
    );
    p.exp_string("? Decision").unwrap();
    for _ in 0..4 {
        keys(&mut p, DOWN);
    }
    keys(&mut p, ENTER); // Add a note
    p.exp_string("Note").unwrap();
    keys(&mut p, "Ask the outreach team first\r");
    p.exp_string("? Decision").unwrap();
    for _ in 0..3 {
        keys(&mut p, DOWN);
    }
    keys(&mut p, ENTER); // Skip for now
    p.exp_string("1.2 ").unwrap();
    quit(&mut p);
    let saved = std::fs::read_to_string(dir.join("pack/decisions.yaml")).unwrap();
    let entry = entry_of(&saved, "harm-reduction-at-work");
    assert!(entry.contains("decision: pending"), "{entry}");
    assert!(
        entry.contains("note: Ask the outreach team first"),
        "{entry}"
    );
}

/// rexpect reads the terminal byte by byte, each byte a char: non-ASCII text is matched
/// in that form.
fn bytes(s: &str) -> String {
    s.bytes().map(char::from).collect()
}

#[test]
fn the_interview_speaks_portuguese_and_saves_the_language() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut p = spawn(dir, &["new", "org", "--lang", "pt"]);
    p.exp_string("pergunta 1 de").unwrap();
    p.exp_string(&bytes("Qual é o nome da sua organização?"))
        .unwrap();
    keys(&mut p, "Coletivo Rua Aberta\r");
    p.exp_string(&bytes("Que tipo de organização é a sua?"))
        .unwrap();
    p.exp_string("Liderada pela comunidade").unwrap();
    keys(&mut p, ENTER);
    p.exp_string(&bytes("Com quem deve a equipa falar sobre esta política?"))
        .unwrap();
    // The default role is offered in Portuguese too.
    p.exp_string(&bytes("quem faz a sua supervisão")).unwrap();
    keys(&mut p, ENTER);
    p.exp_string(&bytes("Que serviços presta?")).unwrap();
    keys(&mut p, "\x03");
    p.exp_string(&bytes(
        "interrompido: as suas respostas até aqui estão guardadas em org/answers.yaml",
    ))
    .unwrap();
    p.exp_eof().unwrap();
    let saved = std::fs::read_to_string(dir.join("org/answers.yaml")).unwrap();
    assert!(saved.contains("language: pt"), "{saved}");
    assert!(
        saved.contains("org.contact: quem faz a sua supervisão"),
        "{saved}"
    );
}

/// A yes-or-no question is asked in the interview's language, with neither answer
/// chosen until the person picks one.
#[test]
fn a_yes_or_no_question_speaks_ukrainian() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let answers = example_answers("ua-harm-reduction-ngo").replace("  staff.benefits: false\n", "");
    org_answers(dir, &answers);
    let mut p = spawn(dir, &["new", "org"]);
    let prompt = "Чи отримують деякі працівники державні соціальні виплати";
    p.exp_string(&bytes(prompt)).unwrap();
    p.exp_string(&bytes("Ні")).unwrap();
    // Enter before choosing answers nothing; then Down chooses «Так».
    keys(&mut p, ENTER);
    keys(&mut p, DOWN);
    keys(&mut p, ENTER);
    let report = p.exp_string(&bytes("Підсумок")).unwrap();
    let last = bytes("Як ви називаєте");
    let summary = p.exp_string(&last).unwrap() + &last;
    quit(&mut p);
    let shown = text_of(&report);
    assert!(shown.contains("їхній заробіток? · Так"), "{shown}");
    assert!(!shown.contains("y/n"), "{shown}");
    // The summary shows the answer as the question offered it.
    let rows = screen(&summary, 80);
    let row = rows
        .iter()
        .find(|r| r.contains("виплати"))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert!(row.ends_with("…  →  Так"), "{rows:#?}");
    let saved = std::fs::read_to_string(dir.join("org/answers.yaml")).unwrap();
    assert!(saved.contains("staff.benefits: true"), "{saved}");
}

/// A multiple choice left empty is reported as `(none)`, not as an empty answer.
#[test]
fn an_empty_multiple_choice_is_reported_as_none() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    org_answers(dir, &BEFORE_COUNTRY.replace("  services: [nsp]\n", ""));
    let mut p = spawn(dir, &["new", "org"]);
    p.exp_string("Which services do you provide?").unwrap();
    p.exp_string("Research").unwrap();
    keys(&mut p, ENTER);
    let report = p.exp_string("Where you work").unwrap();
    quit(&mut p);
    let shown = text_of(&report);
    assert!(shown.contains("enter confirms) · (none)"), "{shown}");
}

/// A number question (a consultant's) takes a decimal comma, and says in the interview's
/// language when what was typed is not a number.
#[test]
fn a_number_is_asked_for_in_the_interviews_language() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    org_answers(dir, &example_answers("pt-peer-collective"));
    std::fs::create_dir_all(dir.join("lib")).unwrap();
    std::fs::write(
        dir.join("lib/questions.yaml"),
        "chapters:\n  - id: sites\n    title: Sites\n    questions:\n      - id: org.sites\n        kind: number\n        prompt: How many sites do you run?\n",
    )
    .unwrap();
    let mut p = spawn(dir, &["new", "org", "--library", "lib"]);
    p.exp_string("How many sites do you run?").unwrap();
    keys(&mut p, "muitos\r");
    p.exp_string(&bytes("Escreva um número, por exemplo 12 ou 2,5."))
        .unwrap();
    keys(&mut p, "2,5\r");
    p.exp_string("Resumo").unwrap();
    quit(&mut p);
    let saved = std::fs::read_to_string(dir.join("org/answers.yaml")).unwrap();
    assert!(saved.contains("org.sites: 2.5"), "{saved}");
}

/// A chapter's heading longer than the terminal is wrapped at spaces too.
#[test]
fn a_long_chapter_heading_is_wrapped_at_spaces() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    org_answers(dir, &example_answers("ua-harm-reduction-ngo"));
    let mut p = spawn_narrow(dir, &["new", "org", "--change", "staff.peer-title"]);
    let prompt = bytes("Як ви називаєте працівників");
    let shown = p.exp_string(&prompt).unwrap();
    quit(&mut p);
    let rows = screen(&shown, 40);
    let start = rows
        .iter()
        .position(|r| r.starts_with("Люди, які працюють"))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    // Joined with a space, the two rows give the heading back: no word was cut.
    let heading = format!("{} {}", rows[start], rows[start + 1]);
    let progress = heading
        .strip_prefix("Люди, які працюють з вами · питання ")
        .unwrap_or_else(|| panic!("{rows:#?}"));
    let (n, total) = progress
        .split_once(" з ")
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert!(
        n.parse::<u32>().is_ok() && total.parse::<u32>().is_ok(),
        "{rows:#?}"
    );
    assert!(rows[start].chars().count() < 40, "{rows:#?}");
}

/// The answers up to the country question.
const BEFORE_COUNTRY: &str = "schema: 1
answers:
  org.name: Harbour Peer Network
  org.type: community-led
  org.contact: your supervisor
  services: [nsp]
";

#[test]
fn typing_part_of_a_country_name_finds_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    org_answers(dir, BEFORE_COUNTRY);
    let mut p = spawn(dir, &["new", "org"]);
    p.exp_string("In which country do you work?").unwrap();
    keys(&mut p, "Sou");
    keys(&mut p, ENTER);
    p.exp_string("The suggested answer comes from the South Africa profile")
        .unwrap();
    quit(&mut p);
    let saved = std::fs::read_to_string(dir.join("org/answers.yaml")).unwrap();
    assert!(saved.contains("place.country: ZA"), "{saved}");
}

#[test]
fn help_longer_than_the_terminal_is_wrapped_at_spaces() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut p = spawn_narrow(dir, &["new", "org"]);
    // "It appears on the title page and wherever the handbook names the employer."
    let before = p.exp_string("employer.").unwrap();
    let help = &before[before.find("It appears").expect("the help")..];
    assert_eq!(
        help,
        "It appears on the title page and\r\nwherever the handbook names the\r\n"
    );
    quit(&mut p);
}

#[test]
fn a_long_answer_is_reported_wrapped_at_spaces() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut p = spawn_narrow(dir, &["new", "org"]);
    p.exp_string("What is the name of your organisation?")
        .unwrap();
    keys(&mut p, "Harbour Peer Network\r");
    p.exp_string("What kind of organisation are you?").unwrap();
    keys(&mut p, ENTER);
    p.exp_string("Whom should staff talk to").unwrap();
    keys(&mut p, ENTER);
    p.exp_string("Which services do you provide?").unwrap();
    // The first three: needle and syringe programme, OST, outreach.
    for key in [" ", DOWN, " ", DOWN, " ", ENTER] {
        keys(&mut p, key);
    }
    let before = p.exp_string("Where you work").unwrap();
    quit(&mut p);

    // Back from rexpect's byte-per-char form to the text shown.
    let shown = text_of(&before);
    let report = &shown[shown
        .rfind("✔ Which services")
        .unwrap_or_else(|| panic!("no report in {shown:?}"))..];
    let lines: Vec<&str> = report.trim_end().split("\r\n").collect();
    assert!(lines.len() > 2, "{lines:#?}");
    for line in &lines {
        assert!(line.chars().count() <= 39, "{line:?} in {lines:#?}");
    }
    assert_eq!(
        lines.join(" "),
        "✔ Which services do you provide? (space selects, enter confirms) · \
         Needle and syringe programme, Opioid agonist treatment (OST/OAT), Outreach"
    );
}

/// What a terminal of 30 rows and `cols` columns shows after `output` (rexpect's
/// byte-per-char form), one string per row, trailing spaces trimmed.
fn screen(output: &str, cols: u16) -> Vec<String> {
    let bytes: Vec<u8> = output.chars().map(|c| c as u8).collect();
    let size = |n| std::num::NonZeroU16::new(n).unwrap();
    let mut term = vt100::Parser::new(size(30), size(cols), 0);
    term.process(&bytes);
    term.screen()
        .rows(0, cols)
        .map(|r| r.trim_end().to_string())
        .collect()
}

#[test]
fn a_long_typed_answer_leaves_a_clean_screen() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut p = spawn_narrow(dir, &["new", "org"]);
    let prompt = "What is the name of your organisation?";
    let mut shown = p.exp_string(prompt).unwrap() + prompt;
    // 74 columns: the typed line wraps twice on a terminal 40 wide.
    let name = "Sindicato Nacional de Trabalhadores da Redução de Riscos e Danos do Norte";
    keys(&mut p, &format!("{name}\r"));
    let next = "What kind of organisation are you?";
    shown += &p.exp_string(next).unwrap();
    quit(&mut p);

    let rows = screen(&shown, 40);
    let text = rows.join("\n");
    // The question as asked is gone; the report stands in its place, wrapped at spaces.
    assert!(!text.contains("? What is the name"), "{text}");
    assert!(!text.contains("›"), "{text}");
    let start = rows
        .iter()
        .position(|r| r.starts_with("✔ What is the name"))
        .unwrap_or_else(|| panic!("no report in\n{text}"));
    let report: Vec<&str> = rows[start..]
        .iter()
        .take_while(|r| !r.is_empty())
        .map(String::as_str)
        .collect();
    assert_eq!(report.join(" "), format!("✔ {prompt} · {name}"), "{text}");
    // Joined with spaces, the rows give the line back: no word was broken between two.
    assert!(report.len() > 2, "{text}");
    assert!(report.iter().all(|r| r.chars().count() <= 39), "{text}");
}

/// dialoguer counts a list item's bytes to tell the rows it takes, which a Ukrainian
/// label doubles: moving through the list erased the question and the help above it.
#[test]
fn moving_through_a_ukrainian_list_keeps_the_question_on_screen() {
    for cols in [80, 40] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let mut p = spawn_sized(dir, cols, &["new", "org", "--lang", "uk"]);
        let prompt = "Як називається ваша організація?";
        let mut shown = p.exp_string(&bytes(prompt)).unwrap() + &bytes(prompt);
        keys(&mut p, "Світанок\r");
        let list = "Державна установа";
        shown += &(p.exp_string(&bytes(list)).unwrap() + &bytes(list));
        for key in [DOWN, DOWN] {
            keys(&mut p, key);
        }
        // The list is drawn again with the third item chosen.
        let chosen = "❯ Медичний заклад";
        shown += &(p.exp_string(&bytes(chosen)).unwrap() + &bytes(chosen));
        shown += &(p.exp_string(&bytes(list)).unwrap() + &bytes(list));
        quit(&mut p);

        let rows = screen(&shown, cols);
        let text = rows.join("\n");
        let at = |needle: &str| {
            rows.iter()
                .position(|r| r.contains(needle))
                .unwrap_or_else(|| panic!("{needle:?} is not on the {cols}-column screen:\n{text}"))
        };
        // The help, the question, then the list with each label once, wrapped at spaces.
        let help = at("керівні посади.");
        let question = at("? Яка у вас організація?");
        let first = at("Керована спільнотою (її");
        let chosen = at("❯ Медичний заклад");
        assert!(
            help < question && question < first && first < chosen,
            "{text}"
        );
        assert_eq!(text.matches("Керована спільнотою (її").count(), 1, "{text}");
        assert_eq!(text.matches("Державна установа").count(), 1, "{text}");
        // Wrapped at spaces: no word is cut between two rows.
        for word in ["здоров'я", "наркотики)", "спільноти"] {
            assert!(text.contains(word), "{word:?} is cut:\n{text}");
        }
    }
}

/// Where Ukrainian country names seem (in bytes) wider than the terminal, the country
/// list is a plain one, which keeps the help above it on screen as one moves through it.
#[test]
fn the_country_list_on_a_narrow_ukrainian_terminal_keeps_its_help() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut p = spawn_narrow(dir, &["new", "org", "--lang", "uk"]);
    p.exp_string(&bytes("Як називається ваша організація?"))
        .unwrap();
    keys(&mut p, "Світанок\r");
    p.exp_string(&bytes("Державна установа")).unwrap();
    keys(&mut p, ENTER);
    p.exp_string(&bytes("(ваш керівник)")).unwrap();
    keys(&mut p, ENTER);
    p.exp_string(&bytes("Дослідження")).unwrap();
    keys(&mut p, " ");
    keys(&mut p, ENTER);
    let last = "Інша країна";
    let mut shown = p.exp_string(&bytes(last)).unwrap() + &bytes(last);
    for key in [DOWN, DOWN, DOWN] {
        keys(&mut p, key);
    }
    let chosen = "❯ Індонезія";
    shown += &(p.exp_string(&bytes(chosen)).unwrap() + &bytes(chosen));
    shown += &(p.exp_string(&bytes(last)).unwrap() + &bytes(last));
    quit(&mut p);

    let text = screen(&shown, 40).join("\n");
    let help = text
        .find("Профіль країни заповнює")
        .unwrap_or_else(|| panic!("{text}"));
    let question = text
        .find("? У якій країні ви працюєте?")
        .unwrap_or_else(|| panic!("{text}"));
    let list = text.find("Австралія").unwrap_or_else(|| panic!("{text}"));
    assert!(help < question && question < list, "{text}");
    assert_eq!(text.matches("Сполучені Штати Америки").count(), 1, "{text}");
}

/// A committee reviewing a Ukrainian handbook is asked in Ukrainian.
#[test]
fn the_interactive_review_speaks_the_handbooks_language() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_review_pack(dir, &example_answers("ua-harm-reduction-ngo"));
    let mut p = spawn_narrow(
        dir,
        &[
            "review",
            "--interactive",
            "--decisions",
            "pack/decisions.yaml",
        ],
    );
    let decision = bytes("? Рішення");
    let mut shown = p.exp_string(&decision).unwrap() + &decision;
    let last = bytes("Зупинитися тут");
    shown += &(p.exp_string(&last).unwrap() + &last);
    keys(&mut p, ENTER); // Прийняти
    p.exp_string(&bytes("(2 з ")).unwrap();
    let mut later = p.exp_string(&decision).unwrap();
    keys(&mut p, DOWN);
    keys(&mut p, ENTER); // Змінити, in an editor that changes nothing
    let unchanged = bytes("Текст не змінено");
    later += &(p.exp_string(&unchanged).unwrap() + &unchanged);
    quit(&mut p);

    // The clause's heading has scrolled off a screen 30 rows high by now.
    assert!(shown.contains(&bytes("(1 з ")), "{shown}");
    let text = screen(&shown, 40).join("\n");
    for expected in [
        "Навіщо це правило:",
        "❯ Прийняти",
        "  Змінити (відкриє ваш текстовий",
        "  редактор)",
        "  Вилучити",
        "  Відкласти",
        "  Додати примітку",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} is not on the screen:\n{text}"
        );
    }
    // The choice reported, wrapped at a space (the terminal broke it mid-word).
    let text = screen(&(shown + &later), 40).join("\n");
    assert!(
        text.contains("✔ Рішення · Змінити (відкриє ваш\nтекстовий редактор)"),
        "{text}"
    );
    let saved = std::fs::read_to_string(dir.join("pack/decisions.yaml")).unwrap();
    assert!(saved.contains("decision: accepted"), "{saved}");
}

#[test]
fn the_interactive_review_wraps_clause_text_at_spaces() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    write_review_pack(dir, common::ANSWERS);
    let mut p = spawn_narrow(
        dir,
        &[
            "review",
            "--interactive",
            "--decisions",
            "pack/decisions.yaml",
        ],
    );
    let before = p.exp_string("Decision").unwrap();
    quit(&mut p);

    let shown = text_of(&before);
    let lines: Vec<&str> = shown.split("\r\n").collect();
    for line in &lines {
        assert!(line.chars().count() <= 39, "{line:?} in {lines:#?}");
    }
    // A list item's second line lines up under its text.
    let item = lines
        .iter()
        .position(|l| l.starts_with("- At work, what counts is"))
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(lines[item + 1].starts_with("  "), "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Why this rule exists: ")),
        "{lines:#?}"
    );
}
