// Mistake: a guard written with `if` instead of brackets
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        guard enough(cents: u32);
        Locked + coin if enough => Unlocked / unlock;
        //            ^
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
