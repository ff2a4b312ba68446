// Mistake: an entry action written as a call
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked { entry lock(); }
        //                         ^
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
