automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        state Brewing;
        input brew() -> Cup;
        input done();
        output heat() -> Cup;
        Ready + brew => Brewing / heat?;
        Brewing + done => Ready;
    }
}

pub struct Cup;

fn main() {}
