automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        guard enough(cents: u32);
        Locked + coin [enough & cents > 50] => Unlocked;
        Unlocked + push => Locked;
    }
}

fn main() {}
