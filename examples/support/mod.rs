//! What the examples share: where they write their files.

use std::path::PathBuf;

/// `target/<name>` (under `CARGO_TARGET_DIR` when it is set), created if needed.
pub fn target_subdir(name: &str) -> std::io::Result<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    let dir = target.join(name);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
