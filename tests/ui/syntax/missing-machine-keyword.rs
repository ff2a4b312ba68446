automat_rs::machine! {
    pub struct Turnstile {
        initial state Locked;
    }
}

fn main() {}
