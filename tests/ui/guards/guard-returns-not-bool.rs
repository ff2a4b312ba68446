automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        state Brewing;
        input brew();
        input done();
        guard water_level() -> u8;
        Ready + brew [water_level] => Brewing;
        Brewing + done => Ready;
    }
}

fn main() {}
