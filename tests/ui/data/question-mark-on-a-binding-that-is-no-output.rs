automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { retries: u32 }
        input opened(count: u32);
        input close();
        Idle + opened => Connected { retries = count? };
        Connected + close => Idle;
    }
}

fn main() {}
