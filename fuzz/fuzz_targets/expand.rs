//! Fuzzes `expand`, `expand_derive` and `expand_compound` (the derive's stage for compound
//! states), the whole macro pipeline behind either front end, with arbitrary text lexed into
//! tokens: it must never
//! panic, and what it writes must always parse as Rust items.
//!
//! Run: `bash fuzz/run.sh [seconds]` (see the README's "Fuzzing" section).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code, clippy::all, clippy::pedantic)]
#[path = "../../automat-macros/src/pipeline/mod.rs"]
mod pipeline;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(tokens) = text.parse::<proc_macro2::TokenStream>() else { return };
    // Both front ends: `machine!`'s and the derive's (with its compound stage).
    for front in [
        pipeline::expand,
        pipeline::expand_derive,
        pipeline::expand_compound,
    ] {
        let output = front(tokens.clone());
        if let Err(error) = syn::parse2::<syn::File>(output.clone()) {
            panic!("expand wrote something that is not Rust items ({error}):\n{output}");
        }
    }
});
