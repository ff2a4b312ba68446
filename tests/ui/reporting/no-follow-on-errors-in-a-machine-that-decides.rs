// A machine with guards, a fallible output, an `else` route and entry actions has an error; code
// below uses every generated item, including the guards, the failure types and the record. The
// macro still emits them with stub bodies, so the only error is the real one.
automat_rs::machine! {
    machine Brewer {
        initial state Ready { entry light; }
        state Brewing;
        state Jammed;
        input brew(strength: u8) -> u8;
        input done();
        guard strong(strength: u8);
        output light();
        output heat(strength: u8) -> Result<u8, String>;
        Ready + brew [strong] => Brewing / heat? else Jammed;
        Brewing | Jammed + done => Readdy;
    }
}

struct Machine;

impl BrewerOutputs for Machine {
    fn light(&mut self) {}
    fn heat(&mut self, strength: u8) -> Result<u8, String> {
        Ok(strength)
    }
    fn strong(&self, strength: &u8) -> bool {
        *strength > 3
    }
}

fn main() {
    let mut brewer = Brewer::new(Machine);
    let _: Result<u8, automat_rs::StepError<BrewerState, String>> = brewer.brew(5);
    let _: Result<(), automat_rs::StepError<BrewerState>> = brewer.done();
    let _: Result<BrewerReturn, automat_rs::StepError<BrewerState, String>> =
        brewer.handle(BrewerInput::Done);
    let _ = BrewerRecord { input: BrewerInput::Done, to: BrewerState::Ready };
    let _ = Brewer::description();
}
