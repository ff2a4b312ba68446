//! The dispatch benchmark's command line (`bash bench/run.sh` drives it):
//!
//!     automat-bench check [inputs]                  cross-check, sizes, allocations
//!     automat-bench run <small|wide|guarded|data|nested|blinky|typed|async> <name> <inputs>   one implementation (for callgrind)
//!     automat-bench list <small|wide|guarded|data|nested|blinky|typed|async>       implementation names, one per line
//!     automat-bench source <implementation> <states> <inputs>   a wide machine's source
//!     automat-bench report <results> <criterion> <batch>   the table, from the files run.sh wrote

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::mem::size_of;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use automat_bench::{
    asynced, blinky, data, gen, guarded, inputs, nested, small, typed, wide, Implementation,
};

mod report;

/// Counts heap allocations (and reallocations), to show that a transition makes none.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: forwards every call to the system allocator unchanged; only counts.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is the system allocator's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

type Machines = &'static [Implementation];

fn workload(name: &str) -> Option<(Machines, u8)> {
    match name {
        "small" => Some((small::MACHINES, small::INPUTS)),
        "wide" => Some((wide::MACHINES, wide::INPUTS)),
        "guarded" => Some((guarded::MACHINES, guarded::INPUTS)),
        "data" => Some((data::MACHINES, data::INPUTS)),
        "nested" => Some((nested::MACHINES, nested::INPUTS)),
        "blinky" => Some((blinky::MACHINES, blinky::INPUTS)),
        "typed" => Some((typed::MACHINES, small::INPUTS)),
        "async" => Some((asynced::MACHINES, small::INPUTS)),
        _ => None,
    }
}

/// `size_of` each workload's machines (state and output counter), by implementation name.
fn sizes(name: &str) -> Vec<(&'static str, usize)> {
    match name {
        "small" => vec![
            ("match", size_of::<small::matched::Machine>()),
            ("table", size_of::<small::table::Machine>()),
            ("automat-rs", size_of::<small::automat::Machine>()),
            ("automat-rs observed", size_of::<small::automat::Observed>()),
            (
                "automat-rs typed methods",
                size_of::<small::automat::Typed>(),
            ),
            ("rust-fsm", size_of::<small::rust_fsm::Machine>()),
            ("smlang", size_of::<small::smlang::Machine>()),
            ("statig", size_of::<small::statig::Machine>()),
        ],
        "data" => vec![
            ("match", size_of::<data::matched::Machine>()),
            ("automat-rs", size_of::<data::automat::Machine>()),
        ],
        "nested" => vec![
            ("match", size_of::<nested::matched::Machine>()),
            ("automat-rs", size_of::<nested::automat::Machine>()),
            ("statig", size_of::<nested::statig::Machine>()),
        ],
        "blinky" => vec![
            ("match", size_of::<blinky::matched::Machine>()),
            ("automat-rs", size_of::<blinky::automat::Machine>()),
            ("statig", size_of::<blinky::statig::Machine>()),
        ],
        "typed" => vec![
            ("match", size_of::<small::matched::Machine>()),
            (
                "automat-rs methods",
                size_of::<typed::Player<typed::Counter>>(),
            ),
            (
                "automat-rs typestate",
                size_of::<typed::PlayerAt<typed::Stopped, typed::Counter>>(),
            ),
        ],
        "async" => {
            // One step's future, for the async rows.
            let (generated, written) = asynced::future_sizes();
            vec![
                ("match", size_of::<small::matched::Machine>()),
                ("automat-rs", size_of::<small::automat::Machine>()),
                ("automat-rs async", generated),
                ("async fn + match", written),
            ]
        }
        "guarded" => vec![
            ("match", size_of::<guarded::matched::Machine>()),
            ("automat-rs", size_of::<guarded::automat::Machine>()),
            ("smlang", size_of::<guarded::smlang::Machine>()),
        ],
        _ => vec![
            ("match", size_of::<wide::matched::Machine>()),
            ("table", size_of::<wide::table::Machine>()),
            ("automat-rs", size_of::<wide::automat::Machine>()),
            ("rust-fsm", size_of::<wide::rust_fsm::Machine>()),
            ("smlang", size_of::<wide::smlang::Machine>()),
            ("statig", size_of::<wide::statig::Machine>()),
        ],
    }
}

