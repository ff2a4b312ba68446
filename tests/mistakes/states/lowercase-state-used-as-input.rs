// Mistake: a state name used where the input goes
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + Unlocked => Unlocked / unlock;
        //       ^
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
