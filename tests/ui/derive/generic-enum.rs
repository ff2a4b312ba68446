#[derive(automat_rs::Machine)]
#[machine(
    machine Turnstile {
        input coin();
        input push();
        Locked + coin => Unlocked;
        Unlocked + push => Locked;
    }
)]
enum Gate<T> {
    #[machine(initial)]
    Locked,
    Unlocked { by: T },
}

fn main() {}
