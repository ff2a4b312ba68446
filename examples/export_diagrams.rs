//! Exports the diagrams of every machine linked into this program, with no list to maintain:
//!
//! ```sh
//! cargo run --example export_diagrams --features registry
//! ```
//!
//! writes `target/diagrams/<Machine>.{dot,mmd,md,svg}` for the four examples' machines, which this
//! program links in. In your own crate, the same one call in a test or a small binary exports
//! every machine of the crate.

// Each example is included with its own `mod support;`: four copies, on purpose.
#![allow(clippy::duplicate_mod)]

#[allow(dead_code)]
#[path = "coffee_brewer.rs"]
mod coffee_brewer;
#[allow(dead_code)]
#[path = "garage_door.rs"]
mod garage_door;
#[allow(dead_code)]
#[path = "tcp.rs"]
mod tcp;
#[allow(dead_code)]
#[path = "turnstile.rs"]
mod turnstile;

mod support;

fn main() -> std::io::Result<()> {
    for path in automat_rs::export::export_all(support::target_subdir("diagrams")?)? {
        println!("{}", path.display());
    }
    Ok(())
}
