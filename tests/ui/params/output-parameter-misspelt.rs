automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        final state Unlocked;
        input coin(cents: u32);
        output count(cent: u32);
        Locked + coin => Unlocked / count;
    }
}

fn main() {}
