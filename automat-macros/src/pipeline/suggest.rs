//! "Did you mean" suggestions for unknown names.

use std::fmt::Write as _;

/// The declared name closest to `wanted`, if one is close enough to be a probable typo: the same
/// name in another case, or within an edit distance of about a third of its length.
pub fn closest<'a>(wanted: &str, declared: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(1);
    declared
        .into_iter()
        .filter_map(|name| {
            let distance = if name.eq_ignore_ascii_case(wanted) {
                0
            } else {
                strsim::damerau_levenshtein(wanted, name)
            };
            (distance <= limit).then_some((distance, name))
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, name)| name)
}

/// Whether two declared names look alike enough to be confused (`Opened` and `Opening`): a looser
/// measure than [`closest`], for guessing which transition was meant for a state.
pub fn alike(a: &str, b: &str) -> bool {
    strsim::jaro_winkler(&a.to_lowercase(), &b.to_lowercase()) >= 0.8
}

/// A message for an unknown `kind` (state, input, output) named `wanted`: with the closest
/// declared name when one is close, else with the list of declared names.
pub fn unknown(kind: &str, wanted: &str, declared: &[String]) -> String {
    let mut message = format!("unknown {kind} `{wanted}`");
    if let Some(close) = closest(wanted, declared.iter().map(String::as_str)) {
        let _ = write!(message, "; did you mean `{close}`?");
    } else if declared.is_empty() {
        let _ = write!(message, "; this machine declares no {kind}s");
    } else if let [only] = declared {
        let _ = write!(message, "; the only {kind} is `{only}`");
    } else {
        let _ = write!(message, "; declared {kind}s are ");
        list(&mut message, declared);
    }
    message
}

/// Appends ``a`, `b` and `c`` to `out`.
pub fn list(out: &mut String, names: &[String]) {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    list_plain(out, &quoted);
}

/// Appends `a, b and c` to `out`.
pub fn list_plain(out: &mut String, items: &[String]) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " and " } else { ", " });
        }
        out.push_str(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_typos_and_case_changes() {
        let names = ["Locked", "Unlocked", "Broken"];
        assert_eq!(closest("Lockd", names), Some("Locked"));
        assert_eq!(closest("locked", names), Some("Locked"));
        assert_eq!(closest("Brokne", names), Some("Broken"));
        assert_eq!(closest("Open", names), None);
    }

    #[test]
    fn alike_names_share_most_of_their_letters() {
        assert!(alike("Opened", "Opening"));
        assert!(alike("Stopped", "Stopping"));
        assert!(!alike("Opened", "Closed"));
        assert!(!alike("Idle", "Running"));
    }

    #[test]
    fn lists_declared_names_when_nothing_is_close() {
        let declared = vec![
            "Locked".to_owned(),
            "Unlocked".to_owned(),
            "Broken".to_owned(),
        ];
        assert_eq!(
            unknown("state", "Open", &declared),
            "unknown state `Open`; declared states are `Locked`, `Unlocked` and `Broken`"
        );
        assert_eq!(
            unknown("state", "Lokced", &declared),
            "unknown state `Lokced`; did you mean `Locked`?"
        );
        assert_eq!(
            unknown("output", "x", &[]),
            "unknown output `x`; this machine declares no outputs"
        );
    }
}
