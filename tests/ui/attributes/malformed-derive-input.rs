automat_rs::machine! {
    #[derive_input = "Debug"]
    machine Turnstile {
        initial state Locked;
        final state Unlocked;
        input coin();
        Locked + coin => Unlocked;
    }
}

fn main() {}
