// Mistake: an output taking the context under a different type
automat_rs::machine! {
    machine Meter {
        context cx: &mut Ledger;
        initial state Idle;
        state Running;
        input start();
        input stop();
        output record(cx: &u32);
        //                ^
        Idle + start => Running / record;
        Running + stop => Idle;
    }
}

struct Ledger;

fn main() {}
