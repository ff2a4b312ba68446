//! Writes the wide workload's machine once per implementation (see `gen/mod.rs`).

#[path = "gen/mod.rs"]
mod gen;

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for implementation in gen::IMPLEMENTATIONS {
        let source = gen::source(implementation, 64, 8);
        std::fs::write(out.join(format!("wide_{implementation}.rs")), source)
            .expect("OUT_DIR is writable");
    }
    println!("cargo::rerun-if-changed=gen/mod.rs");
}
