//! The typed workload: the small workload's player driven through its typestate API
//! (`#[typestate]`) along a fixed cycle of accepted inputs (play, tick, tick, pause, play, seek,
//! tick, tick, stop: `Stopped` → `Buffering` → `Playing` → `Playing` → `Paused` → `Playing` →
//! `Seeking` → `Buffering` → `Playing` → `Stopped`), next to the same calls on the dynamic
//! machine and a hand-written `match`. The driver's input values are ignored: each
//! implementation runs as many inputs of the cycle as it is given. Typed code knows its state at
//! compile time, so there is no branch on the input to mispredict in any of them.

use crate::Outcome;

automat_rs::machine! {
    /// The media player of the small workload, with its typestate API.
    #[typestate]
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

/// The cycle's length in inputs.
pub const CYCLE: usize = 9;

/// The implementations, by name.
pub const MACHINES: &[crate::Implementation] = &[
    ("match", run_machine_matched),
    ("automat-rs methods", run_machine_dynamic),
    ("automat-rs typestate", run_machine_typed),
];

/// How many whole cycles `inputs` stands for.
fn cycles(inputs: &[u8]) -> usize {
    inputs.len() / CYCLE
}

/// Through the typed machine: each call's state is known at compile time.
#[inline(never)]
#[must_use]
pub fn run_machine_typed(inputs: &[u8]) -> Outcome {
    let mut stopped = PlayerAt::new(Counter::default());
    for _ in 0..cycles(inputs) {
        let playing = stopped.play().tick().tick();
        let playing = playing.pause().play();
        stopped = playing.seek().tick().tick().stop();
        stopped = std::hint::black_box(stopped);
    }
    Outcome {
        state: stopped.state() as usize,
        outputs: stopped.core().0,
        refused: 0,
    }
}

/// The same calls on the dynamic machine.
#[inline(never)]
#[must_use]
pub fn run_machine_dynamic(inputs: &[u8]) -> Outcome {
    let mut player = Player::new(Counter::default());
    let mut refused = 0;
    for _ in 0..cycles(inputs) {
        let results = [
            player.play().is_ok(),
            player.tick().is_ok(),
            player.tick().is_ok(),
            player.pause().is_ok(),
            player.play().is_ok(),
            player.seek().is_ok(),
            player.tick().is_ok(),
            player.tick().is_ok(),
            player.stop().is_ok(),
        ];
        refused += results.iter().filter(|&&ok| !ok).count() as u64;
        player = std::hint::black_box(player);
    }
    Outcome {
        state: player.state() as usize,
        outputs: player.core().0,
        refused,
    }
}

/// The same sequence through the small workload's hand-written `match`.
#[inline(never)]
#[must_use]
pub fn run_machine_matched(inputs: &[u8]) -> Outcome {
    use crate::small::matched::Input as I;
    let mut machine = crate::small::matched::Machine::new();
    let mut refused = 0;
    for _ in 0..cycles(inputs) {
        for input in [
            I::Play,
            I::Tick,
            I::Tick,
            I::Pause,
            I::Play,
            I::Seek,
            I::Tick,
            I::Tick,
            I::Stop,
        ] {
            refused += u64::from(!machine.handle(input));
        }
        machine = std::hint::black_box(machine);
    }
    Outcome {
        state: machine.state_index(),
        outputs: machine.outputs(),
        refused,
    }
}
