automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        state Brewing;
        input brew();
        input done();
        guard heat();
        output heat();
        Ready + brew [heat] => Brewing / heat;
        Brewing + done => Ready;
    }
}

fn main() {}
