automat_rs::machine! {
    machine Receiver {
        initial state Idle;
        state Reading;
        input recv() -> &str;
        input done();
        output name() -> &str;
        Idle + recv => Reading / name;
        Reading + done => Idle;
    }
}

fn main() {}
