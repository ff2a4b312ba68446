// Mistake: state data written as a tuple
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected(u16, u32);
        //             ^
        input open(port: u16);
        input close();
        output fresh() -> u32;
        Idle + open => Connected { retries = fresh };
        Connected + close => Idle;
    }
}

fn main() {}
