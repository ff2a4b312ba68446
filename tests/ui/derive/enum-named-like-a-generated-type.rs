#[derive(automat_rs::Machine)]
#[machine(
    machine Turnstile {
        input coin();
        input push();
        Locked + coin => Unlocked;
        Unlocked + push => Locked;
    }
)]
enum TurnstileState {
    #[machine(initial)]
    Locked,
    Unlocked,
}

fn main() {}
