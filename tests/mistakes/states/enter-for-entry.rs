// Mistake: `enter` for `entry` in a state's block
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked { enter lock; }
        //               ^
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
