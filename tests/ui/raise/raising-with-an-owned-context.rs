struct Socket;

automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected;
        context socket: Socket;
        input connect();
        input drop();
        output dial(raise: Raise);
        Idle + connect => Connected / dial;
        Connected + drop => Idle;
    }
}

fn main() {}
