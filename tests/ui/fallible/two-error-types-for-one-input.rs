automat_rs::machine! {
    machine Brewer {
        initial state Ready;
        state Brewing;
        state Pouring;
        input brew();
        input done();
        guard hot();
        output heat() -> Result<(), HeatError>;
        output pump() -> Result<(), PumpError>;
        Ready + brew [hot] => Pouring / pump?;
        Ready + brew => Brewing / heat?;
        Brewing | Pouring + done => Ready;
    }
}

pub struct HeatError;
pub struct PumpError;

fn main() {}
