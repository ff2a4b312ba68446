// Mistake: an output taking `String` for a `&str` argument
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32, note: &str);
        input push();
        output unlock(cents: u32, note: String);
        //                              ^
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
