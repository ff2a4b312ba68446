// Mistake: a final state listed as a source
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        final state Broken;
        input coin(cents: u32);
        input push();
        input kick();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked | Broken + push => Locked / lock;
        //         ^
        Locked + kick => Broken;
    }
}

fn main() {}
