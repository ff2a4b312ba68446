// The state a machine starts in cannot be `final`, so a dead end there is told to gain a
// transition, not to become `final` (which `initial final state` would then refuse).
automat_rs::machine! {
    machine Lamp {
        initial state Off;
    }
}

fn main() {}
