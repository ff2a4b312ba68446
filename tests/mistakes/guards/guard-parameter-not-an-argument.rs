// Mistake: a guard parameter the input does not have
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        guard enough(amount: u32);
        Locked + coin [enough] => Unlocked / unlock;
        //             ^
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
