// Mistake: an expression as a binding's value
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { port: u16, retries: u32 }
        input open(port: u16);
        input close();
        Idle + open => Connected { retries = 3 + 1 };
        //                                   ^
        Connected + close => Idle;
    }
}

const RETRIES: u32 = 3;

fn main() {}
