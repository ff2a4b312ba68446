automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { retries: u32, retries: u8 }
        input opened(retries: u32);
        input close();
        Idle + opened => Connected;
        Connected + close => Idle;
    }
}

fn main() {}
