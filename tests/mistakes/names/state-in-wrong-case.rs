// Mistake: a state named in lowercase in a transition, where it is declared in CamelCase
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        locked + coin => Unlocked / unlock;
     // ^
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
