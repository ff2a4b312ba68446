pub struct Cup;

automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        final state Brewing;
        input brew() -> Cup;
        output heat() -> Cup;
        output pour() -> Cup;
        Ready + brew => Brewing / heat, pour;
    }
}

fn main() {}
