automat_rs::machine! {
    #[derive_input = "Debug"]
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin();
        Locked + coin => Unlocked;
    }
}

fn main() {}
