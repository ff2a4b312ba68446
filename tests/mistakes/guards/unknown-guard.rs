// Mistake: a condition naming a misspelt guard
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        guard enough(cents: u32);
        Locked + coin [enuogh] => Unlocked / unlock;
        //             ^
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
