#[derive(automat_rs::Machine)]
#[machine(initial)]
enum Gate {
    Locked,
    Unlocked,
}

fn main() {}
