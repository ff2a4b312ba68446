automat_rs::machine! {
    machine Reader<'a> {
        initial state Idle;
        state Reading;
        input recv(name: &'a str);
        input done();
        Idle + recv => Reading;
        Reading + done => Idle;
    }
}

fn main() {}
