// Mistake: an entry action naming no declared output
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked { entry beep; }
        //                     ^
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
