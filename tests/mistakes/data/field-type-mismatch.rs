// Mistake: a field typed unlike the input argument of the same name
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { port: u32, retries: u32 }
        //                      ^
        input open(port: u16);
        input close();
        Idle + open => Connected { retries = RETRIES };
        Connected + close => Idle;
    }
}

const RETRIES: u32 = 3;

fn main() {}
