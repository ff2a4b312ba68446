automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        state Broken;
        input coin();
        input kick();
        Locked + coin => Unlocked;
        _ + kick => Broken;
        _ + kick => Locked;
    }
}

fn main() {}
