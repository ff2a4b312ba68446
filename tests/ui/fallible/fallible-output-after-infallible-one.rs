automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        state Brewing;
        input brew();
        input done();
        output log();
        output heat() -> Result<(), String>;
        Ready + brew => Brewing / log, heat?;
        Brewing + done => Ready;
    }
}

fn main() {}
