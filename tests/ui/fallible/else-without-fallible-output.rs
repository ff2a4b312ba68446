automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        state Brewing;
        state Jammed;
        input brew();
        input done();
        output heat();
        Ready + brew => Brewing / heat else Jammed;
        Brewing | Jammed + done => Ready;
    }
}

fn main() {}
