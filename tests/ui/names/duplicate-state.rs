automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        final state Unlocked;
        state Locked;
        input coin();
        Locked + coin => Unlocked;
    }
}

fn main() {}
