automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        state Brewing;
        input brew();
        input done();
        output heat() -> Result<(), String>;
        output complain(error: &String);
        Ready + brew => Brewing / heat?, complain;
        Brewing + done => Ready;
    }
}

fn main() {}
