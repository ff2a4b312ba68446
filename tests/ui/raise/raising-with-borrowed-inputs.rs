automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected;
        input connect(host: &str);
        input drop();
        output dial(raise: Raise);
        Idle + connect => Connected / dial;
        Connected + drop => Idle;
    }
}

fn main() {}