/// Runs every implementation of both workloads over the same `n` inputs; fails unless they all
/// end like the hand-written `match`. Prints `workload<TAB>name<TAB>size<TAB>allocations`.
fn check(n: usize) -> Result<(), String> {
    println!("# the state machine alone, without its output counter: automat-rs small {} byte(s), wide {} byte(s)",
        size_of::<small::automat::Player<()>>(), size_of::<wide::automat::Wide<()>>());
    for name in [
        "small", "wide", "guarded", "data", "nested", "blinky", "typed", "async",
    ] {
        let (machines, count) = workload(name).expect("known workload");
        let inputs = inputs(n, count);
        let sizes = sizes(name);
        let expected = (machines[0].1)(&inputs);
        for &(implementation, run) in machines {
            let before = ALLOCATIONS.load(Ordering::Relaxed);
            let outcome = black_box(run(black_box(&inputs)));
            let allocations = ALLOCATIONS.load(Ordering::Relaxed) - before;
            if outcome != expected {
                return Err(format!(
                    "{name}: {implementation} ended with {outcome:?}, the hand-written match with {expected:?}"
                ));
            }
            let size = sizes
                .iter()
                .find(|(s, _)| *s == implementation)
                .map_or_else(|| "-".to_owned(), |(_, size)| size.to_string());
            println!("{name}\t{implementation}\t{size}\t{allocations}");
        }
        if name == "data" {
            // The data the states carried ends up in the outputs: the same sums in both.
            let (mut hand, mut generated) = (
                data::matched::Machine::new(),
                <data::automat::Machine as automat_bench::Drive>::start(),
            );
            for &k in &inputs {
                hand.feed(k);
                automat_bench::Drive::feed(&mut generated, k);
            }
            let (a, b) = (hand.tally(), generated.0.core());
            if (a.reported, a.released) != (b.reported, b.released) {
                return Err(format!(
                    "data: automat-rs summed {b:?}, the hand-written match {a:?}"
                ));
            }
        }
        eprintln!(
            "{name}: all {} implementations agree over {n} inputs: final state {}, {} outputs, {} refused",
            machines.len(),
            expected.state,
            expected.outputs,
            expected.refused
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let number =
        |s: Option<&&str>, default: usize| s.and_then(|s| s.parse().ok()).unwrap_or(default);
    let result = match args.as_slice() {
        ["check", rest @ ..] => check(number(rest.first(), 10_000_000)),
        ["list", workload_name] => workload(workload_name)
            .map(|(machines, _)| {
                for (name, _) in machines {
                    println!("{name}");
                }
            })
            .ok_or_else(|| format!("unknown workload {workload_name}")),
        ["run", workload_name, implementation, rest @ ..] => {
            let n = number(rest.first(), 1_000_000);
            workload(workload_name)
                .ok_or_else(|| format!("unknown workload {workload_name}"))
                .and_then(|(machines, count)| {
                    let (_, run) = machines
                        .iter()
                        .find(|(name, _)| name == implementation)
                        .ok_or_else(|| format!("unknown implementation {implementation}"))?;
                    let inputs = inputs(n, count);
                    println!("{:?}", black_box(run(black_box(&inputs))));
                    Ok(())
                })
        }
        ["source", implementation, states, inputs] => {
            if gen::IMPLEMENTATIONS.contains(implementation) {
                print!("{}", gen::source(implementation, number(Some(states), 512), number(Some(inputs), 4)));
                Ok(())
            } else {
                Err(format!("unknown implementation {implementation}; one of {:?}", gen::IMPLEMENTATIONS))
            }
        }
        ["report", results, criterion, batch] => {
            print!(
                "{}",
                report::report(
                    std::path::Path::new(results),
                    std::path::Path::new(criterion),
                    batch.parse().unwrap_or(100_000.0)
                )
            );
            Ok(())
        }
        _ => Err("usage: automat-bench check [inputs] | list <small|wide|guarded|data|nested|blinky|typed|async> | run <small|wide|guarded|data|nested|blinky|typed|async> <name> [inputs] | source <implementation> <states> <inputs> | report <results> <criterion> <batch>".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
