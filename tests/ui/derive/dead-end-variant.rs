#[derive(automat_rs::Machine)]
#[machine(
    machine Turnstile {
        input coin();
        Locked + coin => Unlocked;
    }
)]
enum Gate {
    #[machine(initial)]
    Locked,
    Unlocked,
}

fn main() {}
