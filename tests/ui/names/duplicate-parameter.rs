automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        final state Unlocked;
        input coin(value: u32, value: u32);
        Locked + coin => Unlocked;
    }
}

fn main() {}
