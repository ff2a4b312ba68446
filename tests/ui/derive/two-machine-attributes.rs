#[derive(automat_rs::Machine)]
#[machine(
    machine Turnstile {
        input coin();
        input push();
        Locked + coin => Unlocked;
        Unlocked + push => Locked;
    }
)]
#[machine(
    machine Other {
        input coin();
    }
)]
enum Gate {
    #[machine(initial)]
    Locked,
    Unlocked,
}

fn main() {}
