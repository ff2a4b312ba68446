// Mistake: an entry action whose output takes an argument
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked { entry unlock; }
        //                     ^
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked;
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
