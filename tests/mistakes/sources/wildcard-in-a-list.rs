// Mistake: `_` mixed into a list of sources
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        _ | Unlocked + push => Locked / lock;
     // ^
    }
}

fn main() {}
