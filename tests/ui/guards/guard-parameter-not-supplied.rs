automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        guard enough(amount: u32);
        Locked + coin [enough] => Unlocked;
        Unlocked + push => Locked;
    }
}

fn main() {}
