// Mistake: an input named like the generated `state()` method
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input state();
        //    ^
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + state => Locked / lock;
    }
}

fn main() {}
