// An input named like a method of the observed form (`observer`, `observer_mut`, `unobserve`)
// is one error on the input's name, not a clash inside the generated code.
use automat_rs::machine;

machine! {
    pub machine Probe {
        initial state Idle;
        state Watching;
        input observer();
        input stop();
        Idle + observer => Watching;
        Watching + stop => Idle;
    }
}

fn main() {}
