// rustc's own errors follow ours: an enum that holds itself without indirection is no Rust type
// either. The derive reports the cycle instead of following it forever.
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
    Active(ActiveStates),
}

#[derive(automat_rs::States)]
enum ActiveStates {
    #[machine(initial)]
    Playing,
    #[machine(compound)]
    Again(ActiveStates),
}

fn main() {}
