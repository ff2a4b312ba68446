// A machine with a history target has `history(compound)`: an input may not be named so.
use automat_rs::machine;

machine! {
    pub machine Player {
        initial state Off;
        state On {
            initial state Playing;
            state Paused;
        }
        input power();
        input pause();
        input history();
        Off + power => On.history;
        On + power => Off;
        Playing + pause => Paused;
        Paused + history => Playing;
    }
}

fn main() {}
