// Mistake: an output parameter typed unlike the input's argument
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u64);
        //                   ^
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
