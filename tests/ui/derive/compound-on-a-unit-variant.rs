// `compound` marks a variant that holds the enum of the states inside it.
#[derive(automat_rs::Machine)]
#[machine(
    machine Player {
        input play();
        input stop();
        Stopped + play => Active;
        Active + stop => Stopped;
    }
)]
enum Deck {
    #[machine(initial)]
    Stopped,
    #[machine(compound)]
    Active,
}

fn main() {}
