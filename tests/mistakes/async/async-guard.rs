// Mistake: an `async` guard
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected;
        input connect();
        input drop();
        async guard up();
     // ^
        async output dial();
        Idle + connect [up] => Connected / dial;
        Connected + drop => Idle;
    }
}

fn main() {}
