automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        final state Unlocked;
        final state Broken;
        input coin();
        Locked + coin => Unlocked;
        Locked + coin => Broken;
    }
}

fn main() {}
