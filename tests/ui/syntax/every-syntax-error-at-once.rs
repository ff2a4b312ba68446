// Parsing recovers at `;`, so both broken items are reported in one build.
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked Twice;
        input coin();
        input push(force);
        Locked + coin => Unlocked;
    }
}

fn main() {}
