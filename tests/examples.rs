//! The example organisations: their committed handbooks match what the library builds
//! (run with `UPDATE_EXAMPLES=1` to regenerate), snapshots pin the text, and handbooks
//! differ where the organisations' contexts differ.
mod common;
use common::{Test, repo};

const EXAMPLES: [&str; 8] = [
    "ca-supervised-site",
    "ke-community-ost",
    "my-nsp-outreach",
    "pt-peer-collective",
    "ua-harm-reduction-ngo",
    "us-ssp-federal",
    "xx-peer-outreach",
    "za-user-network",
];

fn build(example: &str) -> Test {
    let answers = repo().join("examples").join(example).join("answers.yaml");
    let t = Test::new().args(&[
        "build",
        "--answers",
        answers.to_str().unwrap(),
        "--out",
        "out",
    ]);
    t.ok();
    t
}

#[test]
fn committed_example_handbooks_are_current() {
    let update = std::env::var_os("UPDATE_EXAMPLES").is_some();
    let mut stale = Vec::new();
    for example in EXAMPLES {
        let t = build(example);
        for file in ["handbook.md", "handbook.html"] {
            let fresh = t.read(&format!("out/{file}"));
            let committed_path = repo().join("examples").join(example).join(file);
            let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
            if fresh != committed {
                if update {
                    std::fs::write(&committed_path, &fresh).unwrap();
                } else {
                    stale.push(format!("examples/{example}/{file}"));
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "out of date (run `UPDATE_EXAMPLES=1 cargo test --test examples`): {stale:?}"
    );
}

#[test]
fn example_handbooks_snapshot() {
    for example in EXAMPLES {
        let t = build(example);
        insta::assert_snapshot!(format!("{example}.md"), t.read("out/handbook.md"));
    }
}

/// The clause ids in a built handbook, read back from `explain`-style listing of the plan.
fn clause_titles(md: &str) -> Vec<String> {
    md.lines()
        .filter(|l| l.starts_with("## "))
        .map(|l| {
            l.split_once(' ')
                .unwrap()
                .1
                .split_once(' ')
                .unwrap()
                .1
                .to_string()
        })
        .collect()
}

#[test]
fn handbooks_differ_where_contexts_differ() {
    let md = |e: &str| build(e).read("out/handbook.md");
    let (za, my, ca, ke, us) = (
        md("za-user-network"),
        md("my-nsp-outreach"),
        md("ca-supervised-site"),
        md("ke-community-ost"),
        md("us-ssp-federal"),
    );
    let has = |doc: &str, title: &str| clause_titles(doc).iter().any(|t| t.contains(title));

    // Drug-Free Workplace Act only for the US federal grantee.
    assert!(
        has(&us, "Drug-Free Workplace Act"),
        "{:?}",
        clause_titles(&us)
    );
    for other in [&za, &my, &ca, &ke] {
        assert!(!has(other, "Drug-Free Workplace Act"));
    }
    // Injection assistance: authorised at the Canadian site only.
    assert!(
        ca.contains("allows staff to assist with injection"),
        "the Canadian site's exemption covers assisted injection"
    );
    for other in [&za, &my, &ke, &us] {
        assert!(!other.contains("allows staff to assist with injection"));
    }
    // Observed daily dosing in Kenya and Malaysia, take-home doses in Canada and the US.
    for doc in [&ke, &my] {
        assert!(
            doc.contains("under observation at a clinic every day"),
            "observed dosing text"
        );
    }
    for doc in [&ca, &us] {
        assert!(!doc.contains("under observation at a clinic every day"));
    }
    // Police confiscation in South Africa: the authorisation letter variant.
    assert!(za.contains("confiscat"));
    // Governance follows the organisation type.
    assert_ne!(
        section(&za, "Who leads and who decides"),
        section(&ke, "Who leads and who decides")
    );
    assert_ne!(
        section(&ca, "Who leads and who decides"),
        section(&ke, "Who leads and who decides")
    );
    // Country appendices.
    assert!(my.contains("# Appendix A. Legal context: Malaysia"));
    assert!(ke.contains("# Appendix A. Legal context: Kenya"));
}

/// The text of the clause titled `title`.
fn section(doc: &str, title: &str) -> String {
    let start = doc
        .lines()
        .position(|l| l.starts_with("## ") && l.ends_with(title))
        .unwrap_or_else(|| panic!("no clause {title}"));
    doc.lines()
        .skip(start + 1)
        .take_while(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn an_organisation_unsure_of_its_law_gets_the_safest_assumptions() {
    let md = |e: &str| build(e).read("out/handbook.md");
    let xx = md("xx-peer-outreach");
    // Appendix A lists every question answered "not sure", unknowns included.
    let appendix = &xx[xx.find("# Appendix A. Legal context").expect("appendix")..];
    for prompt in [
        "- What is the legal status of possessing drugs for personal use?",
        "- Is using drugs itself an offence",
        "- Does the law oblige people to report drug offences they know about?",
        "- Can the organisation or its managers be liable",
        "- What is the legal status of needle and syringe programmes",
        "- Does disability or equality law protect people",
        "- How is opioid agonist treatment",
    ] {
        assert!(appendix.contains(prompt), "{prompt} not listed");
    }
    assert!(!appendix.contains("Does a law or a funder require you to test"));
    // Use treated as possibly an offence: nobody asked to disclose or test.
    assert!(xx.contains("No one will ask you to take a drug test that could be used against you."));
    assert!(xx.contains("**You never need to tell us about your own drug use**"));
    // Every "not sure" is listed, also where the answer matches the country profile's.
    let za = md("za-user-network");
    let appendix = za.split("answered \"not sure\"").nth(1).expect("listed");
    assert!(appendix.contains("- Can the organisation or its managers be liable"));
    assert!(appendix.contains("- Does disability or equality law protect people"));
    assert!(!appendix.contains("- What is the legal status of possessing drugs"));
}
