automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        state Brewing;
        input brew();
        input done();
        guard has_water();
        guard descaling();
        Ready + brew [has_water] => Brewing;
        Brewing + done => Ready;
    }
}

fn main() {}
