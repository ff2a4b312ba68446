automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { retries: u32 }
        input opened(retries: u32);
        input data();
        Idle + opened => Connected;
        Connected + data => Idle;
    }
}

fn main() {}
