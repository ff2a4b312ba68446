//! Machines registered with the `registry` feature, found and exported without any list.

automat_rs::machine! {
    /// A lamp.
    pub machine Lamp {
        initial state Off;
        state On;
        input flip();
        Off + flip => On;
        On + flip => Off;
    }
}

/// A module with a machine of the same name as another one.
pub mod elsewhere {
    automat_rs::machine! {
        /// Another lamp, with a broken state.
        pub machine Lamp {
            initial state Off;
            state On;
            final state Broken;
            input flip();
            input smash();
            Off + flip => On;
            On + flip => Off;
            _ + smash => Broken;
        }
    }
}

/// A machine declared inside a function is registered too.
#[must_use]
pub fn local_machine_state() -> &'static str {
    automat_rs::machine! {
        machine Door {
            initial state Closed;
            state Open;
            input open();
            input close();
            Closed + open => Open;
            Open + close => Closed;
        }
    }
    Door::new(()).state().name()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    #[test]
    fn every_machine_of_the_program_is_registered() {
        let names: Vec<&str> = automat_rs::registry::machines()
            .iter()
            .map(|d| d.name)
            .collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            [
                "Boiler", "Door", "Gate", "Kettle", "Lamp", "Lamp", "Link", "Link", "Switch",
                "Tap", "Valve", "Vending", "Washer"
            ],
            "registered: {names:?}"
        );
        assert_eq!(super::local_machine_state(), "Closed");
    }

    #[test]
    fn export_all_writes_every_format_for_every_machine() {
        let dir = std::env::temp_dir().join(format!("automat-export-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let files = automat_rs::export::export_all(&dir).unwrap();
        let written: BTreeSet<String> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        let mut expected = BTreeSet::new();
        for stem in [
            "Boiler", "Door", "Gate", "Kettle", "Lamp", "Lamp-2", "Link", "Link-2", "Switch",
            "Tap", "Valve", "Vending", "Washer",
        ] {
            for extension in ["dot", "mmd", "md", "svg"] {
                expected.insert(format!("{stem}.{extension}"));
            }
        }
        assert_eq!(written, expected);
        // A derived machine registers as its `machine!` twin: the two `Link`s
        // (`data_snapshots`) are written alike.
        assert_eq!(
            std::fs::read_to_string(dir.join("Link.dot")).unwrap(),
            std::fs::read_to_string(dir.join("Link-2.dot")).unwrap()
        );
        // `Lamp` (two states) sorts before the other `Lamp` (three states).
        let second = std::fs::read_to_string(dir.join("Lamp-2.mmd")).unwrap();
        assert!(second.contains("Broken"), "{second}");
        let svg = std::fs::read_to_string(dir.join("Door.svg")).unwrap();
        roxmltree::Document::parse(&svg).unwrap();
        // The same files, byte for byte, on a second export.
        let again = dir.join("again");
        automat_rs::export::export_all(&again).unwrap();
        for name in &written {
            assert_eq!(
                std::fs::read(dir.join(name)).unwrap(),
                std::fs::read(again.join(name)).unwrap(),
                "{name}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
