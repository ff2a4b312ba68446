automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        state Locked;
        input coin();
        Locked + coin => Unlocked;
    }
}

fn main() {}
