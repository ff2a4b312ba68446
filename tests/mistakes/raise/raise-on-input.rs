// Mistake: `raise: Raise` declared on an input
automat_rs::machine! {
    #[raise(capacity = 4)]
    machine Client {
        initial state Idle;
        state Connected;
        input connect();
        input drop(raise: Raise);
        //         ^
        output dial(raise: Raise);
        Idle + connect => Connected / dial;
        Connected + drop => Idle;
    }
}

fn main() {}
