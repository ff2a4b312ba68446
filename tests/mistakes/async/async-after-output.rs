// Mistake: `output async` instead of `async output`
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected;
        input connect();
        input drop();
        output async dial();
        //     ^
        Idle + connect => Connected / dial;
        Connected + drop => Idle;
    }
}

fn main() {}
