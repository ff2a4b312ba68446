automat_rs::machine! {
    machine Receiver {
        initial state Idle;
        state Reading;
        input recv<T>(frame: T);
        input done();
        Idle + recv => Reading;
        Reading + done => Idle;
    }
}

fn main() {}
