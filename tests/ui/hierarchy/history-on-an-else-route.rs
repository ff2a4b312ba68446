automat_rs::machine! {
    machine Washer {
        initial state Off;
        state On {
            initial state Idle;
            state Washing;
        }
        state DoorOpen;
        input power();
        input start();
        input open();
        input close();
        output lock() -> Result<(), ()>;
        Off + power => On;
        Idle + start => Washing;
        On + open => DoorOpen;
        DoorOpen + close => On / lock? else On.history;
    }
}

fn main() {}
