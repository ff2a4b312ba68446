// Mistake: `unbound` for `unbounded`
automat_rs::machine! {
    #[raise(unbound)]
    //      ^
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
