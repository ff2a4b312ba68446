//! The generated code and the reference interpreter agree, step by step, on every random
//! machine `build.rs` wrote, for random inputs and random guard values.

use automat_statechart_tests::{Reference, SUBJECTS};
use proptest::prelude::*;

/// An input (`0..4`, `3` resets) or a guard set to a value.
#[derive(Clone, Debug)]
enum Op {
    Input(usize),
    Flag(usize, bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..4usize).prop_map(Op::Input),
        1 => (0..4usize, any::<bool>()).prop_map(|(g, v)| Op::Flag(g, v)),
    ]
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2048)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn generated_code_follows_the_statechart_rules(
        machine in 0..SUBJECTS.len(),
        ops in prop::collection::vec(op(), 1..64),
    ) {
        let mut subject = SUBJECTS[machine]();
        let spec = subject.spec();
        let mut reference = Reference::new(spec);
        prop_assert_eq!(subject.take_log(), std::mem::take(&mut reference.log), "new\n{}", spec.source);
        prop_assert_eq!(subject.leaf(), reference.leaf(), "new\n{}", spec.source);
        for (k, op) in ops.iter().enumerate() {
            match *op {
                Op::Input(i) => {
                    let from = reference.leaf();
                    let took = subject.step(i);
                    prop_assert_eq!(took, reference.step(i), "step {} (i{} from N{})\n{}", k, i, from, spec.source);
                    prop_assert_eq!(
                        subject.take_log(),
                        std::mem::take(&mut reference.log),
                        "step {} (i{} from N{})\n{}", k, i, from, spec.source
                    );
                    prop_assert_eq!(subject.leaf(), reference.leaf(), "step {} (i{} from N{})\n{}", k, i, from, spec.source);
                }
                Op::Flag(g, v) => {
                    subject.set_flag(g, v);
                    reference.flags[g] = v;
                }
            }
        }
    }
}
