#[derive(automat_rs::Machine)]
#[machine(
    machine Turnstile {
        state Jammed;
        input coin();
        input push();
        Locked + coin => Unlocked;
        Unlocked + push => Locked;
    }
)]
enum Gate {
    #[machine(initial)]
    Locked,
    Unlocked,
}

fn main() {}
