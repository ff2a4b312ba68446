automat_rs::machine! {
    machine Turnstile {
        state Locked;
        state Unlocked;
        input coin();
        Locked + coin => Unlocked;
    }
}

fn main() {}
