//! How long `machine!` takes to expand, and how much it writes, for machines of 16 to 2,048
//! states (4 inputs each, the wide shape of `gen/mod.rs`: state `i` on input `j` goes to
//! `(7i + 13j + 1) mod states`, one output, a few pairs refused). Calls the macro's `expand`
//! directly (the pipeline is included by `#[path]`), median of several runs.
//!
//! Then machines of compound states nested `levels` deep (a binary tree: `2^levels` leaves,
//! `2^levels - 1` compounds with entry and exit actions, a transition on every leaf and on
//! every compound), to show that flattening the hierarchy stays linear in what it writes.
//!
//!     cargo run --release --bin expand_cost              # the table
//!     cargo run --release --bin expand_cost 2048         # one expansion (for a profiler)
//!     cargo run --release --bin expand_cost --print 512  # the expansion, formatted

use std::time::{Duration, Instant};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

#[allow(dead_code, clippy::all, clippy::pedantic)]
#[path = "../../../automat-macros/src/pipeline/mod.rs"]
mod pipeline;

#[allow(dead_code)]
#[path = "../../gen/mod.rs"]
mod gen;

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
        .filter_map(|(i, j)| {
            let to = gen::target(states, i, j)?;
            let (from, on, to) = (state(i), input(j), state(to));
            Some(quote!(#from + #on => #to / count;))
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

/// State `L<first>`, or a compound `C<k>` holding `span` leaves from `first`, `level` deep.
fn node(
    level: u32,
    first: usize,
    span: usize,
    initial: bool,
    next_compound: &mut usize,
) -> TokenStream {
    let mark = if initial { quote!(initial) } else { quote!() };
    if level == 0 {
        let leaf = Ident::new(&format!("L{first}"), Span::call_site());
        return quote!(#mark state #leaf;);
    }
    let me = Ident::new(&format!("C{}", *next_compound), Span::call_site());
    *next_compound += 1;
    let half = span / 2;
    let left = node(level - 1, first, half, true, next_compound);
    let right = node(level - 1, first + half, half, false, next_compound);
    quote!(#mark state #me { entry enter; exit leave; #left #right })
}

/// A binary tree of compound states `levels` deep: leaf `L<i>` + `step` goes to the next leaf,
/// compound `C<k>` + `jump` to a leaf chosen by `k`, and every compound has entry and exit actions.
fn deep(levels: u32) -> TokenStream {
    let leaves = 1usize << levels;
    let mut next_compound = 0;
    let tree = node(levels, 0, leaves, true, &mut next_compound);
    let steps = (0..leaves).map(|i| {
        let (from, to) = (
            Ident::new(&format!("L{i}"), Span::call_site()),
            Ident::new(&format!("L{}", (i + 1) % leaves), Span::call_site()),
        );
        quote!(#from + step => #to / count;)
    });
    let jumps = (0..next_compound).map(|k| {
        let (from, to) = (
            Ident::new(&format!("C{k}"), Span::call_site()),
            Ident::new(&format!("L{}", (k * 37 + 5) % leaves), Span::call_site()),
        );
        quote!(#from + jump => #to / count;)
    });
    quote! {
        pub machine Deep {
            #tree
            input step();
            input jump();
            output count();
            output enter();
            output leave();
            #(#steps)*
            #(#jumps)*
        }
    }
}

/// The median time and the output size of `runs` expansions of `input`.
fn measure(input: &TokenStream, runs: usize) -> (Duration, usize) {
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
    (times[runs / 2], size)
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--print") {
        // The expansion, formatted, for reading or compiling on its own.
        let states = std::env::args()
            .nth(2)
            .and_then(|n| n.parse().ok())
            .unwrap_or(16);
        let out = pipeline::expand(machine(states, 4));
        let file: syn::File = syn::parse2(out).expect("the expansion is a file");
        print!("{}", prettyplease::unparse(&file));
        return;
    }
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
            (0..states)
                .flat_map(|i| (0..4).map(move |j| (i, j)))
                .filter(|&(i, j)| gen::target(states, i, j).is_some())
                .count(),
            median,
            size / 1024
        );
        previous = Some(median);
    }
    println!();
    println!(
        "{:>7} {:>7} {:>10} {:>14} {:>12} {:>10}",
        "levels", "leaves", "compounds", "median time", "output", "time ×"
    );
    let mut previous: Option<Duration> = None;
    for levels in [4, 6, 8] {
        let (median, size) = measure(&deep(levels), 5);
        let ratio = previous.map_or_else(
            || "-".to_owned(),
            |p| format!("{:.2}", median.as_secs_f64() / p.as_secs_f64()),
        );
        println!(
            "{levels:>7} {:>7} {:>10} {:>12.1?} {:>10} KB {ratio:>10}",
            1usize << levels,
            (1usize << levels) - 1,
            median,
            size / 1024
        );
        previous = Some(median);
    }
}
