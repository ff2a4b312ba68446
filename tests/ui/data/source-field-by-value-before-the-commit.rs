pub struct Connection;
pub struct Error;

automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { conn: Connection }
        input opened(conn: Connection);
        input close();
        output flush(conn: Connection) -> Result<(), Error>;
        Idle + opened => Connected;
        Connected + close => Idle / flush?;
    }
}

fn main() {}
