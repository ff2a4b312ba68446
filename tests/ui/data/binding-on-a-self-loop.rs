automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { retries: u32 }
        input opened(retries: u32);
        input again();
        input close();
        output zero() -> u32;
        Idle + opened => Connected;
        Connected + again => _ { retries = zero };
        Connected + close => Idle;
    }
}

fn main() {}
