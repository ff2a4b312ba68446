//! Blinky declared with automat-rs' compound states, fed through `handle`.

automat_rs::machine! {
    /// statig's blinky.
    pub machine Blinky {
        initial state Blinking {
            initial state LedOn;
            state LedOff;
        }
        state NotBlinking;
        input timer();
        input button();
        output count();
        LedOn + timer => LedOff / count;
        LedOff + timer => LedOn / count;
        Blinking + button => NotBlinking / count;
        NotBlinking + button => Blinking / count;
    }
}

/// The core: outputs run.
#[derive(Default)]
pub struct Counter(pub u64);

impl BlinkyOutputs for Counter {
    #[inline]
    fn count(&mut self) {
        self.0 += 1;
    }
}

/// The generated machine behind the uniform driver.
pub struct Machine(pub Blinky<Counter>);

impl crate::Drive for Machine {
    fn start() -> Self {
        Self(Blinky::new(Counter::default()))
    }

    #[inline]
    fn feed(&mut self, k: u8) -> bool {
        let input = if k == 0 {
            BlinkyInput::Timer
        } else {
            BlinkyInput::Button
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

/// The generated machine driven through its typed input methods, one call site per input.
pub struct Typed(pub Blinky<Counter>);

impl crate::Drive for Typed {
    fn start() -> Self {
        Self(Blinky::new(Counter::default()))
    }

    #[inline]
    fn feed(&mut self, k: u8) -> bool {
        if k == 0 {
            self.0.timer().is_ok()
        } else {
            self.0.button().is_ok()
        }
    }

    fn state_index(&self) -> usize {
        self.0.state() as usize
    }

    fn outputs(&self) -> u64 {
        self.0.core().0
    }
}
