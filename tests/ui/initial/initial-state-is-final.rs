automat_rs::machine! {
    machine Turnstile {
        initial final state Locked;
        state Unlocked;
        input coin();
        Unlocked + coin => Locked;
    }
}

fn main() {}
