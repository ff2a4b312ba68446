// The enum a compound variant holds must derive `States`: the machine's derive asks it for its
// variants by calling the macro of its name, which is then missing (rustc says so, and that
// `ActiveStates` is an enum, not a macro).
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

enum ActiveStates {
    Playing,
    Paused,
}

fn main() {}
