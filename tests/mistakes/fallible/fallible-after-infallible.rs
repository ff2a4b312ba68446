// Mistake: a fallible output listed after an infallible one
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        output charge(cents: u32) -> Result<(), String>;
        Locked + coin => Unlocked / unlock, charge?;
        //                                  ^
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
