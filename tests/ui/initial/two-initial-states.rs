automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        initial state Unlocked;
        input coin();
        Locked + coin => Unlocked;
    }
}

fn main() {}
