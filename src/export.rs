//! Writing diagram files (feature `std`): DOT, Mermaid, a Markdown table and, with the `svg`
//! feature, SVG, for one machine or (with the `registry` feature) every machine of a program.

use std::io;
use std::path::{Path, PathBuf};
use std::string::ToString;
use std::vec::Vec;

use crate::Description;

/// Writes `description`'s diagrams into `dir` (created if needed) as `<file_stem>.dot`,
/// `.mmd` (Mermaid), `.md` (transition table) and, with the `svg` feature, `.svg`. Returns the
/// paths written.
///
/// # Errors
///
/// Any error creating `dir` or writing a file.
pub fn write_diagrams(
    dir: impl AsRef<Path>,
    file_stem: &str,
    description: &Description<'_>,
) -> io::Result<Vec<PathBuf>> {
    let dir = dir.as_ref();
    std::fs::create_dir_all(dir)?;
    let mut files = Vec::new();
    let mut write = |extension: &str, contents: std::string::String| -> io::Result<()> {
        let path = dir.join(std::format!("{file_stem}.{extension}"));
        std::fs::write(&path, contents)?;
        files.push(path);
        Ok(())
    };
    write("dot", description.dot().to_string())?;
    write("mmd", description.mermaid().to_string())?;
    write(
        "md",
        std::format!("# {}\n\n{}", description.name, description.table()),
    )?;
    #[cfg(feature = "svg")]
    write("svg", description.svg().to_string())?;
    Ok(files)
}

/// Writes the diagrams of every machine linked into the program (see [`crate::registry`]) into
/// `dir`, one set of files per machine named after it (`CoffeeBrewer.dot`, ...); two machines of
/// one name get `-2`, `-3`, ... suffixes. Machines are taken in name order, so the result is the
/// same on every run. Returns the paths written.
///
/// One line in a test or a small binary of your crate exports them all:
///
/// ```no_run
/// automat_rs::export::export_all("target/diagrams")?;
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
///
/// Any error creating `dir` or writing a file.
#[cfg(feature = "registry")]
pub fn export_all(dir: impl AsRef<Path>) -> io::Result<Vec<PathBuf>> {
    let mut machines: Vec<&Description<'static>> = crate::registry::machines().to_vec();
    machines.sort_by(|a, b| a.name.cmp(b.name).then(a.states.len().cmp(&b.states.len())));
    let mut files = Vec::new();
    let mut used: Vec<&str> = Vec::new();
    for description in machines {
        let same = used
            .iter()
            .filter(|&&name| name == description.name)
            .count();
        used.push(description.name);
        let stem = if same == 0 {
            description.name.to_string()
        } else {
            std::format!("{}-{}", description.name, same + 1)
        };
        files.extend(write_diagrams(dir.as_ref(), &stem, description)?);
    }
    Ok(files)
}
