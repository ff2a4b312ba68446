// Mistake: a state field borrowing an input's argument
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked { note: &str }
        //                     ^
        input coin(cents: u32, note: &str);
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
