pub struct Cup;

automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        final state Brewing;
        input brew() -> Cup;
        output heat();
        Ready + brew => Brewing / heat;
    }
}

fn main() {}
