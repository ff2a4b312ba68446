automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin();
        Locked + coin => Open;
    }
}

fn main() {}
