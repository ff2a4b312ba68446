#[derive(automat_rs::Machine)]
#[machine(
    #[serde]
    machine Turnstile {
        input coin(_0: u32);
        input push();
        Locked + coin => Unlocked;
        Unlocked + push => Locked;
    }
)]
enum Gate {
    #[machine(initial)]
    Locked,
    Unlocked(u32),
}

fn main() {}
