//! Time per input of every implementation of every workload (criterion; median per 100,000
//! inputs). `bash bench/run.sh` reads criterion's estimates and divides by the batch.

use std::hint::black_box;
use std::time::Duration;

use automat_bench::{asynced, blinky, data, guarded, inputs, nested, small, typed, wide};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Inputs per measured iteration (`run.sh` divides by it).
const BATCH: usize = 100_000;

fn dispatch(c: &mut Criterion) {
    for (workload, machines, count) in [
        ("small", small::MACHINES, small::INPUTS),
        ("wide", wide::MACHINES, wide::INPUTS),
        ("guarded", guarded::MACHINES, guarded::INPUTS),
        ("data", data::MACHINES, data::INPUTS),
        ("nested", nested::MACHINES, nested::INPUTS),
        ("blinky", blinky::MACHINES, blinky::INPUTS),
        ("typed", typed::MACHINES, small::INPUTS),
        ("async", asynced::MACHINES, small::INPUTS),
    ] {
        let inputs = inputs(BATCH, count);
        let mut group = c.benchmark_group(workload);
        group.throughput(Throughput::Elements(BATCH as u64));
        for &(name, run) in machines {
            group.bench_function(name, |b| b.iter(|| run(black_box(&inputs))));
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(50);
    targets = dispatch
}
criterion_main!(benches);
