//! How long `machine!` takes to expand, and how much it writes, for machines of 16 to 2,048
//! states (4 inputs each, every pair a transition: state `i` on input `j` goes to
//! `(7i + 13j + 1) mod states`, one output). Calls the macro's `expand` directly (the pipeline is
//! included by `#[path]`), median of several runs.
//!
//!     cargo run --release --bin expand_cost

use std::time::{Duration, Instant};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

#[allow(dead_code, clippy::all, clippy::pedantic)]
#[path = "../../../automat-macros/src/pipeline/mod.rs"]
mod pipeline;

fn machine(states: usize, inputs: usize) -> TokenStream {
    let state = |i: usize| Ident::new(&format!("S{i}"), Span::call_site());
    let input = |j: usize| Ident::new(&format!("in{j}"), Span::call_site());
    let decls = (0..states).map(|i| {
        let s = state(i);
        if i == 0 {
            quote!(initial state #s;)
        } else {
            quote!(state #s;)
        }
    });
    let inputs_decl = (0..inputs).map(|j| {
        let i = input(j);
        quote!(input #i();)
    });
    let transitions = (0..states)
        .flat_map(|i| (0..inputs).map(move |j| (i, j)))
        .map(|(i, j)| {
            let (from, on, to) = (state(i), input(j), state((7 * i + 13 * j + 1) % states));
            quote!(#from + #on => #to / count;)
        });
    quote! {
        pub machine Wide {
            #(#decls)*
            #(#inputs_decl)*
            output count();
            #(#transitions)*
        }
    }
}

fn main() {
    if let Some(states) = std::env::args().nth(1).and_then(|n| n.parse().ok()) {
        // One expansion, for a profiler.
        let out = pipeline::expand(machine(states, 4));
        println!("{} bytes", out.to_string().len());
        return;
    }
    println!(
        "{:>7} {:>12} {:>14} {:>12} {:>10}",
        "states", "transitions", "median time", "output", "time ×"
    );
    let mut previous: Option<Duration> = None;
    for states in [16, 128, 512, 2048] {
        let input = machine(states, 4);
        let runs = if states >= 2048 { 5 } else { 11 };
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..runs {
            let start = Instant::now();
            let out = pipeline::expand(input.clone());
            times.push(start.elapsed());
            size = out.to_string().len();
            assert!(
                !out.to_string().contains("compile_error"),
                "the generated machine must be valid"
            );
        }
        times.sort();
        let median = times[runs / 2];
        let ratio = previous.map_or_else(
            || "-".to_owned(),
            |p| format!("{:.2}", median.as_secs_f64() / p.as_secs_f64()),
        );
        println!(
            "{states:>7} {:>12} {:>12.1?} {:>10} KB {ratio:>10}",
            states * 4,
            median,
            size / 1024
        );
        previous = Some(median);
    }
}
