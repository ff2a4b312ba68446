#[derive(automat_rs::Machine)]
#[machine(
    #[serde]
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
    Active(ActiveStates),
}

#[derive(automat_rs::States)]
enum ActiveStates {
    #[machine(initial)]
    Playing,
}

fn main() {}
