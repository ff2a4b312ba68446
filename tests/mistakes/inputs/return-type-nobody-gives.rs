// Mistake: an input return type no output provides
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32) -> u32;
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
     // ^
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
