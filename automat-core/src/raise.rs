//! Inputs raised from outputs (PRODUCT.md, step 7): an output that declares `raise: Raise`
//! receives a [`Raise`] through which it can feed inputs to its own machine. They wait in the
//! machine's queue and run after the current step, first in, first out, each a whole step,
//! before the method that started it returns (run to completion, as Automat's typed API queues
//! re-entrant calls). An output cannot call the machine itself: it only holds `&mut` to the
//! core, never to the machine.
//!
//! The queue is [`Bounded`] (a fixed capacity, no allocation: `#[raise(capacity = 8)]`, the
//! default) or, with the `alloc` feature, [`Unbounded`] (`#[raise(unbounded)]`).

use core::fmt;
use core::marker::PhantomData;

/// Where a machine keeps the inputs its outputs raised until they run.
pub trait RaiseQueue<I> {
    /// Appends `input`, or hands it back when the queue is full.
    ///
    /// # Errors
    ///
    /// `Err(input)` when the queue holds as many inputs as it can.
    fn push(&mut self, input: I) -> Result<(), I>;

    /// The oldest input, removed from the queue.
    fn pop(&mut self) -> Option<I>;

    /// How many inputs wait.
    fn len(&self) -> usize;

    /// Whether no input waits.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many inputs it can hold (`usize::MAX` when unbounded).
    fn capacity(&self) -> usize;
}

/// A queue of at most `N` raised inputs, without allocation (a [`heapless::Deque`]).
pub struct Bounded<I, const N: usize> {
    queue: heapless::Deque<I, N>,
}

impl<I, const N: usize> Bounded<I, N> {
    /// An empty queue.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            queue: heapless::Deque::new(),
        }
    }
}

impl<I, const N: usize> Default for Bounded<I, N> {
    fn default() -> Self {
        Self::new()
    }
}

impl<I, const N: usize> RaiseQueue<I> for Bounded<I, N> {
    fn push(&mut self, input: I) -> Result<(), I> {
        self.queue.push_back(input)
    }

    fn pop(&mut self) -> Option<I> {
        self.queue.pop_front()
    }

    fn len(&self) -> usize {
        self.queue.len()
    }

    fn capacity(&self) -> usize {
        N
    }
}

/// A queue of raised inputs that grows as needed (feature `alloc`).
#[cfg(feature = "alloc")]
pub struct Unbounded<I> {
    queue: alloc::collections::VecDeque<I>,
}

#[cfg(feature = "alloc")]
impl<I> Unbounded<I> {
    /// An empty queue (which allocates once an input is raised).
    #[must_use]
    pub const fn new() -> Self {
        Self {
            queue: alloc::collections::VecDeque::new(),
        }
    }
}

#[cfg(feature = "alloc")]
impl<I> Default for Unbounded<I> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(feature = "alloc")]
impl<I> RaiseQueue<I> for Unbounded<I> {
    fn push(&mut self, input: I) -> Result<(), I> {
        self.queue.push_back(input);
        Ok(())
    }

    fn pop(&mut self) -> Option<I> {
        self.queue.pop_front()
    }

    fn len(&self) -> usize {
        self.queue.len()
    }

    fn capacity(&self) -> usize {
        usize::MAX
    }
}

/// What an output that declares `raise: Raise` receives: raises inputs of its own machine, which
/// run once the current step is over. `Q` is how it sees the queue: `dyn RaiseQueue<I>`, or
/// (in an async machine, whose outputs' futures are `Send`) `dyn RaiseQueue<I> + Send`, which
/// [`SendRaise`] names.
pub struct Raise<'q, I, Q: ?Sized + RaiseQueue<I> = dyn RaiseQueue<I> + 'q> {
    queue: &'q mut Q,
    input: PhantomData<fn(I)>,
}

/// The [`Raise`] an async output receives: `Send`, so that the output's future is (the inputs
/// must be `Send` then). Declared `raise: Raise` in the machine as any other.
pub type SendRaise<'q, I> = Raise<'q, I, dyn RaiseQueue<I> + Send + 'q>;

impl<'q, I, Q: ?Sized + RaiseQueue<I>> Raise<'q, I, Q> {
    #[doc(hidden)]
    #[must_use]
    pub fn __new(queue: &'q mut Q) -> Self {
        Self {
            queue,
            input: PhantomData,
        }
    }

    /// Queues `input`: the machine runs it after the current step (and after the inputs raised
    /// before it), before the method that started the step returns.
    ///
    /// # Errors
    ///
    /// [`QueueFull`], holding `input`, when the machine's queue is full (nothing was queued).
    pub fn raise(&mut self, input: I) -> Result<(), QueueFull<I>> {
        let capacity = self.queue.capacity();
        self.queue
            .push(input)
            .map_err(|input| QueueFull { input, capacity })
    }

    /// How many raised inputs wait to run.
    #[must_use]
    pub fn pending(&self) -> usize {
        self.queue.len()
    }
}

impl<I, Q: ?Sized + RaiseQueue<I>> fmt::Debug for Raise<'_, I, Q> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Raise")
            .field("pending", &self.queue.len())
            .field("capacity", &self.queue.capacity())
            .finish()
    }
}

/// [`Raise::raise`] found the machine's queue full: the input was not queued, and is here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueFull<I> {
    /// The input that was not queued.
    pub input: I,
    /// The queue's capacity (`#[raise(capacity = N)]`).
    pub capacity: usize,
}

impl<I> QueueFull<I> {
    /// The input that was not queued.
    pub fn into_input(self) -> I {
        self.input
    }
}

impl<I> fmt::Display for QueueFull<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the machine's queue of raised inputs is full ({} waiting); the input was not queued \
             (raise fewer per step, or give the machine `#[raise(capacity = ..)]`)",
            self.capacity
        )
    }
}

impl<I: fmt::Debug> core::error::Error for QueueFull<I> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bounded_queue_is_first_in_first_out_and_hands_back_what_does_not_fit() {
        let mut queue = Bounded::<u8, 2>::new();
        let mut raise = Raise::__new(&mut queue);
        assert_eq!(raise.raise(1), Ok(()));
        assert_eq!(raise.raise(2), Ok(()));
        let full = raise.raise(3).unwrap_err();
        assert_eq!((full.input, full.capacity), (3, 2));
        assert_eq!(raise.pending(), 2);
        assert_eq!(
            (queue.pop(), queue.pop(), queue.pop()),
            (Some(1), Some(2), None)
        );
    }

    #[cfg(feature = "alloc")]
    #[test]
    fn an_unbounded_queue_takes_everything() {
        let mut queue = Unbounded::<u16>::new();
        let mut raise = Raise::__new(&mut queue);
        for i in 0..1000 {
            raise.raise(i).unwrap();
        }
        assert_eq!(queue.len(), 1000);
        assert_eq!(queue.pop(), Some(0));
    }
}
