// The machine is declared on the enum that holds this one, not on the enum of a compound's
// states.
#[derive(automat_rs::States)]
#[machine(machine Player { input play(); })]
enum ActiveStates {
    #[machine(initial)]
    Playing,
    Paused,
}

fn main() {}
