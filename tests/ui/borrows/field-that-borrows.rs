automat_rs::machine! {
    machine Receiver {
        initial state Idle;
        state Reading { name: &str }
        input recv(name: &str);
        input done();
        Idle + recv => Reading;
        Reading + done => Idle;
    }
}

fn main() {}
