automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected;
        input connect();
        input drop();
        guard up(raise: Raise);
        output dial(raise: Raise);
        Idle + connect [up] => Connected / dial;
        Connected + drop => Idle;
    }
}

fn main() {}
