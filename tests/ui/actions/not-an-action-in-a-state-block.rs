automat_rs::machine! {
    machine Heater {
        initial state Off;
        state On { enter power_on; }
        input flip();
        output power_on();
        Off + flip => On / power_on;
        On + flip => Off;
    }
}

fn main() {}
