automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(&mut self);
        Locked + coin => Unlocked;
    }
}

fn main() {}
