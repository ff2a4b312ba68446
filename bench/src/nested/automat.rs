//! The nested workload declared with automat-rs' compound states, fed through `handle`.

use super::matched::Input;

automat_rs::machine! {
    /// The dishwasher.
    pub machine Washer {
        initial state Off { entry bump; exit bump; }
        state On {
            entry bump; exit bump;
            initial state Idle { entry bump; exit bump; }
            state Washing {
                entry bump; exit bump;
                initial state Rinse { entry bump; exit bump; }
                state Soak { entry bump; exit bump; }
            }
            state Drying { entry bump; exit bump; }
        }
        state DoorOpen { entry bump; exit bump; }
        input power();
        input start();
        input timer();
        input open();
        input close();
        output bump();
        Off + power => On / bump;
        On + power => Off / bump;
        Idle + start => Washing / bump;
        Rinse + timer => Soak / bump;
        Soak + timer => Drying / bump;
        Drying + timer => Idle / bump;
        On + open => DoorOpen / bump;
        DoorOpen + close => On.history* / bump;
    }
}

/// The core: outputs and actions run.
#[derive(Default)]
pub struct Counter(pub u64);

impl WasherOutputs for Counter {
    #[inline]
    fn bump(&mut self) {
        self.0 += 1;
    }
}

/// The generated machine behind the uniform driver.
pub struct Machine(pub Washer<Counter>);

impl crate::Drive for Machine {
    fn start() -> Self {
        Self(Washer::new(Counter::default()))
    }

    #[inline]
    fn feed(&mut self, k: u8) -> bool {
        let input = match Input::of(k) {
            Input::Power => WasherInput::Power,
            Input::Start => WasherInput::Start,
            Input::Timer => WasherInput::Timer,
            Input::Open => WasherInput::Open,
            Input::Close => WasherInput::Close,
        };
        self.0.handle(input).is_ok()
    }

    fn state_index(&self) -> usize {
        self.0.state() as usize
    }

    fn outputs(&self) -> u64 {
        self.0.core().0
    }
}

/// The generated machine driven through its typed input methods, one call site per input (as
/// code that knows which input it has calls them).
pub struct Typed(pub Washer<Counter>);

impl crate::Drive for Typed {
    fn start() -> Self {
        Self(Washer::new(Counter::default()))
    }

    #[inline]
    fn feed(&mut self, k: u8) -> bool {
        match Input::of(k) {
            Input::Power => self.0.power().is_ok(),
            Input::Start => self.0.start().is_ok(),
            Input::Timer => self.0.timer().is_ok(),
            Input::Open => self.0.open().is_ok(),
            Input::Close => self.0.close().is_ok(),
        }
    }

    fn state_index(&self) -> usize {
        self.0.state() as usize
    }

    fn outputs(&self) -> u64 {
        self.0.core().0
    }
}
