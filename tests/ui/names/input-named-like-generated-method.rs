automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin();
        input state();
        Locked + coin => Unlocked;
        Unlocked + state => Locked;
    }
}

fn main() {}
