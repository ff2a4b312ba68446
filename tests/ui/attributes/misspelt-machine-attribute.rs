// A misspelling of one of the macro's machine attributes is named as such (it would otherwise
// reach the machine type as an attribute nobody knows).
automat_rs::machine! {
    #[derive_inputs(Debug)]
    machine Lamp {
        initial state Off;
        state On;
        input press();
        Off + press => On;
        On + press => Off;
    }
}

fn main() {}
