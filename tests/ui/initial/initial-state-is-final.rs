automat_rs::machine! {
    machine Turnstile {
        initial final state Locked;
    }
}

fn main() {}
