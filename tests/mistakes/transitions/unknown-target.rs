// Mistake: a transition to a misspelt state
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlokced / unlock;
        //               ^
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
