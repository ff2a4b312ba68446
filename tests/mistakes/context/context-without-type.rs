// Mistake: a context without its type
automat_rs::machine! {
    machine Meter {
        context cx;
        //        ^
        initial state Idle;
        state Running;
        input start();
        input stop();
        output record();
        Idle + start => Running / record;
        Running + stop => Idle;
    }
}

struct Ledger;

fn main() {}
