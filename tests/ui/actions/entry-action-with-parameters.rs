automat_rs::machine! {
    machine Heater {
        initial state Off;
        state On { entry power_on; }
        input flip(level: u8);
        output power_on(level: u8);
        Off + flip => On;
        On + flip => Off;
    }
}

fn main() {}
