// A parameter's type with a `+` at the top: the machine passes parameters by reference, where
// Rust takes `A + B` only in parentheses, so the macro says so instead of writing code that
// does not parse.
automat_rs::machine! {
    machine Kettle {
        initial state Cold;
        final state Hot;
        input boil(grams: u32);
        guard enough(grams: u32 +);
        Cold + boil [enough] => Hot;
    }
}

fn main() {}
