// Mistake: a field typed unlike the input argument of the same name
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { port: u32, retries: u32 }
        //                      ^
        input open(port: u16);
        input close();
        output fresh() -> u32;
        Idle + open => Connected { retries = fresh };
        Connected + close => Idle;
    }
}

fn main() {}
