//! What the examples share: where they write their diagrams.

use std::path::PathBuf;

/// Writes `contents` to `target/diagrams/<file>` (under `CARGO_TARGET_DIR` when it is set) and
/// returns the path written.
pub fn write_diagram(file: &str, contents: &str) -> std::io::Result<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    let dir = target.join("diagrams");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(file);
    std::fs::write(&path, contents)?;
    Ok(path)
}
