// Mistake: two outputs that could give the input's return value
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32) -> u32;
        input push();
        output unlock(cents: u32) -> u32;
        output count() -> u32;
        output lock();
        Locked + coin => Unlocked / unlock, count;
        //                                  ^
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
