automat_rs::machine! {
    machine Washer {
        initial state Off;
        state On {
            initial state Idle;
            state Washing { cycles: u32 }
        }
        state DoorOpen;
        input power();
        input start(cycles: u32);
        input open();
        input close();
        Off + power => On;
        Idle + start => Washing;
        On + open => DoorOpen;
        DoorOpen + close => On.history*;
    }
}

fn main() {}
