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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing::{Event, Subscriber};
    use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

    use super::{Pipe, Valve};

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
}
