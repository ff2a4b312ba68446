//! What one input does, written once: private methods of the plain machine, generic over an
//! observer, which both forms call (the plain one with `NoObserver`). Every step follows
//! PRODUCT.md's one order: select → try → exit → commit → outputs → entry.
//!
//! An input whose every state takes at most one transition, unguarded and infallible, with no
//! exit or entry action to run (every input of a v0.1 machine), steps **by table**:
//!
//! - `__step<i>`: its target comes from the transition table (`State::__NEXT`), one load instead
//!   of a branch on the state (which a wide machine fed unpredictable inputs would mispredict);
//!   then the outputs run in `__outputs<i>`.
//! - `__outputs<i>`: the outputs of the transition just taken (a `match` on the source state only
//!   when they differ between states), and the input's value; shared with `__handle`.
//!
//! Any other input steps **by cases**: `__step<i>` matches the source state, states that would
//! run the same code sharing an arm, and each arm runs the steps in order: its candidate
//! transitions' guards as an `if` chain (first that holds wins; each guard named twice evaluated
//! once), the chosen transition's fallible outputs (an `Err` refuses or takes the `else` route),
//! the source's exit actions, the commit, the outputs, the target's entry actions.
//!
//! `__handle` steps any input: for a machine stepping only by table, one lookup whatever the
//! input, then the input's `__outputs<i>` (calling `__step<i>` from a `match` on the input would
//! branch on the input first, which a caller feeding unpredictable inputs pays for in
//! mispredictions); else a `match` on the input calling its `__step<i>`.

use std::collections::{HashMap, HashSet};

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::{Ident, Type};

use super::super::model::{
    error_text, ok_is_unit, result_parts, Else, GuardExpr, Machine, OutputUse, Target,
};
use super::machine::return_type;
use super::{group, is_reference, Gen, Mode};

/// The name under which an `else` route's outputs receive the failure.
const ERROR_PARAM: &str = "error";

/// Whether input `i` steps by table (see the module docs).
pub(super) fn is_table_step(m: &Machine, plans: &[Vec<usize>], i: usize) -> bool {
    let inputs = m.inputs.len();
    (0..m.states.len()).all(|s| match plans[s * inputs + i].as_slice() {
        [] => true,
        [t] => {
            let t = &m.transitions[*t];
            let quiet = !t.exits(s)
                || (m.states[s].exit.is_empty() && m.states[t.target_from(s)].entry.is_empty());
            t.guard.is_none() && t.tries().next().is_none() && t.reenter.is_none() && quiet
        }
        _ => false,
    })
}

/// What `handle`'s error carries when an input's fallible output fails.
enum HandleFailure<'a> {
    /// No input has a fallible output.
    None,
    /// Every fallible output fails with this `Result` type's error.
    Shared(&'a Type),
    /// Inputs fail with different types: the generated failure enum, one variant per input.
    Enum,
}

