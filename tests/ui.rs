//! Compile-fail tests: each file under `tests/ui/<topic>/` is a machine with one mistake, and its
//! `.stderr` is the reviewed diagnostic. Refresh with `TRYBUILD=overwrite cargo test --test ui`
//! and read the diff: a changed message is a change of the product.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*/*.rs");
}
