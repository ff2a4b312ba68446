automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Waiting { retries: u32 }
        state Connected { retries: u32 }
        input wait();
        input opened(retries: u32);
        input close();
        output zero() -> u32;
        Idle + wait => Waiting { retries = zero };
        Waiting + opened => Connected;
        Connected + close => Idle;
    }
}

fn main() {}
