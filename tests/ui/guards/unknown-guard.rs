automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        state Brewing;
        input brew();
        input done();
        guard has_water();
        Ready + brew [has_watr] => Brewing;
        Brewing + done => Ready;
    }
}

fn main() {}
