// A compound variant that holds `Self` instead of the enum of its states: the derive says what
// to write (rustc's own "infinite size" error follows for the enum as written).
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
    Active(Self),
}

fn main() {}
