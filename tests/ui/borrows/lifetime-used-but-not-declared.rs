pub struct Frame<'a>(pub &'a [u8]);

automat_rs::machine! {
    machine Receiver {
        initial state Idle;
        state Reading;
        input recv(frame: &'a Frame<'a>);
        input done();
        Idle + recv => Reading;
        Reading + done => Idle;
    }
}

fn main() {}
