// `#[serialised]` on a state: the attribute it misspells.
automat_rs::machine! {
    machine Lamp {
        initial state Off;
        #[serialised = "on"]
        state On;
        input press();
        Off + press => On;
        On + press => Off;
    }
}

fn main() {}
