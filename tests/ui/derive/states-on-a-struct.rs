#[derive(automat_rs::States)]
struct ActiveStates {
    playing: bool,
}

fn main() {}
