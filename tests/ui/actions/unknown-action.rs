automat_rs::machine! {
    machine Heater {
        initial state Off;
        state On { entry power_of; }
        input flip();
        output power_on();
        Off + flip => On / power_on;
        On + flip => Off;
    }
}

fn main() {}
