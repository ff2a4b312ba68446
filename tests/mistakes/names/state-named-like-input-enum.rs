// Mistake: a state and an input whose generated names collide
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        input unlocked();
        //    ^
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + push | unlocked => Locked / lock;
    }
}

fn main() {}
