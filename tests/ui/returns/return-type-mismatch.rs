// The output returns a `Tea` where the input promises a `Cup`: rustc's error lands on the output
// in the transition.
pub struct Cup;
pub struct Tea;

automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        final state Brewing;
        input brew() -> Cup;
        output heat() -> Tea;
        Ready + brew => Brewing / heat;
    }
}

fn main() {}
