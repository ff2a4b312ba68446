// Two outputs take the same argument by value: the first gets a clone, so it must be `Clone`;
// rustc says so on the output's parameter.
pub struct Ticket;

automat_rs::machine! {
    machine Gate {
        initial state Closed;
        final state Open;
        input show(ticket: Ticket);
        output check(ticket: Ticket);
        output keep(ticket: Ticket);
        Closed + show => Open / check, keep;
    }
}

fn main() {}
