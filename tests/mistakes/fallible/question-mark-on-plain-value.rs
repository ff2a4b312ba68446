// Mistake: `?` on an output returning a plain value
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        output count() -> u32;
        Locked + coin => Unlocked / unlock, count?;
        //                                       ^
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
