#[derive(automat_rs::Machine)]
#[machine(
    machine Turnstile {
        input coin(coins: u32);
        input push();
        Locked + coin => Unlocked;
        Unlocked + push => Locked;
    }
)]
enum Gate {
    #[machine(initial)]
    Locked,
    Unlocked(#[machine(nmae = coins)] u32),
}

fn main() {}
