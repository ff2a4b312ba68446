automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        state Brewing;
        state Empty;
        input brew();
        input done();
        guard has_water();
        Ready + brew [has_water] => Brewing;
        Ready + brew [(has_water)] => Empty;
        Brewing | Empty + done => Ready;
    }
}

fn main() {}
