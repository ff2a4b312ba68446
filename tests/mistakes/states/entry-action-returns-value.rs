// Mistake: an entry action whose output returns a value
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked { entry count; }
        //                     ^
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        output count() -> u32;
        Locked + coin => Unlocked / unlock;
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
