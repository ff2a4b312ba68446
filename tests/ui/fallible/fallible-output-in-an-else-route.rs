automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        state Brewing;
        state Jammed;
        input brew();
        input done();
        output heat() -> Result<(), String>;
        output retry() -> Result<(), String>;
        Ready + brew => Brewing / heat? else Jammed / retry?;
        Brewing | Jammed + done => Ready;
    }
}

fn main() {}
