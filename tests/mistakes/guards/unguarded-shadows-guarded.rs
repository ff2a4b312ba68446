// Mistake: an unguarded transition before a guarded one on the same input
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        guard enough(cents: u32);
        Locked + coin => Unlocked / unlock;
        Locked + coin [enough] => Unlocked / unlock;
     // ^
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
