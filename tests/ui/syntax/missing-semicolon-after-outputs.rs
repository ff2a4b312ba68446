automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin();
        output unlock();
        output beep();
        Locked + coin => Unlocked / unlock beep;
    }
}

fn main() {}
