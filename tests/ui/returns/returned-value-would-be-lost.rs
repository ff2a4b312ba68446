pub struct Cup;

automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        final state Brewing;
        input brew();
        output heat() -> Cup;
        Ready + brew => Brewing / heat;
    }
}

fn main() {}
