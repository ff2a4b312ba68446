// Mistake: no state marked `initial`
automat_rs::machine! {
    machine Turnstile {
        state Locked;
        //    ^
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
