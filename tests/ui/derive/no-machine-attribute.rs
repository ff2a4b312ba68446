#[derive(automat_rs::Machine)]
enum Gate {
    Locked,
    Unlocked,
}

fn main() {}
