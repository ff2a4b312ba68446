automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { retries: u32 }
        input opened(retries: u32);
        input close();
        output log(retry: &u32);
        guard busy(retries: u32, peer: u8);
        Idle + opened => Connected / log;
        Connected + close [!busy] => Idle;
    }
}

fn main() {}
