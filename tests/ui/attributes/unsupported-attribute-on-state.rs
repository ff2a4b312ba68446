automat_rs::machine! {
    machine Turnstile {
        #[derive(Debug)]
        initial state Locked;
        final state Unlocked;
        input coin();
        Locked + coin => Unlocked;
    }
}

fn main() {}
