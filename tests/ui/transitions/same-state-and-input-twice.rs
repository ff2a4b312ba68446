automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        state Broken;
        input coin();
        Locked + coin => Unlocked;
        Locked + coin => Broken;
    }
}

fn main() {}
