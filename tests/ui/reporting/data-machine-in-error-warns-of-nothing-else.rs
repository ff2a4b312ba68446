// A machine with data next to an error: the one error, and no "unreachable expression" warning
// from the code the macro keeps in its place.
pub struct Log;

automat_rs::machine! {
    pub machine Meter {
        context log: &mut Log;
        initial state Counting { count: u32; entry opened; }
        final state Closed { total: u32 }
        input tick();
        input close();
        output opened(log: &mut Log, count: &u32);
        output bump(count: &mut u32);
        output total(count: &u32) -> u32;
        Counting + tick => _ / bump;
        Counting + close => Closed { total = total };
    }
}

fn main() {}
