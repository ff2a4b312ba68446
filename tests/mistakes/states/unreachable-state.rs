// Mistake: a state no transition enters
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        state Broken;
        //    ^
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + push => Locked / lock;
        Broken + push => Locked;
    }
}

fn main() {}
