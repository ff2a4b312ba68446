automat_rs::machine! {
    #[serde]
    machine Receiver {
        initial state Idle;
        state Reading;
        input recv(name: &str);
        input done();
        Idle + recv => Reading;
        Reading + done => Idle;
    }
}

fn main() {}
