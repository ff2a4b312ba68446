//! `TracingObserver` emits `tracing` events with fields (feature `tracing`).

automat_rs::machine! {
    /// A valve.
    pub machine Valve {
        initial state Shut;
        state Open;
        input open();
        input shut();
        output hiss();
        Shut + open => Open / hiss;
        Open + shut => Shut;
    }
}

/// A valve's hardware.
pub struct Pipe;

impl ValveOutputs for Pipe {
    fn hiss(&mut self) {}
}

automat_rs::machine! {
    /// A valve that decides: a guard, a fallible output with an `else` route, entry actions.
    pub machine Tap {
        initial state Shut;
        state Open { entry count; }
        state Stuck { entry alarm; }
        input open(force: u8);
        input shut();
        guard strong(force: u8);
        output count();
        output alarm();
        output turn() -> Result<(), &'static str>;
        Shut + open [strong] => Open / turn? else Stuck;
        Open | Stuck + shut => Shut;
    }
}

/// A tap's hardware: turning fails once.
pub struct Handle(pub bool);

impl TapOutputs for Handle {
    fn count(&mut self) {}
    fn alarm(&mut self) {}
    fn turn(&mut self) -> Result<(), &'static str> {
        if self.0 {
            self.0 = false;
            Err("rusted")
        } else {
            Ok(())
        }
    }
    fn strong(&self, force: &u8) -> bool {
        *force > 3
    }
}

automat_rs::machine! {
    /// A boiler that switches itself off once it boils.
    pub machine Boiler {
        initial state Cold;
        state Heating;
        input on();
        input off();
        guard boiling();
        Cold + on => Heating;
        Heating [boiling] => Cold;
        Heating + off => Cold;
    }
}

/// A boiler's thermometer.
pub struct Thermometer;

impl BoilerOutputs for Thermometer {
    fn boiling(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing::{Event, Subscriber};
    use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

    use super::{Handle, Pipe, Tap, Valve};

    /// Records each event as its level and `field=value` pairs.
    #[derive(Clone, Default)]
    struct Recorder(Arc<Mutex<Vec<String>>>);

    struct Fields(String);

    impl Visit for Fields {
        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            self.0.push_str(&format!(" {}={value:?}", field.name()));
        }
        fn record_str(&mut self, field: &Field, value: &str) {
            self.0.push_str(&format!(" {}={value}", field.name()));
        }
    }

    impl<S: Subscriber> Layer<S> for Recorder {
        fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
            let mut fields = Fields(event.metadata().level().to_string());
            event.record(&mut fields);
            self.0.lock().unwrap().push(fields.0);
        }
    }

    #[test]
    fn transitions_outputs_and_refusals_become_events_with_fields() {
        let recorder = Recorder::default();
        let subscriber = tracing_subscriber::registry().with(recorder.clone());
        tracing::subscriber::with_default(subscriber, || {
            let mut valve = Valve::new(Pipe).observe(automat_rs::TracingObserver);
            valve.shut().unwrap_err();
            valve.open().unwrap();
        });
        assert_eq!(
            *recorder.0.lock().unwrap(),
            [
                "WARN message=no transition machine=Valve state=Shut input=shut",
                "DEBUG message=transition machine=Valve from=Shut input=open to=Open",
                "DEBUG message=output machine=Valve state=Open output=hiss",
            ]
        );
    }

    #[test]
    fn guards_failures_routes_and_entries_become_events_too() {
        let recorder = Recorder::default();
        let subscriber = tracing_subscriber::registry().with(recorder.clone());
        tracing::subscriber::with_default(subscriber, || {
            let mut tap = Tap::new(Handle(true)).observe(automat_rs::TracingObserver);
            tap.open(1).unwrap_err();
            tap.open(9).unwrap_err();
        });
        assert_eq!(
            *recorder.0.lock().unwrap(),
            [
                "TRACE message=guard machine=Tap state=Shut guard=strong held=false",
                "WARN message=no guard held machine=Tap state=Shut input=open",
                "TRACE message=guard machine=Tap state=Shut guard=strong held=true",
                "DEBUG message=output machine=Tap state=Shut output=turn",
                "WARN message=output failed; taking the else route machine=Tap from=Shut input=open output=turn",
                "DEBUG message=else route machine=Tap from=Shut input=open to=Stuck",
                "DEBUG message=entry machine=Tap state=Stuck",
                "DEBUG message=output machine=Tap state=Stuck output=alarm",
            ]
        );
    }

    #[test]
    fn eventless_transitions_become_events() {
        let recorder = Recorder::default();
        let subscriber = tracing_subscriber::registry().with(recorder.clone());
        tracing::subscriber::with_default(subscriber, || {
            let mut boiler =
                super::Boiler::new(super::Thermometer).observe(automat_rs::TracingObserver);
            boiler.on().unwrap();
        });
        assert_eq!(
            *recorder.0.lock().unwrap(),
            [
                "DEBUG message=transition machine=Boiler from=Cold input=on to=Heating",
                "TRACE message=guard machine=Boiler state=Heating guard=boiling held=true",
                "DEBUG message=eventless transition machine=Boiler from=Heating to=Cold guard=boiling",
            ]
        );
    }
}
