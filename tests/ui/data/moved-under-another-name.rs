automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { retries: u32 }
        input opened(count: u32);
        input close();
        output log(count: u32);
        Idle + opened => Connected { retries = count } / log;
        Connected + close => Idle;
    }
}

fn main() {}
