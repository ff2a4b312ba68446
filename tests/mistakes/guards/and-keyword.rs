// Mistake: `and` instead of `&&` in a condition
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        guard enough(cents: u32);
        guard open();
        Locked + coin [enough and open] => Unlocked / unlock;
        //                    ^
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
