// Mistake: two contexts
automat_rs::machine! {
    machine Meter {
        context cx: &mut Ledger;
        context db: &mut Ledger;
     // ^
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
