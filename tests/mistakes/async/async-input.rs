// Mistake: an `async` input
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected;
        input connect();
        async input drop();
     // ^
        output dial();
        Idle + connect => Connected / dial;
        Connected + drop => Idle;
    }
}

fn main() {}
