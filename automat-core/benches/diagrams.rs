//! How long the renderers take on large machines. Run with
//! `cargo bench -p automat-core --features svg --bench diagrams`.
//!
//! Machines are generated like the wide machine of the dispatch benchmarks: state `i` on input
//! `j` goes to `(7i + 13j + 1) mod states`, every pair has a transition, and each transition has
//! one output.
#![allow(missing_docs)]

use std::sync::LazyLock;

use automat_core::{Description, InputInfo, OutputInfo, StateInfo, TransitionInfo};
use divan::Bencher;

fn main() {
    divan::main();
}

/// A machine of `states` states and `inputs` inputs; leaked, as benchmarks run once per process.
fn machine(states: usize, inputs: usize) -> &'static Description<'static> {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let state_list: Vec<StateInfo<'static>> = (0..states)
        .map(|i| StateInfo::__new(leak(format!("State{i}")), "", i == 0, false))
        .collect();
    let input_list: Vec<InputInfo<'static>> = (0..inputs)
        .map(|j| InputInfo::__new(leak(format!("input_{j}")), "", &[], None))
        .collect();
    let outputs: &'static [OutputInfo<'static>] =
        Box::leak(Box::new([OutputInfo::__new("count", "", &[], None)]));
    let transitions: Vec<TransitionInfo<'static>> = (0..states)
        .flat_map(|i| (0..inputs).map(move |j| (i, j)))
        .map(|(i, j)| TransitionInfo::__new(i, j, (7 * i + 13 * j + 1) % states, &[0], false, ""))
        .collect();
    Box::leak(Box::new(Description::__new(
        "Wide",
        "",
        state_list.leak(),
        input_list.leak(),
        outputs,
        transitions.leak(),
    )))
}

static WIDE_512X8: LazyLock<&'static Description<'static>> = LazyLock::new(|| machine(512, 8));
static WIDE_64X8: LazyLock<&'static Description<'static>> = LazyLock::new(|| machine(64, 8));
static WIDE_64X4: LazyLock<&'static Description<'static>> = LazyLock::new(|| machine(64, 4));
static SMALL_16X4: LazyLock<&'static Description<'static>> = LazyLock::new(|| machine(16, 4));

#[divan::bench]
fn dot_4096_transitions(bencher: Bencher) {
    let d = *WIDE_512X8;
    bencher.bench(|| d.dot().to_string());
}

#[divan::bench]
fn mermaid_4096_transitions(bencher: Bencher) {
    let d = *WIDE_512X8;
    bencher.bench(|| d.mermaid().to_string());
}

#[divan::bench]
fn table_4096_transitions(bencher: Bencher) {
    let d = *WIDE_512X8;
    bencher.bench(|| d.table().to_string());
}

#[divan::bench]
fn svg_16_states_64_transitions(bencher: Bencher) {
    let d = *SMALL_16X4;
    bencher.bench(|| d.svg().to_string());
}

#[divan::bench]
fn svg_64_states_256_transitions(bencher: Bencher) {
    let d = *WIDE_64X4;
    bencher.bench(|| d.svg().to_string());
}

#[divan::bench]
fn svg_64_states_512_transitions(bencher: Bencher) {
    let d = *WIDE_64X8;
    bencher.bench(|| d.svg().to_string());
}
