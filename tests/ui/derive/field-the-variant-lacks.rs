#[derive(automat_rs::Machine)]
#[machine(
    machine Turnstile {
        input coin(coins: u32);
        input push();
        output count() -> u32;
        Locked + coin => Unlocked;
        Unlocked + push => Locked { coins = count };
    }
)]
enum Gate {
    #[machine(initial)]
    Locked,
    Unlocked { coins: u32 },
}

fn main() {}
