automat_rs::machine! {
    machine Client {
        initial state Idle { core: u32 }
        state Connected { core: u32 }
        input opened();
        input close();
        Idle + opened => Connected;
        Connected + close => Idle;
    }
}

fn main() {}
