//! Compile-fail tests: each file under `tests/ui/<topic>/` is a machine with one mistake, and its
//! `.stderr` is the reviewed diagnostic. Refresh with `TRYBUILD=overwrite cargo test --test ui`
//! and read the diff: a changed message is a change of the product.
//!
//! `tests/mistakes/<topic>/` is the catalogue of mistakes users make (issue 19), written from the
//! user's side: each file marks its offending token with a `^` on the comment line below it.
//! `mistakes_catalogue` scores the reviewed `.stderr` of every entry (first error on that token,
//! one error and no warning, a fix named) and prints the table; `bash tests/mistakes/count`
//! prints it alone.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Where the catalogue of mistakes lives, one folder per topic.
const CATALOGUE: &str = "tests/mistakes";

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*/*.rs");
    cases.compile_fail(format!("{CATALOGUE}/*/*.rs"));
}

/// How one catalogue entry's diagnostic scores.
#[derive(Debug, Default)]
#[allow(clippy::struct_excessive_bools)] // four yes-or-no criteria, printed as they are
struct Score {
    on_token: bool,
    one_error: bool,
    fix_named: bool,
    panicked: bool,
}

impl Score {
    fn good(&self) -> bool {
        self.on_token && self.one_error && self.fix_named && !self.panicked
    }
}

/// The marked token: the line above the `//   ^` comment, and the caret's column (1-based).
fn marked_token(source: &str) -> Option<(usize, usize)> {
    source.lines().enumerate().find_map(|(index, line)| {
        let trimmed = line.trim_start();
        let rest = trimmed.strip_prefix("//")?;
        if rest.trim() != "^" {
            return None;
        }
        let column = line.find('^')? + 1;
        Some((index, column))
    })
}

/// Words with which a diagnostic names what to write instead.
const FIX_WORDS: &[&str] = &[
    "help",
    "did you mean",
    " as in ",
    "instead",
    "write",
    "add",
    "remove",
    "rename",
    "declare",
    "use",
    "give",
    "mark",
    "move",
    "put",
    "list",
    "drop",
];

/// Whether `text` holds `word` as a word (or phrase) of its own: `put` is not in `output`, nor
/// `write` in `written`.
fn contains_word(text: &str, word: &str) -> bool {
    let word = word.trim();
    let boundary = |c: Option<char>| !c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    text.match_indices(word).any(|(at, _)| {
        boundary(text[..at].chars().next_back()) && boundary(text[at + word.len()..].chars().next())
    })
}

fn score(source: &str, stderr: &str) -> Score {
    let is_error = |line: &str| line.starts_with("error") && !line.starts_with("error: aborting");
    let errors = stderr.lines().filter(|line| is_error(line)).count();
    let warnings = stderr
        .lines()
        .filter(|line| line.starts_with("warning"))
        .count();
    let first: Vec<&str> = stderr
        .lines()
        .skip_while(|line| !is_error(line))
        .enumerate()
        .take_while(|(index, line)| *index == 0 || !(is_error(line) || line.starts_with("warning")))
        .map(|(_, line)| line)
        .collect();
    let location = first.iter().find_map(|line| {
        let (_, place) = line.split_once("--> ")?;
        let mut parts = place.rsplitn(3, ':');
        let column: usize = parts.next()?.trim().parse().ok()?;
        let line: usize = parts.next()?.parse().ok()?;
        Some((line, column))
    });
    let on_token = match (marked_token(source), location) {
        (Some((line, column)), Some(found)) => found == (line, column),
        _ => false,
    };
    let text = first.join("\n").to_lowercase();
    Score {
        on_token,
        one_error: errors == 1 && warnings == 0,
        fix_named: FIX_WORDS.iter().any(|word| contains_word(&text, word)),
        panicked: stderr.contains("panicked"),
    }
}

fn catalogue() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(CATALOGUE);
    let mut entries = Vec::new();
    for topic in fs::read_dir(&root).expect("tests/mistakes exists") {
        let topic = topic.expect("a readable directory entry").path();
        if !topic.is_dir() {
            continue;
        }
        for file in fs::read_dir(&topic).expect("a readable topic directory") {
            let file = file.expect("a readable directory entry").path();
            if file.extension().is_some_and(|ext| ext == "rs") {
                let name = topic
                    .file_name()
                    .expect("a topic name")
                    .to_string_lossy()
                    .into_owned();
                entries.push((name, file));
            }
        }
    }
    entries.sort();
    entries
}

/// How many catalogue entries met all three criteria when the figure was last raised.
const MEETING_THE_TARGET_TODAY: usize = 146;

#[test]
fn mistakes_catalogue() {
    let mut table: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    let mut short = Vec::new();
    let mut panics = 0;
    for (topic, file) in catalogue() {
        let source = fs::read_to_string(&file).expect("a readable entry");
        assert!(
            marked_token(&source).is_some(),
            "{} marks no token",
            file.display()
        );
        let stderr = fs::read_to_string(file.with_extension("stderr")).unwrap_or_default();
        let score = score(&source, &stderr);
        let row = table.entry(topic).or_default();
        row[0] += 1;
        row[1] += usize::from(score.on_token);
        row[2] += usize::from(score.one_error);
        row[3] += usize::from(score.fix_named);
        row[4] += usize::from(score.good());
        panics += usize::from(score.panicked);
        if !score.good() {
            short.push(format!("{}: {score:?}", file.display()));
        }
    }
    let mut total = [0; 5];
    println!("| topic | mistakes | first error on the token | one error, no warning | fix named | all three |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (topic, row) in &table {
        println!(
            "| {topic} | {} | {} | {} | {} | {} |",
            row[0], row[1], row[2], row[3], row[4]
        );
        for (sum, value) in total.iter_mut().zip(row) {
            *sum += value;
        }
    }
    println!(
        "| **all** | **{}** | **{}** | **{}** | **{}** | **{}** ({}.{}%) |",
        total[0],
        total[1],
        total[2],
        total[3],
        total[4],
        total[4] * 100 / total[0],
        total[4] * 1000 / total[0] % 10
    );
    for line in &short {
        println!("short: {line}");
    }
    assert_eq!(panics, 0, "the macro panicked");
    assert!(
        total[0] >= 100,
        "the catalogue has {} mistakes, fewer than 100",
        total[0]
    );
    // Issue 19's target is 95%; the catalogue is new and the macro is not there yet, so this
    // is a ratchet on today's figure: a change that makes a mistake's diagnostic worse fails here,
    // and one that makes it better raises the figure.
    assert!(
        total[4] >= MEETING_THE_TARGET_TODAY,
        "{} of {} mistakes meet the target, fewer than the {MEETING_THE_TARGET_TODAY} that did",
        total[4],
        total[0]
    );
}
