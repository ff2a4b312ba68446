// Mistake: a context named `self`
automat_rs::machine! {
    machine Meter {
        context self: &mut Ledger;
        //      ^
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
