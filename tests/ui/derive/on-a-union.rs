#[derive(automat_rs::Machine)]
#[machine(
    machine Turnstile {
        input coin();
        input push();
        Locked + coin => Unlocked;
        Unlocked + push => Locked;
    }
)]
union Turnstile {
    locked: u8,
}

fn main() {}
