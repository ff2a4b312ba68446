use automat_rs::journal::Journal;

automat_rs::machine! {
    #[derive_input(Clone)]
    machine Receiver {
        initial state Idle;
        state Reading;
        input recv(name: &str);
        input done();
        Idle + recv => Reading;
        Reading + done => Idle;
    }
}

fn main() {
    let mut receiver = Receiver::new(());
    let mut journal = Journal::new();
    let name = String::from("frame");
    let _ = journal.record(&mut receiver, ReceiverInput::Recv { name: &name });
}
