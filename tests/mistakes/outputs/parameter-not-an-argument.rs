// Mistake: an output parameter the input does not have
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(amount: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        //                          ^
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
