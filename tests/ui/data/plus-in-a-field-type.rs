// A state field's type with a `+` at the top: the machine lends fields by reference, where Rust
// takes `A + B` only in parentheses, so the macro says so on the `+`.
automat_rs::machine! {
    machine Kettle {
        initial state Cold;
        state Hot { grams: u32 + }
        input boil(grams: u32);
        Cold + boil => Hot { grams = grams };
    }
}

fn main() {}
