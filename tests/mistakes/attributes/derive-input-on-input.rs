// Mistake: `#[derive_input]` on an input instead of the machine
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        #[derive_input(Debug)]
       // ^
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
