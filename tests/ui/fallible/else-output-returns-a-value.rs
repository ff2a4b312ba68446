automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        state Brewing;
        state Jammed;
        input brew();
        input done();
        output heat() -> Result<(), String>;
        output report() -> u32;
        Ready + brew => Brewing / heat? else Jammed / report;
        Brewing | Jammed + done => Ready;
    }
}

fn main() {}
