#[derive(automat_rs::Machine)]
#[machine(
    machine Turnstile {
        input coin();
        input push();
        Locked + coin => Unlockd;
        Unlocked + push => Locked;
    }
)]
enum Gate {
    #[machine(initial)]
    Locked,
    Unlocked,
}

fn main() {}
