// Mistake: `async fn` inside the machine
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected;
        input connect();
        input drop();
        async fn dial();
        //    ^
        Idle + connect => Connected / dial;
        Connected + drop => Idle;
    }
}

fn main() {}