impl Gen<'_> {
    /// The name of input `i`'s step method.
    pub(super) fn step_name(i: usize) -> Ident {
        format_ident!("__step{}", i)
    }

    fn handle_failure(&self) -> HandleFailure<'_> {
        let mut types = self.inputs.iter().filter_map(|&i| self.m.fallible_type(i));
        let Some(first) = types.next() else {
            return HandleFailure::None;
        };
        let key = error_text(first);
        if types.all(|ty| error_text(ty) == key) {
            HandleFailure::Shared(first)
        } else {
            HandleFailure::Enum
        }
    }

    /// Whether `handle` needs the generated failure enum.
    pub(super) fn needs_failure_enum(&self) -> bool {
        matches!(self.handle_failure(), HandleFailure::Enum)
    }

    /// The error of input `i`'s fallible outputs, `Infallible` when it has none.
    pub(super) fn input_failure(&self, i: usize) -> TokenStream {
        let rt = &self.rt;
        self.m.fallible_type(i).map_or_else(
            || quote!(::core::convert::Infallible),
            |ty| quote!(<#ty as #rt::Fallible>::Error),
        )
    }

    /// The error type of input `i`'s method.
    fn input_error(&self, i: usize) -> TokenStream {
        let (rt, state_enum) = (&self.rt, &self.state_enum);
        if self.decides {
            let failure = self.input_failure(i);
            quote!(#rt::StepError<#state_enum, #failure>)
        } else {
            quote!(#rt::NoTransition<#state_enum>)
        }
    }

    /// `Result<T, Error>`: what the method of input `i` returns.
    pub(super) fn input_result(&self, i: usize) -> TokenStream {
        let ret = return_type(self.m.inputs[i].ret.as_ref());
        let error = self.input_error(i);
        quote!(::core::result::Result<#ret, #error>)
    }

    /// What `handle` returns.
    pub(super) fn handle_result(&self) -> TokenStream {
        let (return_enum, error) = (&self.return_enum, self.handle_error());
        quote!(::core::result::Result<#return_enum, #error>)
    }

    /// The error type of `handle`.
    pub(super) fn handle_error(&self) -> TokenStream {
        let (rt, state_enum) = (&self.rt, &self.state_enum);
        if !self.decides {
            return quote!(#rt::NoTransition<#state_enum>);
        }
        let failure = match self.handle_failure() {
            HandleFailure::None => quote!(::core::convert::Infallible),
            HandleFailure::Shared(ty) => quote!(<#ty as #rt::Fallible>::Error),
            HandleFailure::Enum => self.failure_enum.to_token_stream(),
        };
        quote!(#rt::StepError<#state_enum, #failure>)
    }

    /// The `# Errors` section of input `i`'s method.
    pub(super) fn input_errors_doc(&self, i: usize) -> String {
        let input = &self.m.inputs[i];
        if !self.decides {
            return format!(
                "\n\n# Errors\n\n`NoTransition` when the current state has no transition on `{}`; \
                 then no output has run and the state is unchanged.",
                input.name,
            );
        }
        let rows: Vec<_> = self.m.transitions.iter().filter(|t| t.input == i).collect();
        let mut doc = format!(
            "\n\n# Errors\n\n- `StepError::NoTransition` when the current state has no transition on `{}`;",
            input.name
        );
        if rows.iter().any(|t| t.guard.is_some()) {
            doc.push_str("\n- `StepError::GuardsFailed` when its transitions there are guarded and no guard held;");
        }
        if rows.iter().any(|t| t.tries().next().is_some()) {
            doc.push_str("\n- `StepError::Failed` when a fallible output failed;");
        }
        doc.push_str(
            "\n\nthen nothing but guards and fallible outputs has run, and the state is unchanged.",
        );
        if rows.iter().any(|t| t.otherwise.is_some()) {
            doc.push_str(
                "\n\n`StepError::Diverted` when a fallible output failed and the transition's `else` route \
                 was taken: the machine moved to the route's target.",
            );
        }
        doc
    }

    /// The `# Errors` section of `handle`, after its heading.
    pub(super) fn handle_errors_doc(&self) -> String {
        if self.decides {
            "A `StepError`, as the input's method returns it: the input was refused (no transition,\n\
             no guard held) or a fallible output failed, and nothing changed; or it failed and the\n\
             `else` route was taken (`StepError::Diverted`)."
                .to_owned()
        } else {
            "`NoTransition` when the current state has no transition for\n\
             the input; then no output has run and the state is unchanged."
                .to_owned()
        }
    }

    /// Every input's step method (and outputs helper), and `__handle` (nothing in `Stub` mode).
    pub(super) fn step_methods(&self) -> TokenStream {
        if self.mode == Mode::Stub {
            return TokenStream::new();
        }
        let handle = self.handle_step();
        let steps = self.inputs.iter().map(|&i| {
            if self.by_table[i] {
                let helper = self.outputs_helper(i);
                let step = self.table_step(i);
                quote!(#step #helper)
            } else {
                self.case_step(i)
            }
        });
        quote! {
            #handle
            #(#steps)*
        }
    }

    /// `<__Observer: Observer<State>>` and the `__observer` parameter of every step method.
    fn observer_param(&self) -> (TokenStream, TokenStream) {
        let Gen {
            rt,
            state_enum,
            observer,
            ..
        } = self;
        let param = observer_ident();
        (
            quote!(<#observer: #rt::Observer<#state_enum>>),
            quote!(#param: &mut #observer),
        )
    }

    /// A call of the observer's hook `name` with `args`.
    fn hook(&self, name: &str, args: &TokenStream) -> TokenStream {
        let Gen {
            rt,
            observer,
            state_enum,
            ..
        } = self;
        let (param, method) = (observer_ident(), Ident::new(name, Span::call_site()));
        quote!(<#observer as #rt::Observer<#state_enum>>::#method(#param, #args);)
    }

    /// `Commit::__new(__from, input, self.__state, candidate, diverted)` for the `commit` hook.
    fn commit_hook(&self, input: &TokenStream, candidate: usize, diverted: bool) -> TokenStream {
        let (rt, from) = (&self.rt, from_ident());
        self.hook(
            "commit",
            &quote!(#rt::Commit::__new(#from, #input, self.__state, #candidate, #diverted)),
        )
    }

    /// `__handle`: any input (see the module docs).
    fn handle_step(&self) -> TokenStream {
        let input_enum = &self.input_enum;
        let (generics, observer_param) = self.observer_param();
        let result = self.handle_result();
        let body = if self.inputs.is_empty() {
            quote!(match input {})
        } else if self.decides {
            self.case_handle_body()
        } else {
            self.table_handle_body()
        };
        quote! {
            #[inline]
            fn __handle #generics (&mut self, #observer_param, input: #input_enum) -> #result {
                #body
            }
        }
    }

    /// `__handle` of a machine stepping only by table: one lookup, then the input's helper.
    fn table_handle_body(&self) -> TokenStream {
        let Gen {
            input_enum,
            return_enum,
            ..
        } = self;
        let observer = observer_ident();
        let (from, index) = (from_ident(), Ident::new("__index", Span::mixed_site()));
        let arms = self.inputs.iter().map(|&i| {
            let input = &self.m.inputs[i];
            let variant = &input.variant;
            let fields: Vec<_> = input.params.iter().map(|p| &p.name).collect();
            let pattern = if fields.is_empty() {
                quote!(#input_enum::#variant)
            } else {
                quote!(#input_enum::#variant { #(#fields),* })
            };
            let helper = outputs_name(i);
            if !self.accepted(i) {
                // Never reached (the table refuses this input everywhere); refuse it here too.
                let refusal = self.refusal(&quote!(#i), false);
                quote!(#input_enum::#variant { .. } => { self.__state = #from; #refusal })
            } else if input.ret.is_some() {
                quote!(#pattern => ::core::result::Result::Ok(#return_enum::#variant(self.#helper(#observer, #from, #(#fields),*))))
            } else {
                quote!(#pattern => {
                    self.#helper(#observer, #from, #(#fields),*);
                    ::core::result::Result::Ok(#return_enum::#variant)
                })
            }
        });
        let lookup = self.lookup(&quote!(#index), &quote!(match input { #(#arms,)* }));
        quote! {
            let #index = #input_enum::index(&input);
            #lookup
        }
    }

    /// `__handle` of a machine that decides: a `match` on the state, then on the input, whose arms
    /// call the input's case method for that state (states with the same cases share an arm). The
    /// state is what the branch history predicts (it follows from the last state, input and
    /// guards), the input is what it cannot: that order costs one unpredictable jump per input.
    fn case_handle_body(&self) -> TokenStream {
        let Gen {
            input_enum,
            return_enum,
            failure_enum,
            ..
        } = self;
        let observer = observer_ident();
        let from = from_ident();
        let failure = self.handle_failure();
        let inputs = self.m.inputs.len();
        // States with the same case on every input share an arm.
        let rows = group((0..self.m.states.len()).map(|s| {
            let row: Vec<usize> = self.case_table[s * inputs..(s + 1) * inputs].to_vec();
            (row, s, s)
        }));
        let arms = rows.iter().map(|(representative, states)| {
            let pattern = self.state_patterns(states);
            let row = &self.case_table[representative * inputs..(representative + 1) * inputs];
            let mut inner: Vec<TokenStream> = row
                .iter()
                .enumerate()
                .filter(|&(_, &c)| c != 0)
                .map(|(i, &c)| {
                    let input = &self.m.inputs[i];
                    let variant = &input.variant;
                    let fields: Vec<_> = input.params.iter().map(|p| &p.name).collect();
                    let pattern = quote!(#input_enum::#variant { #(#fields),* });
                    let (_, g) = self.cases[c - 1];
                    let method = g.map_or_else(|| Self::step_name(i), |g| case_name(i, g));
                    let ok = if input.ret.is_some() {
                        quote!(#return_enum::#variant)
                    } else {
                        quote!(|()| #return_enum::#variant)
                    };
                    let call = quote!(::core::result::Result::map(self.#method(#observer, #(#fields),*), #ok));
                    let widen = match (&failure, self.m.fallible_type(i)) {
                        (HandleFailure::Enum, Some(_)) => Some(
                            quote!(|__error| __error.map_failure(#failure_enum::#variant)),
                        ),
                        (HandleFailure::Enum | HandleFailure::Shared(_), None) => {
                            Some(quote!(|__error| __error.widen()))
                        }
                        _ => None,
                    };
                    let call = match widen {
                        Some(widen) => quote!(::core::result::Result::map_err(#call, #widen)),
                        None => call,
                    };
                    quote!(#pattern => #call)
                })
                .collect();
            if row.contains(&0) {
                let refused = Ident::new("__refused", Span::mixed_site());
                let refusal = self.refusal(&quote!(#input_enum::index(&#refused)), true);
                inner.push(quote!(#refused => #refusal));
            }
            quote!(#pattern => match input { #(#inner,)* })
        });
        quote! {
            let #from = self.__state;
            match #from { #(#arms,)* }
        }
    }

    /// Whether some state takes input `i`.
    fn accepted(&self, i: usize) -> bool {
        let inputs = self.m.inputs.len();
        (0..self.m.states.len()).any(|s| !self.plans[s * inputs + i].is_empty())
    }

    /// The transition on input `index` (an expression) by table: save the source state in
    /// `__from`, look the target up in `State::__NEXT`, tell the observer it exits (unless it
    /// loops), commit the target, tell the observer, evaluate `then` (the outputs and the value),
    /// tell the observer it entered; refuse when the table has no target.
    fn lookup(&self, index: &TokenStream, then: &TokenStream) -> TokenStream {
        let state_enum = &self.state_enum;
        let from = from_ident();
        let next = Ident::new("__next", Span::mixed_site());
        let result = Ident::new("__result", Span::mixed_site());
        let exit = self.hook("exit", &quote!(#from));
        let commit = self.commit_hook(index, 0, false);
        let entry = self.hook("entry", &quote!(#next));
        let refusal = self.refusal(index, true);
        quote! {
            let #from = self.__state;
            match #state_enum::__NEXT[#from as ::core::primitive::usize][#index] {
                ::core::option::Option::Some(#next) => {
                    if #next != #from { #exit }
                    self.__state = #next;
                    #commit
                    let #result = #then;
                    if #next != #from { #entry }
                    #result
                }
                ::core::option::Option::None => #refusal
            }
        }
    }

    /// The step of input `i`, by table (see the module docs).
    fn table_step(&self, i: usize) -> TokenStream {
        let input = &self.m.inputs[i];
        let names: Vec<_> = input.params.iter().map(|p| &p.name).collect();
        let typed = input.params.iter().map(|p| {
            let (name, ty) = (&p.name, &p.ty);
            quote!(#name: #ty)
        });
        let (generics, observer_param) = self.observer_param();
        let observer = observer_ident();
        let result = self.input_result(i);
        let from = from_ident();
        let (step, helper) = (Self::step_name(i), outputs_name(i));
        let body = if self.accepted(i) {
            let run = if input.ret.is_some() {
                quote!(::core::result::Result::Ok(self.#helper(#observer, #from, #(#names),*)))
            } else {
                quote!({ self.#helper(#observer, #from, #(#names),*); ::core::result::Result::Ok(()) })
            };
            self.lookup(&quote!(#i), &run)
        } else {
            // Refused everywhere (an input declared ahead of use, `#[allow(unused)]`).
            let refusal = self.refusal(&quote!(#i), true);
            quote!(#(let _ = &#names;)* let #from = self.__state; #refusal)
        };
        quote! {
            #[inline]
            #[allow(clippy::unnecessary_wraps)]
            fn #step #generics (&mut self, #observer_param, #(#typed),*) -> #result {
                #body
            }
        }
    }

    /// The helper of input `i`, shared by its step and `__handle`: runs the outputs of the
    /// transition just taken from state `__from` (the target is committed already) and returns
    /// the input's value. States are grouped by their outputs: one group needs no `match`.
    /// Nothing for an input no state accepts.
    fn outputs_helper(&self, i: usize) -> TokenStream {
        let input = &self.m.inputs[i];
        let state_enum = &self.state_enum;
        let from = from_ident();
        let helper = outputs_name(i);
        let (generics, observer_param) = self.observer_param();
        let typed = input.params.iter().map(|p| {
            let (name, ty) = (&p.name, &p.ty);
            quote!(#name: #ty)
        });
        let ret = input.ret.as_ref().map(|ty| quote!(-> #ty));
        let unused = self.unused_args(i);
        // Same outputs, same code: grouped in order of first appearance, hashed, so a wide
        // machine expands in linear time.
        let groups = group(self.edges.iter().filter(|e| e.input == i).map(|edge| {
            let t = &self.m.transitions[edge.transition];
            let outputs: Vec<usize> = t.outputs.iter().map(|u| u.output).collect();
            (outputs, edge.transition, edge.source)
        }));
        let body = match groups.as_slice() {
            [] => return TokenStream::new(),
            [(t, _)] => self.outputs(i, *t),
            [.., _] => {
                // The last group takes the other states: the table sends no other state here.
                let last = groups.len() - 1;
                let arms = groups.iter().enumerate().map(|(g, (t, states))| {
                    let pattern = if g == last {
                        quote!(_)
                    } else {
                        self.state_patterns(states)
                    };
                    let outputs = self.outputs(i, *t);
                    quote!(#pattern => { #outputs })
                });
                quote!(match #from { #(#arms)* })
            }
        };
        quote! {
            #[inline]
            #[allow(unused_variables, clippy::needless_pass_by_value, clippy::unused_self)]
            fn #helper #generics (&mut self, #observer_param, #from: #state_enum, #(#typed),*) #ret {
                #(#unused)*
                #body
            }
        }
    }

    /// `let _ = &arg;` for the arguments of input `i` that nothing receives (they are still part
    /// of the signature and of the input enum).
    fn unused_args(&self, i: usize) -> Vec<TokenStream> {
        let mut used = HashSet::new();
        let mut guards = Vec::new();
        for t in self.m.transitions.iter().filter(|t| t.input == i) {
            let otherwise = t.otherwise.iter().flat_map(|e| &e.outputs);
            for u in t.outputs.iter().chain(otherwise) {
                used.extend(
                    self.m.outputs[u.output]
                        .params
                        .iter()
                        .map(|p| p.name.to_string()),
                );
            }
            if let Some(guard) = &t.guard {
                guards.clear();
                guard.expr.names(&mut guards);
                for (g, _) in &guards {
                    used.extend(self.m.guards[*g].params.iter().map(|p| p.name.to_string()));
                }
            }
        }
        self.m.inputs[i]
            .params
            .iter()
            .filter(|p| !used.contains(&p.name.to_string()))
            .map(|p| {
                let name = &p.name;
                quote!(let _ = &#name;)
            })
            .collect()
    }

    /// The outputs of transition `t` (on input `i`), in order, then the value the input returns
    /// (if it returns one). Runs after the target state is committed.
    fn outputs(&self, i: usize, t: usize) -> TokenStream {
        let uses: Vec<&OutputUse> = self.m.transitions[t].outputs.iter().collect();
        let (statements, value) = self.run_outputs(i, &uses, &HashSet::new(), false);
        quote!(#statements #value)
    }

    /// Runs `uses` in order after the commit (each announced to the observer), moving each
    /// argument into its last use (none of `after` uses it later); with `failure`, the outputs
    /// of an `else` route, which receive the failure by name. Returns the statements and the
    /// input's value (`__value`, spanned on the output that returns it), if an output returns
    /// one the input returns.
    fn run_outputs(
        &self,
        i: usize,
        uses: &[&OutputUse],
        after: &HashSet<String>,
        failure: bool,
    ) -> (TokenStream, Option<TokenStream>) {
        let input = &self.m.inputs[i];
        let mut statements = TokenStream::new();
        let mut returned = None;
        for (position, used) in uses.iter().enumerate() {
            let mut later = self.param_names(&uses[position + 1..]);
            later.extend(after.iter().cloned());
            let call = self.output_call(i, used, &later, failure);
            let output_index = used.output;
            statements.extend(self.hook("output", &quote!(self.__state, #output_index)));
            let output = &self.m.outputs[used.output];
            if !failure && output.ret.is_some() && input.ret.is_some() && returned.is_none() {
                // A user-spanned local, so that a return type mismatch points at the output.
                let span = used.name.span();
                let value = Ident::new("__value", span);
                statements.extend(quote_spanned!(span=> let #value = #call;));
                returned = Some(quote_spanned!(span=> #value));
            } else {
                statements.extend(quote!(#call;));
            }
        }
        (statements, returned)
    }

    /// The names of the parameters of the outputs `uses`.
    fn param_names(&self, uses: &[&OutputUse]) -> HashSet<String> {
        uses.iter()
            .flat_map(|u| &self.m.outputs[u.output].params)
            .map(|p| p.name.to_string())
            .collect()
    }

    /// `<Core as Outputs>::output(&mut self.__core, args..)`, spanned on the output's name where
    /// it is used, so that errors about the call (arity, argument and return types) land there.
    /// Each argument is borrowed for a reference parameter, moved when nothing in `later` uses it
    /// again, else cloned. With `failure`, a parameter named `error` receives the failure.
    fn output_call(
        &self,
        i: usize,
        used: &OutputUse,
        later: &HashSet<String>,
        failure: bool,
    ) -> TokenStream {
        let Gen {
            outputs_trait,
            core,
            ..
        } = self;
        let input = &self.m.inputs[i];
        let output = &self.m.outputs[used.output];
        let args = output.params.iter().map(|param| {
            let span = param.name.span();
            if failure && param.name == ERROR_PARAM {
                // The failure goes on to the step's error, so an output taking it by value gets a
                // clone.
                let error = error_ident();
                return if is_reference(&param.ty) {
                    quote_spanned!(span=> &#error)
                } else {
                    quote_spanned!(span=> ::core::clone::Clone::clone(&#error))
                };
            }
            let Some(arg) = input.params.iter().find(|p| p.name == param.name) else {
                return quote!(::core::unreachable!()); // reported by check_output_parameters
            };
            let name = Ident::new(&param.name.to_string(), span);
            if is_reference(&param.ty) && !is_reference(&arg.ty) {
                quote_spanned!(span=> &#name)
            } else if !later.contains(&param.name.to_string()) {
                quote_spanned!(span=> #name)
            } else {
                quote_spanned!(span=> ::core::clone::Clone::clone(&#name))
            }
        });
        let span = used.name.span();
        let method = Ident::new(&output.name.to_string(), span);
        // `self` is hygienic when the macro is called through the facade's `macro_rules!`
        // wrapper: it must keep the call-site span of the method signature, never a user's span.
        let core_ref = quote!(&mut self.__core);
        quote_spanned!(span=> <#core as #outputs_trait>::#method(#core_ref, #(#args),*))
    }

    /// An entry or exit action (an output without parameters), announced to the observer in
    /// `state` (an expression), spanned on its name in the state's block.
    fn action(&self, used: &OutputUse, state: &TokenStream) -> TokenStream {
        let Gen {
            outputs_trait,
            core,
            ..
        } = self;
        let span = used.name.span();
        let method = Ident::new(&self.m.outputs[used.output].name.to_string(), span);
        let output_index = used.output;
        let hook = self.hook("output", &quote!(#state, #output_index));
        let core_ref = quote!(&mut self.__core);
        let call = quote_spanned!(span=> <#core as #outputs_trait>::#method(#core_ref));
        quote!(#hook #call;)
    }

    /// Step 3: the observer hears that `from` is left, then `state`'s exit actions run.
    fn exit_code(&self, state: usize) -> TokenStream {
        let from = from_ident();
        let mut code = self.hook("exit", &quote!(#from));
        for used in &self.m.states[state].exit {
            code.extend(self.action(used, &quote!(#from)));
        }
        code
    }

    /// Step 6: the observer hears that the current state is entered, then `state`'s entry actions
    /// run.
    fn entry_code(&self, state: usize) -> TokenStream {
        let mut code = self.hook("entry", &quote!(self.__state));
        for used in &self.m.states[state].entry {
            code.extend(self.action(used, &quote!(self.__state)));
        }
        code
    }

    /// The refusal of input `input`: no transition from `__from`. The observer hears of it (when
    /// `hooks`), nothing changes.
    fn refusal(&self, input: &TokenStream, hooks: bool) -> TokenStream {
        let rt = &self.rt;
        let (from, error) = (from_ident(), error_ident());
        let hook = hooks.then(|| self.hook("rejected", &quote!(#error)));
        let error_value = if self.decides {
            quote!(#rt::StepError::NoTransition(#error))
        } else {
            quote!(#error)
        };
        quote!({
            let #error = #rt::NoTransition::__new(#from, #input);
            #hook
            ::core::result::Result::Err(#error_value)
        })
    }

    /// The step of input `i`, by cases (see the module docs): each group of states that runs the
    /// same code is a case method (`__case<i>_<g>`), which `__handle` calls too.
    fn case_step(&self, i: usize) -> TokenStream {
        let input = &self.m.inputs[i];
        let names: Vec<_> = input.params.iter().map(|p| &p.name).collect();
        let typed: Vec<_> = input
            .params
            .iter()
            .map(|p| {
                let (name, ty) = (&p.name, &p.ty);
                quote!(#name: #ty)
            })
            .collect();
        let (generics, observer_param) = self.observer_param();
        let observer = observer_ident();
        let result = self.input_result(i);
        let (step, from) = (Self::step_name(i), from_ident());
        let groups = &self.groups[i];
        let covered: usize = groups.iter().map(|(_, states)| states.len()).sum();
        let mut arms: Vec<TokenStream> = groups
            .iter()
            .enumerate()
            .map(|(g, (_, states))| {
                let pattern = self.state_patterns(states);
                let case = case_name(i, g);
                quote!(#pattern => self.#case(#observer, #(#names),*))
            })
            .collect();
        if covered < self.m.states.len() {
            let refusal = self.refusal(&quote!(#i), true);
            arms.push(quote!(_ => { #(let _ = &#names;)* #refusal }));
        }
        let unused = self.unused_args(i);
        let cases = groups.iter().enumerate().map(|(g, (representative, _))| {
            let case = case_name(i, g);
            let plan = &self.plans[representative * self.m.inputs.len() + i];
            let code = self.select_code(i, plan, *representative);
            quote! {
                #[inline]
                #[allow(
                    unused_variables, unused_assignments, clippy::needless_pass_by_value,
                    clippy::unnecessary_wraps, clippy::too_many_lines
                )]
                fn #case #generics (&mut self, #observer_param, #(#typed),*) -> #result {
                    #(#unused)*
                    let #from = self.__state;
                    #code
                }
            }
        });
        quote! {
            #[inline]
            #[allow(clippy::unnecessary_wraps)]
            fn #step #generics (&mut self, #observer_param, #(#typed),*) -> #result {
                let #from = self.__state;
                match #from { #(#arms,)* }
            }

            #(#cases)*
        }
    }

    /// Step 1, select: the candidates of `plan` tried in order (an `if` chain over their
    /// guards), the chosen one's code, or the refusal when no guard held. `state` stands for the
    /// states that share this code.
    fn select_code(&self, i: usize, plan: &[usize], state: usize) -> TokenStream {
        // A guard named more than once in the candidates is evaluated once, when first needed.
        let mut counts: HashMap<usize, usize> = HashMap::new();
        let mut names = Vec::new();
        for &t in plan {
            if let Some(guard) = &self.m.transitions[t].guard {
                names.clear();
                guard.expr.names(&mut names);
                for (g, _) in &names {
                    *counts.entry(*g).or_default() += 1;
                }
            }
        }
        let mut memo: Vec<usize> = counts
            .into_iter()
            .filter(|&(_, n)| n > 1)
            .map(|(g, _)| g)
            .collect();
        memo.sort_unstable();
        let declarations = memo.iter().map(|g| {
            let name = memo_ident(*g);
            quote!(let mut #name: ::core::option::Option<::core::primitive::bool> = ::core::option::Option::None;)
        });
        let last = plan.len() - 1;
        let mut code = if self.m.transitions[plan[last]].guard.is_none() {
            self.row_code(i, plan[last], last, state)
        } else {
            self.guards_failed(i)
        };
        for (candidate, &t) in plan.iter().enumerate().rev() {
            let Some(guard) = &self.m.transitions[t].guard else {
                continue; // only the last candidate may be unguarded
            };
            let condition = self.condition(i, &guard.expr, &memo);
            let row = self.row_code(i, t, candidate, state);
            code = quote!(if #condition #row else #code);
        }
        quote!({ #(#declarations)* #code })
    }

    /// A guard expression as a Rust condition; guards in `memo` are evaluated once.
    fn condition(&self, i: usize, expr: &GuardExpr, memo: &[usize]) -> TokenStream {
        match expr {
            GuardExpr::Name(g, name) => {
                let call = self.guard_call(i, *g, &name.0);
                if memo.contains(g) {
                    let cache = memo_ident(*g);
                    let held = Ident::new("__held", Span::mixed_site());
                    quote!(match #cache {
                        ::core::option::Option::Some(#held) => #held,
                        ::core::option::Option::None => {
                            let #held = #call;
                            #cache = ::core::option::Option::Some(#held);
                            #held
                        }
                    })
                } else {
                    call
                }
            }
            GuardExpr::Not(inner) => {
                let inner = self.condition(i, inner, memo);
                quote!(!(#inner))
            }
            GuardExpr::And(a, b) => {
                let (a, b) = (self.condition(i, a, memo), self.condition(i, b, memo));
                quote!((#a && #b))
            }
            GuardExpr::Or(a, b) => {
                let (a, b) = (self.condition(i, a, memo), self.condition(i, b, memo));
                quote!((#a || #b))
            }
        }
    }

    /// One evaluation of guard `g` with the input's arguments by reference, which the observer
    /// hears of; spanned on the guard's name in the transition.
    fn guard_call(&self, i: usize, g: usize, name: &Ident) -> TokenStream {
        let Gen {
            outputs_trait,
            core,
            ..
        } = self;
        let input = &self.m.inputs[i];
        let from = from_ident();
        let held = Ident::new("__held", Span::mixed_site());
        let args = self.m.guards[g].params.iter().map(|param| {
            let Some(arg) = input.params.iter().find(|p| p.name == param.name) else {
                return quote!(::core::unreachable!()); // reported by check_guard_parameters
            };
            let span = param.name.span();
            let name = Ident::new(&param.name.to_string(), span);
            if is_reference(&arg.ty) {
                quote_spanned!(span=> #name)
            } else {
                quote_spanned!(span=> &#name)
            }
        });
        let span = name.span();
        let method = Ident::new(&self.m.guards[g].name.to_string(), span);
        let core_ref = quote!(&self.__core);
        let call = quote_spanned!(span=> <#core as #outputs_trait>::#method(#core_ref, #(#args),*));
        let hook = self.hook("guard", &quote!(#from, #g, #held));
        quote!({ let #held: ::core::primitive::bool = #call; #hook #held })
    }

    /// The refusal when the candidates' guards all failed.
    fn guards_failed(&self, i: usize) -> TokenStream {
        let rt = &self.rt;
        let from = from_ident();
        let refusal = Ident::new("__refusal", Span::mixed_site());
        let hook = self.hook("guards_failed", &quote!(#refusal));
        quote!({
            let #refusal = #rt::GuardsFailed::__new(#from, #i);
            #hook
            ::core::result::Result::Err(#rt::StepError::GuardsFailed(#refusal))
        })
    }

    /// Steps 2 to 6 of transition `t` (on input `i`), the `candidate`-th of its source's
    /// candidates, from `state` (or a state that shares its code): try, exit, commit, outputs,
    /// entry, and the input's value.
    fn row_code(&self, i: usize, t: usize, candidate: usize, state: usize) -> TokenStream {
        let rt = &self.rt;
        let state_enum = &self.state_enum;
        let transition = &self.m.transitions[t];
        let input = &self.m.inputs[i];
        let from = from_ident();
        let tries: Vec<&OutputUse> = transition.tries().collect();
        let mains: Vec<&OutputUse> = transition
            .outputs
            .iter()
            .filter(|u| u.fallible.is_none())
            .collect();
        let elses: Vec<&OutputUse> = transition
            .otherwise
            .iter()
            .flat_map(|e| e.outputs.iter())
            .collect();
        // The output whose value the input returns: a fallible one's success value, or a plain
        // output's return value (`check` allows one).
        let fallible_value = input.ret.as_ref().and_then(|_| {
            tries.iter().position(|u| {
                self.m.outputs[u.output]
                    .ret
                    .as_ref()
                    .is_some_and(|ty| result_parts(ty).is_some() && !ok_is_unit(ty))
            })
        });

        // 2. try
        let mut code = TokenStream::new();
        let (ok, error) = (Ident::new("__ok", Span::mixed_site()), error_ident());
        let later_all: HashSet<String> = self
            .param_names(&mains)
            .into_iter()
            .chain(self.param_names(&elses))
            .collect();
        let mut value = None;
        for (k, used) in tries.iter().enumerate() {
            let mut later = self.param_names(&tries[k + 1..]);
            later.extend(later_all.iter().cloned());
            let call = self.output_call(i, used, &later, false);
            let output_index = used.output;
            code.extend(self.hook("output", &quote!(#from, #output_index)));
            let on_error = match &transition.otherwise {
                None => {
                    let hook = self.hook("failed", &quote!(#from, #i, #output_index));
                    quote! {
                        #hook
                        return ::core::result::Result::Err(#rt::StepError::Failed(
                            #rt::Failed::__new(#from, #i, #output_index, #error)
                        ));
                    }
                }
                Some(otherwise) => {
                    self.else_code(i, candidate, state, output_index, otherwise, &elses)
                }
            };
            let span = used.name.span();
            if fallible_value == Some(k) {
                let binding = Ident::new("__value", span);
                code.extend(quote_spanned! {span=>
                    let #binding = match #call {
                        ::core::result::Result::Ok(#ok) => #ok,
                        ::core::result::Result::Err(#error) => { #on_error }
                    };
                });
                value = Some(quote_spanned!(span=> #binding));
            } else {
                code.extend(quote_spanned! {span=>
                    if let ::core::result::Result::Err(#error) = #call { #on_error }
                });
            }
        }

        // 3. exit
        let exits = transition.exits(state);
        if exits {
            code.extend(self.exit_code(state));
        }

        // 4. commit (a self-loop that stays needs no store)
        let target = transition.target_from(state);
        let target_path = match transition.target {
            Target::State(s) => {
                let ident = &self.m.states[s].name;
                Some(quote!(#state_enum::#ident))
            }
            Target::Stay => None,
        };
        if let Some(path) = target_path {
            code.extend(quote!(self.__state = #path;));
        }
        code.extend(self.commit_hook(&quote!(#i), candidate, false));

        // 5. outputs
        let (statements, returned) = self.run_outputs(i, &mains, &HashSet::new(), false);
        code.extend(statements);

        // 6. entry
        if exits {
            code.extend(self.entry_code(target));
        }
        let value = value.or(returned).unwrap_or_else(|| quote!(()));
        quote!({ #code ::core::result::Result::Ok(#value) })
    }

    /// The `else` route, once the fallible output `output` failed with `__error`: the observer
    /// hears of the diversion, then exit, commit, the route's outputs (which receive the failure
    /// by name) and entry run as for any transition from `state`; the step returns the failure as
    /// `StepError::Diverted`.
    fn else_code(
        &self,
        i: usize,
        candidate: usize,
        state: usize,
        output: usize,
        otherwise: &Else,
        outputs: &[&OutputUse],
    ) -> TokenStream {
        let (rt, state_enum) = (&self.rt, &self.state_enum);
        let (from, error) = (from_ident(), error_ident());
        let mut code = self.hook("diverted", &quote!(#from, #i, #output));
        let exits = else_exits(Some(otherwise.target), state);
        if exits {
            code.extend(self.exit_code(state));
        }
        if let Target::State(s) = otherwise.target {
            let ident = &self.m.states[s].name;
            code.extend(quote!(self.__state = #state_enum::#ident;));
        }
        code.extend(self.commit_hook(&quote!(#i), candidate, true));
        let (statements, _) = self.run_outputs(i, outputs, &HashSet::new(), true);
        code.extend(statements);
        if exits {
            code.extend(self.entry_code(otherwise.target.from(state)));
        }
        quote! {
            #code
            return ::core::result::Result::Err(#rt::StepError::Diverted(
                #rt::Diverted::__new(#from, #i, #output, self.__state, #error)
            ));
        }
    }
}

/// Whether an `else` route to `target` leaves `state` (a route back to the source, or `_`, does
/// not).
fn else_exits(target: Option<Target>, state: usize) -> bool {
    match target {
        Some(Target::State(s)) => s != state,
        Some(Target::Stay) | None => false,
    }
}

/// The groups of states that run the same code for input `i` (same candidates, and the same exit
/// and entry actions where the code runs those of the source state itself), in state order; each
/// with a representative state. Empty for an input no state takes.
pub(super) fn case_groups(m: &Machine, plans: &[Vec<usize>], i: usize) -> Vec<(usize, Vec<usize>)> {
    let inputs = m.inputs.len();
    group((0..m.states.len()).filter_map(|s| {
        let plan = &plans[s * inputs + i];
        if plan.is_empty() {
            return None;
        }
        let leaves: Vec<(bool, bool)> = plan
            .iter()
            .map(|&t| {
                let t = &m.transitions[t];
                (
                    t.exits(s),
                    else_exits(t.otherwise.as_ref().map(|e| e.target), s),
                )
            })
            .collect();
        let own_exit: Vec<usize> = if leaves.iter().any(|&(a, b)| a || b) {
            m.states[s].exit.iter().map(|u| u.output).collect()
        } else {
            Vec::new()
        };
        let own_entry: Vec<usize> = if plan.iter().any(|&t| {
            let t = &m.transitions[t];
            matches!(t.target, Target::Stay) && t.reenter.is_some()
        }) {
            m.states[s].entry.iter().map(|u| u.output).collect()
        } else {
            Vec::new()
        };
        Some(((plan.clone(), leaves, own_exit, own_entry), s, s))
    }))
}

/// The cases `__handle` of a machine that decides dispatches on: per case its input and group
/// (`None`: an input that steps by table), and per `(state, input)` pair its case (1 + index,
/// 0 where the state refuses the input).
pub(super) fn cases(
    m: &Machine,
    plans: &[Vec<usize>],
    by_table: &[bool],
    groups: &[Vec<(usize, Vec<usize>)>],
) -> (Vec<(usize, Option<usize>)>, Vec<usize>) {
    let inputs = m.inputs.len();
    let mut cases = Vec::new();
    let mut table = vec![0; m.states.len() * inputs];
    for i in 0..inputs {
        if by_table[i] {
            cases.push((i, None));
            for s in 0..m.states.len() {
                if !plans[s * inputs + i].is_empty() {
                    table[s * inputs + i] = cases.len();
                }
            }
        } else {
            for (g, (_, states)) in groups[i].iter().enumerate() {
                cases.push((i, Some(g)));
                for &s in states {
                    table[s * inputs + i] = cases.len();
                }
            }
        }
    }
    (cases, table)
}

/// The name of the method of input `i`'s group `g` of states.
fn case_name(i: usize, g: usize) -> Ident {
    format_ident!("__case{}_{}", i, g)
}

/// The name of input `i`'s outputs helper.
fn outputs_name(i: usize) -> Ident {
    format_ident!("__outputs{}", i)
}

/// The observer parameter of every step method.
fn observer_ident() -> Ident {
    Ident::new("__observer", Span::mixed_site())
}

/// The source state of a step.
fn from_ident() -> Ident {
    Ident::new("__from", Span::mixed_site())
}

/// The refusal or failure of a step.
fn error_ident() -> Ident {
    Ident::new("__error", Span::mixed_site())
}

/// The cached value of guard `g` in one step.
fn memo_ident(g: usize) -> Ident {
    Ident::new(&format!("__guard{g}"), Span::mixed_site())
}
