automat_rs::machine! {
    machine Washer {
        initial state Off;
        state Working {
            initial state Idle;
            state Washing;
        }
        state DoorOpen;
        input power();
        input start();
        input open();
        input close();
        Off + power => Working;
        Idle + start => Washing;
        Working + open => DoorOpen;
        DoorOpen + close => Workin.history;
    }
}

fn main() {}
