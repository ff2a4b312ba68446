automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin();
        input push();
        Locked + coin => Unlocked;
        Unlocked + push => Lockd;
    }
}

fn main() {}
