//! `automat-bench report <results> <criterion>`: the one table of `bash bench/run.sh`, in
//! Markdown, from the files the script wrote (`check.tsv`, `callgrind.tsv`, `expand.txt`,
//! `build-time.tsv`, `machine.txt`) and criterion's estimates.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::fs;
use std::path::Path;

/// Reads a tab-separated file into rows (empty when missing).
fn rows(path: &Path) -> Vec<Vec<String>> {
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

/// Criterion's median time per iteration, in ns, by `(group, function)`.
fn criterion(dir: &Path) -> BTreeMap<(String, String), f64> {
    let mut medians = BTreeMap::new();
    let Ok(groups) = fs::read_dir(dir) else {
        return medians;
    };
    for bench in groups
        .flatten()
        .filter_map(|g| fs::read_dir(g.path()).ok())
        .flatten()
        .flatten()
    {
        let new = bench.path().join("new");
        let read = |file: &str| -> Option<serde_json::Value> {
            serde_json::from_str(&fs::read_to_string(new.join(file)).ok()?).ok()
        };
        let (Some(id), Some(estimates)) = (read("benchmark.json"), read("estimates.json")) else {
            continue;
        };
        let (Some(group), Some(function), Some(median)) = (
            id["group_id"].as_str(),
            id["function_id"].as_str(),
            estimates["median"]["point_estimate"].as_f64(),
        ) else {
            continue;
        };
        medians.insert((group.to_owned(), function.to_owned()), median);
    }
    medians
}

fn ratio(value: Option<f64>, base: Option<f64>) -> String {
    match (value, base) {
        (Some(v), Some(b)) if b > 0.0 => format!("{:.2}×", v / b),
        _ => "–".to_owned(),
    }
}

fn number(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.decimals$}"))
}

/// The report, as Markdown.
#[must_use]
pub fn report(results: &Path, criterion_dir: &Path, batch: f64) -> String {
    let mut out = String::new();
    let machine = fs::read_to_string(results.join("machine.txt")).unwrap_or_default();
    for line in machine.lines() {
        let _ = writeln!(out, "{line}  ");
    }
    let check = rows(&results.join("check.tsv"));
    let callgrind: BTreeMap<(String, String), f64> = rows(&results.join("callgrind.tsv"))
        .into_iter()
        .filter_map(|r| {
            let per_input = r.get(2)?.parse::<f64>().ok()? / r.get(3)?.parse::<f64>().ok()?;
            Some(((r[0].clone(), r[1].clone()), per_input))
        })
        .collect();
    let times = criterion(criterion_dir);
    let _ = writeln!(
        out,
        "\n**Dispatch** (ratios to the hand-written `match` of the same run; `state only` rows to \
         the table's state-only function)\n"
    );
    let _ = writeln!(
        out,
        "| workload | implementation | instructions / input | ratio | ns / input | ratio | size (bytes) | allocations |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|");
    for row in &check {
        let [workload, name, size, allocations, ..] = row.as_slice() else {
            continue;
        };
        let key = (workload.clone(), name.clone());
        let base_name = if name.ends_with("state only") {
            "table, state only"
        } else {
            "match"
        };
        let base = (workload.clone(), base_name.to_owned());
        let instructions = callgrind.get(&key).copied();
        let time = times.get(&key).map(|t| t / batch);
        let _ = writeln!(
            out,
            "| {workload} | {name} | {} | {} | {} | {} | {size} | {allocations} |",
            number(instructions, 2),
            ratio(instructions, callgrind.get(&base).copied()),
            number(time, 2),
            ratio(time, times.get(&base).map(|t| t / batch)),
        );
    }
    if let Ok(expand) = fs::read_to_string(results.join("expand.txt")) {
        let _ = writeln!(
            out,
            "\n**Expansion** (`machine!` pipeline called directly, release build, median)\n\n```text\n{}```",
            expand
        );
    }
    let build = rows(&results.join("build-time.tsv"));
    if !build.is_empty() {
        let mut sizes: Vec<usize> = build
            .iter()
            .filter_map(|r| r.get(1)?.parse().ok())
            .collect();
        sizes.sort_unstable();
        sizes.dedup();
        let mut implementations: Vec<&str> = Vec::new();
        for r in &build {
            if !implementations.contains(&r[0].as_str()) {
                implementations.push(&r[0]);
            }
        }
        let seconds = |implementation: &str, states: usize| -> Option<f64> {
            build
                .iter()
                .find(|r| r[0] == implementation && r[1] == states.to_string())
                .and_then(|r| r.get(2)?.parse().ok())
        };
        let _ = writeln!(
            out,
            "\n**Build time** (`cargo build`, dev profile, of a binary driving one machine of 4 \
             inputs; seconds, median; growth is the time ratio between the last two sizes)\n"
        );
        let header: Vec<String> = sizes.iter().map(|s| format!("{s} states")).collect();
        let _ = writeln!(
            out,
            "| implementation | {} | ratio to `match` at {} | growth |",
            header.join(" | "),
            sizes.last().unwrap_or(&0)
        );
        let _ = writeln!(out, "|---|{}---:|---:|", "---:|".repeat(sizes.len()));
        for implementation in implementations {
            let cells: Vec<String> = sizes
                .iter()
                .map(|&s| number(seconds(implementation, s), 2))
                .collect();
            let last = sizes.last().and_then(|&s| seconds(implementation, s));
            let growth = match sizes.as_slice() {
                [.., a, b] => ratio(last, seconds(implementation, *a))
                    .replace('×', &format!("× for {}×", b / a.max(&1))),
                _ => "–".to_owned(),
            };
            let name = match implementation {
                "automat" => "automat-rs",
                "automat_typestate" => "automat-rs with `#[typestate]`",
                "match" => "hand-written match",
                "rust_fsm" => "rust-fsm",
                other => other,
            };
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {growth} |",
                cells.join(" | "),
                ratio(last, sizes.last().and_then(|&s| seconds("match", s))),
            );
        }
    }
    out
}
