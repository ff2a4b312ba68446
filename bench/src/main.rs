//! Drives the same small machine, implemented three ways, with the same pseudo-random inputs, and
//! prints what it ended with (for the cross-check). `bench/run.sh` runs each under callgrind.
//!
//! The machine (a media player: 6 states, 5 inputs) follows the small workload of the dispatch
//! benchmark: some inputs are invalid in some states (refused, state unchanged, counted), and every
//! transition runs one output that bumps a counter in the core.
//!
//! usage: automat-bench <generated|observed|handwritten> <inputs>

use std::hint::black_box;

automat_rs::machine! {
    /// The media player of the small workload.
    pub machine Player {
        initial state Stopped;
        state Buffering;
        state Playing;
        state Paused;
        state Seeking;
        state Ended;
        input play();
        input pause();
        input stop();
        input seek();
        input tick();
        output count();
        Stopped   + play  => Buffering / count;
        Buffering + tick  => Playing   / count;
        Playing   + tick  => Playing   / count;
        Playing   + pause => Paused    / count;
        Paused    + play  => Playing   / count;
        Playing   + seek  => Seeking   / count;
        Paused    + seek  => Seeking   / count;
        Seeking   + tick  => Buffering / count;
        Seeking   + stop  => Ended     / count;
        Ended     + play  => Buffering / count;
        _         + stop  => Stopped   / count;
    }
}

/// The core: counts the outputs run.
#[derive(Default)]
pub struct Counter(u64);

impl PlayerOutputs for Counter {
    #[inline]
    fn count(&mut self) {
        self.0 += 1;
    }
}

/// An observer that watches but does nothing, to be sure an attached one is not free to build.
#[derive(Default)]
pub struct Tally(u64);

impl automat_rs::Observer<PlayerState> for Tally {
    #[inline]
    fn transition(&mut self, _: PlayerState, _: usize, _: PlayerState) {
        self.0 += 1;
    }
}

/// The same machine as a careful engineer would write it by hand: an enum and a `match`.
mod handwritten {
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub enum State {
        Stopped,
        Buffering,
        Playing,
        Paused,
        Seeking,
        Ended,
    }

    #[derive(Clone, Copy)]
    pub enum Input {
        Play,
        Pause,
        Stop,
        Seek,
        Tick,
    }

    pub struct Player {
        pub state: State,
        pub outputs: u64,
    }

    impl Player {
        #[inline]
        pub fn handle(&mut self, input: Input) -> Result<(), ()> {
            use Input::*;
            use State::*;
            let next = match (self.state, input) {
                (Stopped, Play) => Buffering,
                (Buffering, Tick) => Playing,
                (Playing, Tick) => Playing,
                (Playing, Pause) => Paused,
                (Paused, Play) => Playing,
                (Playing, Seek) => Seeking,
                (Paused, Seek) => Seeking,
                (Seeking, Tick) => Buffering,
                (Seeking, Stop) => Ended,
                (Ended, Play) => Buffering,
                (_, Stop) => Stopped,
                _ => return Err(()),
            };
            self.state = next;
            self.outputs += 1;
            Ok(())
        }
    }
}

/// xorshift64: a fixed pseudo-random sequence of input indices in `0..5`.
struct Inputs(u64);

impl Iterator for Inputs {
    type Item = u8;
    #[inline]
    fn next(&mut self) -> Option<u8> {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        #[allow(clippy::cast_possible_truncation)]
        Some((self.0 % 5) as u8)
    }
}

/// Drives any of the generated forms through their typed input methods.
macro_rules! drive {
    ($player:expr, $n:expr) => {{
        let mut player = $player;
        let mut refused = 0;
        for k in Inputs(0x9E37_79B9_7F4A_7C15).take($n) {
            let result = match black_box(k) {
                0 => player.play(),
                1 => player.pause(),
                2 => player.stop(),
                3 => player.seek(),
                _ => player.tick(),
            };
            refused += u64::from(result.is_err());
        }
        (player.state().name().to_owned(), player.core().0, refused)
    }};
}

fn run_handwritten(n: usize) -> (String, u64, u64) {
    use handwritten::Input;
    let mut player = handwritten::Player {
        state: handwritten::State::Stopped,
        outputs: 0,
    };
    let mut refused = 0;
    for k in Inputs(0x9E37_79B9_7F4A_7C15).take(n) {
        let input = match black_box(k) {
            0 => Input::Play,
            1 => Input::Pause,
            2 => Input::Stop,
            3 => Input::Seek,
            _ => Input::Tick,
        };
        refused += u64::from(player.handle(input).is_err());
    }
    (format!("{:?}", player.state), player.outputs, refused)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_default();
    let n: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000_000);
    let (state, outputs, refused) = match which.as_str() {
        "generated" => drive!(Player::new(Counter::default()), n),
        "observed" => drive!(Player::new(Counter::default()).observe(Tally::default()), n),
        "handwritten" => run_handwritten(n),
        _ => {
            eprintln!("usage: automat-bench <generated|observed|handwritten> <inputs>");
            std::process::exit(2);
        }
    };
    println!("{which}: {n} inputs, final state {state}, {outputs} outputs, {refused} refused");
}
