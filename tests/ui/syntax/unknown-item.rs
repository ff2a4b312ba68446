automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        inptu coin();
        Locked + coin => Unlocked;
    }
}

fn main() {}
