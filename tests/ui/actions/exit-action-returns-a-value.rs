automat_rs::machine! {
    machine Heater {
        initial state Off;
        state On { exit power_off; }
        input flip();
        output power_off() -> bool;
        Off + flip => On;
        On + flip => Off;
    }
}

fn main() {}
