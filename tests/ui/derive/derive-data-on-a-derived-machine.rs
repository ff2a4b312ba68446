#[derive(automat_rs::Machine)]
#[machine(
    #[derive_data(Debug)]
    machine Turnstile {
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
