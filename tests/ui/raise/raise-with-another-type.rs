automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected;
        input connect();
        input drop();
        output dial(raise: bool);
        Idle + connect => Connected / dial;
        Connected + drop => Idle;
    }
}

fn main() {}
