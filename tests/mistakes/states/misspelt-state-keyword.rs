// Mistake: `stat` for `state`
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        stat Unlocked;
     // ^
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
