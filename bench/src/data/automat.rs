//! The data workload declared with automat-rs, fed through `handle`.

use super::{split, Buf, Tally};

automat_rs::machine! {
    /// The connection of the data workload.
    pub machine Conn {
        initial state Idle;
        state Active { count: u32, buf: Buf }
        state Draining { buf: Buf }
        input open(buf: Buf);
        input write(n: u8);
        input flush(n: u8);
        input done(n: u8);
        input reset(n: u8);
        guard low(n: u8);
        output start() -> u32;
        output add(count: &mut u32, n: u8);
        output report(count: u32);
        output release(buf: Buf);
        output count();
        Idle + open => Active { count = start };
        Active + write => _ / add;
        Active + flush => Draining / report;
        Draining + done => Idle / release;
        _ + reset [low] => Idle / count;
    }
}

impl ConnOutputs for Tally {
    #[inline]
    fn start(&mut self) -> u32 {
        self.outputs += 1;
        0
    }

    #[inline]
    fn add(&mut self, count: &mut u32, n: u8) {
        *count += u32::from(n);
        self.outputs += 1;
    }

    #[inline]
    fn report(&mut self, count: u32) {
        self.reported += u64::from(count);
        self.outputs += 1;
    }

    #[inline]
    fn release(&mut self, buf: Buf) {
        self.released += u64::from(buf.slot);
        self.outputs += 1;
    }

    #[inline]
    fn count(&mut self) {
        self.outputs += 1;
    }

    #[inline]
    fn low(&self, n: &u8) -> bool {
        super::low(*n)
    }
}

/// Driver input `k` as a value.
#[inline]
#[must_use]
pub fn input(k: u8) -> ConnInput {
    let (input, n) = split(k);
    match input {
        0 => ConnInput::Open { buf: Buf::new(n) },
        1 => ConnInput::Write { n },
        2 => ConnInput::Flush { n },
        3 => ConnInput::Done { n },
        _ => ConnInput::Reset { n },
    }
}

/// The generated machine behind the uniform driver, fed input values through `handle`.
pub struct Machine(pub Conn<Tally>);

impl crate::Drive for Machine {
    fn start() -> Self {
        Self(Conn::new(Tally::default()))
    }

    #[inline]
    fn feed(&mut self, k: u8) -> bool {
        self.0.handle(input(k)).is_ok()
    }

    fn state_index(&self) -> usize {
        self.0.state() as usize
    }

    fn outputs(&self) -> u64 {
        self.0.core().outputs
    }
}
