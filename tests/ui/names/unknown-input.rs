automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin();
        input push();
        Locked + coin => Unlocked;
        Unlocked + psuh => Locked;
    }
}

fn main() {}
