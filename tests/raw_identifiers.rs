//! Raw identifiers (`r#type`) name states, inputs and outputs without their `r#`: in `name()`,
//! the input enum's variants, descriptions, diagrams and snapshots.
#![allow(missing_docs)] // test-only machine and core
#![allow(non_camel_case_types)] // states named by keywords, as a user may

use automat_rs::machine;

machine! {
    #[derive_input(Debug, PartialEq)]
    pub machine Lexer {
        initial state r#type;
        state r#struct;
        final state Done;
        input r#match();
        input r#loop();
        output r#yield();
        r#type + r#match => r#struct / r#yield;
        r#struct + r#loop => Done;
    }
}

#[derive(Default)]
pub struct Core {
    yields: u32,
}

impl LexerOutputs for Core {
    fn r#yield(&mut self) {
        self.yields += 1;
    }
}

#[test]
fn names_have_no_raw_prefix() {
    let mut lexer = Lexer::new(Core::default());
    assert_eq!(lexer.state().name(), "type");
    assert_eq!(lexer.state().to_string(), "type");
    lexer.r#match().unwrap();
    assert_eq!(lexer.state(), LexerState::r#struct);
    assert_eq!(lexer.core().yields, 1);
    // The input enum's variants are camel case of the name without `r#`.
    assert_eq!(LexerInput::Loop.name(), "loop");
    lexer.handle(LexerInput::Loop).unwrap();
    assert_eq!(lexer.state().name(), "Done");
    assert_eq!(
        <LexerState as automat_rs::MachineState>::from_name("struct"),
        Some(LexerState::r#struct)
    );
}

#[test]
fn descriptions_and_diagrams_name_them_without_raw_prefix() {
    let description = Lexer::description();
    let names: Vec<&str> = description.states.iter().map(|s| s.name).collect();
    assert_eq!(names, ["type", "struct", "Done"]);
    let dot = description.dot().to_string();
    assert!(
        dot.contains("\"type\" -> \"t#0\"") && dot.contains("-> \"struct\""),
        "{dot}"
    );
    assert!(dot.contains("match"), "{dot}");
    assert!(!dot.contains("r#"), "{dot}");
    assert!(!description.mermaid().to_string().contains("r#"));
    assert!(!description.table().to_string().contains("r#"));
}
