// Mistake: a queue capacity written as a string
automat_rs::machine! {
    #[raise(capacity = "4")]
    //                 ^
    machine Client {
        initial state Idle;
        state Connected;
        input connect();
        input drop();
        output dial(raise: Raise);
        Idle + connect => Connected / dial;
        Connected + drop => Idle;
    }
}

fn main() {}
