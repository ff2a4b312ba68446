automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        final state Unlocked;
        final state Broken;
        input coin();
        input kick();
        Locked + coin => Unlocked;
        _ + kick => Broken;
        _ + kick => Locked;
    }
}

fn main() {}
