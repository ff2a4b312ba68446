// Mistake: a field with no value: neither an input argument nor a binding
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { port: u16, retries: u32 }
        input open(port: u16);
        input close();
        Idle + open => Connected;
        //             ^
        Connected + close => Idle;
    }
}

fn main() {}
