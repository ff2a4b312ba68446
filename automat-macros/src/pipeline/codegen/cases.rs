//! Inputs that step **by cases**: those that decide (guards, fallible outputs) or run entry and
//! exit actions. The input's states are grouped by the code they run (`case_groups`); each group
//! is a method `__case<i>_<g>` holding the phases in order: its candidate transitions' guards as
//! an `if` chain (first that holds wins; a guard named twice is evaluated once), the chosen
//! transition's fallible outputs (an `Err` refuses, or takes the `else` route), the source's exit
//! actions, the commit, the outputs, the target's entry actions. `__step<i>` matches the state to
//! call its group's method, and so does `__handle` of a machine that decides, which matches the
//! state first, then the input: the state is what the branch history predicts (it follows from
//! the last state, input and guards), the input is what it cannot, so that order costs one
//! unpredictable jump per input. A guarded transition that is the whole plan of several states
//! (`_ + reset [low] => Idle`; see `Shared`) is the exception: `__handle` leaves it to a second
//! `match`, on the input, that checks its guard once for all those states (in a `match` guard)
//! and then calls the state's `__held<i>_<g>`, the rest of its step; its case method checks the
//! guard and calls the same method, so the step's code still exists once.

use std::collections::{HashMap, HashSet};
use syn::ext::IdentExt as _;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use super::super::model::{
    ok_is_unit, result_parts, Else, GuardExpr, Machine, Node, OutputUse, StepPath, Target,
};
use super::super::scope::{Phase, Route, Step, Value};
use super::calls::Names;
use super::step::{error_ident, from_ident, observer_ident, HandleFailure};
use super::{group, Gen};

impl Gen<'_> {
    /// `__handle` of a machine that decides: a `match` on the state, then on the input, whose arms
    /// call the input's case method for that state (states with the same cases share an arm). The
    /// state is what the branch history predicts (it follows from the last state, input and
    /// guards), the input is what it cannot: that order costs one unpredictable jump per input.
    /// An input with a shared guarded transition (`Shared`) is left to a second `match`, on the
    /// input, after the states' own transitions, which checks that guard once for all its states.
    pub(super) fn case_handle_body(&self) -> TokenStream {
        let input_enum = &self.input_enum;
        let from = from_ident();
        let inputs = self.m.inputs.len();
        let shared: Vec<Option<Shared>> = (0..inputs).map(|i| self.shared_guarded(i)).collect();
        // The cases the match on the state calls: a shared guarded transition's states are left
        // to the second match.
        let mut table = self.case_table.clone();
        for (i, shared) in shared.iter().enumerate() {
            for &s in shared.iter().flat_map(|shared| &shared.states) {
                table[s * inputs + i] = 0;
            }
        }
        let two_stages = shared.iter().any(Option::is_some);
        // States with the same case on every input share an arm.
        let rows = group((0..self.m.states.len()).map(|s| {
            let row: Vec<usize> = table[s * inputs..(s + 1) * inputs].to_vec();
            (row, s, s)
        }));
        let refused = Ident::new("__refused", Span::mixed_site());
        let arms = rows.iter().map(|(representative, states)| {
            let pattern = self.state_patterns(states);
            let row = &table[representative * inputs..(representative + 1) * inputs];
            let mut inner: Vec<TokenStream> = row
                .iter()
                .enumerate()
                .filter(|&(_, &c)| c != 0)
                .map(|(i, &c)| {
                    let (_, g) = self.cases[c - 1];
                    let method = g.map_or_else(|| Self::step_name(i), |g| case_name(i, g));
                    let call = self.handle_call(i, &method);
                    let pattern = self.input_pattern(i, true);
                    if two_stages {
                        quote!(#pattern => return #call)
                    } else {
                        quote!(#pattern => #call)
                    }
                })
                .collect();
            if row.contains(&0) {
                if two_stages {
                    inner.push(quote!(#refused => #refused));
                } else {
                    let refusal = self.refusal(&quote!(#input_enum::index(&#refused)), true);
                    inner.push(quote!(#refused => #refusal));
                }
            }
            if inner.len() == 1 && two_stages && row.iter().all(|&c| c == 0) {
                return quote!(#pattern => input); // all its inputs are for the second match
            }
            quote!(#pattern => match input { #(#inner,)* })
        });
        let tag = self.tag_of(&quote!(self));
        if !two_stages {
            return quote! {
                let #from = #tag;
                match #from { #(#arms,)* }
            };
        }
        // Then each shared guarded transition, checked once for all its states, and the
        // refusals.
        let mut second = Vec::new();
        for (i, shared) in shared.iter().enumerate() {
            let Some(shared) = shared else { continue };
            let in_states = (shared.states.len() < self.m.states.len()).then(|| {
                let states = self.state_patterns(&shared.states);
                quote!(::core::matches!(#from, #states))
            });
            let within = in_states.as_ref().map(|test| quote!(#test &&));
            let condition = self.shared_condition(shared, shared.states[0]);
            let calls = self.groups[i]
                .iter()
                .enumerate()
                .filter(|(_, (representative, _))| shared.states.contains(representative))
                .map(|(g, (_, states))| {
                    let states = self.state_patterns(states);
                    let call = self.handle_call(i, &held_name(i, g));
                    quote!(#states => #call)
                });
            let pattern = self.input_pattern(i, true);
            let wild = self.input_pattern(i, false);
            let guards_failed = self.guards_failed(i);
            let unreachable = (shared.states.len() < self.m.states.len())
                .then(|| quote!(_ => ::core::unreachable!(),));
            second.push(quote! {
                #pattern if #within #condition => match #from { #(#calls,)* #unreachable }
            });
            let within = in_states.map(|test| quote!(if #test));
            second.push(quote!(#wild #within => #guards_failed));
        }
        let refusal = self.refusal(&quote!(#input_enum::index(&#refused)), true);
        quote! {
            let #from = #tag;
            let input = match #from { #(#arms,)* };
            match input {
                #(#second,)*
                #refused => #refusal,
            }
        }
    }

    /// `Input::Variant { args }` (with the arguments bound), or `Input::Variant { .. }`.
    fn input_pattern(&self, i: usize, bind: bool) -> TokenStream {
        let (input_enum, input) = (&self.input_enum, &self.m.inputs[i]);
        let variant = &input.variant;
        if bind {
            let fields = input.params.iter().map(|p| &p.name);
            quote!(#input_enum::#variant { #(#fields),* })
        } else {
            quote!(#input_enum::#variant { .. })
        }
    }

    /// `__handle`'s call of input `i`'s step `method`, its value and error as `handle` returns
    /// them.
    fn handle_call(&self, i: usize, method: &Ident) -> TokenStream {
        let Gen {
            return_enum,
            failure_enum,
            ..
        } = self;
        let input = &self.m.inputs[i];
        let variant = &input.variant;
        let fields: Vec<_> = input.params.iter().map(|p| &p.name).collect();
        let observer = observer_ident();
        let cx = self.context_arg();
        let ok = if input.ret.is_some() {
            quote!(#return_enum::#variant)
        } else {
            quote!(|()| #return_enum::#variant)
        };
        let awaited = self.awaited();
        let call = quote!(::core::result::Result::map(self.#method(#observer, #cx #(#fields),*) #awaited, #ok));
        let widen = match (&self.handle_failure(), self.m.fallible_type(i)) {
            (HandleFailure::Enum, Some(_)) => {
                Some(quote!(|__error| __error.map_failure(#failure_enum::#variant)))
            }
            (HandleFailure::Enum | HandleFailure::Shared(_), None) => {
                Some(quote!(|__error| __error.widen()))
            }
            _ => None,
        };
        match widen {
            Some(widen) => quote!(::core::result::Result::map_err(#call, #widen)),
            None => call,
        }
    }

    /// The step of input `i`, by cases (see the module docs): each group of states that runs the
    /// same code is a case method (`__case<i>_<g>`), which `__handle` calls too.
    pub(super) fn case_step(&self, i: usize) -> TokenStream {
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
        let (generics, observer_param) = self.step_generics(Some(i));
        let observer = observer_ident();
        let cx = self.context_arg();
        let result = self.input_result(i);
        let (step, from) = (Self::step_name(i), from_ident());
        let groups = &self.groups[i];
        let (asyncness, awaited) = (self.asyncness(), self.awaited());
        let covered: usize = groups.iter().map(|(_, states)| states.len()).sum();
        let mut arms: Vec<TokenStream> = groups
            .iter()
            .enumerate()
            .map(|(g, (_, states))| {
                let pattern = self.state_patterns(states);
                let case = case_name(i, g);
                quote!(#pattern => self.#case(#observer, #cx #(#names),*) #awaited)
            })
            .collect();
        if covered < self.m.states.len() {
            let refusal = self.refusal(&quote!(#i), true);
            arms.push(quote!(_ => { #(let _ = &#names;)* #refusal }));
        }
        let unused = self.unused_args(i);
        let tag = self.tag_of(&quote!(self));
        // Fields moved out of a source are bound `mut`, for outputs that borrow them mutably.
        let unused_mut = self.has_data.then(|| quote!(unused_mut,));
        let shared = self.shared_guarded(i);
        let cases = groups.iter().enumerate().map(|(g, (representative, states))| {
            let case = case_name(i, g);
            let plan = &self.plans[representative * self.m.inputs.len() + i];
            // A case of one state of a machine with data knows its state, and lends its data.
            let (from_value, lend) = match states.as_slice() {
                [only] if self.has_data => {
                    let ident = &self.m.states[*only].name;
                    let state_enum = &self.state_enum;
                    (quote!(#state_enum::#ident), self.lend_source(*only))
                }
                _ => (tag.clone(), TokenStream::new()),
            };
            let allow = quote! {
                #[inline]
                #[allow(
                    unused_variables, unused_assignments, #unused_mut clippy::needless_pass_by_value,
                    clippy::unnecessary_wraps, clippy::too_many_lines
                )]
            };
            // A shared guarded transition (see `shared_guarded`): the case checks its guard and
            // calls the rest of the step, which `__handle` calls once it has checked the guard.
            if let Some(shared) = shared.as_ref().filter(|shared| plan == &[shared.transition]) {
                let held = held_name(i, g);
                let condition = self.shared_condition(shared, *representative);
                let guards_failed = self.guards_failed(i);
                let row = self.row_code(i, shared.transition, 0, *representative);
                return quote! {
                    #allow
                    #asyncness fn #case #generics (&mut self, #observer_param, #(#typed),*) -> #result {
                        #(#unused)*
                        let #from = #from_value;
                        if #condition {
                            self.#held(#observer, #cx #(#names),*) #awaited
                        } else #guards_failed
                    }

                    #allow
                    #asyncness fn #held #generics (&mut self, #observer_param, #(#typed),*) -> #result {
                        #(#unused)*
                        let #from = #from_value;
                        #lend
                        #row
                    }
                };
            }
            let code = self.select_code(i, plan, *representative);
            quote! {
                #allow
                #asyncness fn #case #generics (&mut self, #observer_param, #(#typed),*) -> #result {
                    #(#unused)*
                    let #from = #from_value;
                    #lend
                    #code
                }
            }
        });
        quote! {
            #[inline]
            #[allow(clippy::unnecessary_wraps)]
            #asyncness fn #step #generics (&mut self, #observer_param, #(#typed),*) -> #result {
                let #from = #tag;
                match #from { #(#arms,)* }
            }

            #(#cases)*
        }
    }

    /// Step 1, select: the candidates of `plan` tried in order (an `if` chain over their
    /// guards), the chosen one's code, or the refusal when no guard held. `state` stands for the
    /// states that share this code.
    pub(super) fn select_code(&self, i: usize, plan: &[usize], state: usize) -> TokenStream {
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
            let transition = &self.m.transitions[t];
            let Some(guard) = &transition.guard else {
                continue; // only the last candidate may be unguarded
            };
            // Guards see what any candidate's step sees before the commit: the input's
            // arguments and the source's fields.
            let names = Names::new(Step::new(self.m, transition, state, Route::Main));
            let condition = self.condition(&names, &guard.expr, &memo);
            let row = self.row_code(i, t, candidate, state);
            code = quote!(if #condition #row else #code);
        }
        quote!({ #(#declarations)* #code })
    }

    /// A guard expression as a Rust condition; guards in `memo` are evaluated once.
    pub(super) fn condition(&self, names: &Names, expr: &GuardExpr, memo: &[usize]) -> TokenStream {
        combine(expr, &|g, name| {
            let call = self.guard_call(names, g, name);
            if !memo.contains(&g) {
                return call;
            }
            let cache = memo_ident(g);
            let held = Ident::new("__held", Span::mixed_site());
            quote!(match #cache {
                ::core::option::Option::Some(#held) => #held,
                ::core::option::Option::None => {
                    let #held = #call;
                    #cache = ::core::option::Option::Some(#held);
                    #held
                }
            })
        })
    }

    /// One evaluation of guard `g` with the input's arguments and the source's fields by
    /// reference, which the observer hears of; spanned on the guard's name in the transition.
    pub(super) fn guard_call(&self, names: &Names, g: usize, name: &Ident) -> TokenStream {
        let Gen {
            outputs_trait,
            core,
            ..
        } = self;
        let from = from_ident();
        let held = Ident::new("__held", Span::mixed_site());
        let none = HashSet::new();
        let args = self.m.guards[g]
            .params
            .iter()
            .map(|param| self.pass(names, Phase::Before, param, &none, true));
        let span = name.span();
        let method = super::respan(&self.m.guards[g].name, span);
        let core_ref = quote!(&self.__core);
        let call = quote_spanned!(span=> <#core as #outputs_trait>::#method(#core_ref, #(#args),*));
        let hook = self.hook("guard", &quote!(#from, #g, #held));
        quote!({ let #held: ::core::primitive::bool = #call; #hook #held })
    }

    /// The refusal when the candidates' guards all failed.
    pub(super) fn guards_failed(&self, i: usize) -> TokenStream {
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

    /// The state a step is in once it has committed: `self.__state`, or for a machine with data
    /// (whose tag is not a field) the target's path, `__from` when it stays.
    /// The state a step of `t` committed: its target's tag, or what a history target chose.
    fn committed(&self, t: &super::super::model::Transition) -> TokenStream {
        if t.history.is_some() {
            self.history_state()
        } else {
            self.to_state(t.target)
        }
    }

    fn to_state(&self, target: Target) -> TokenStream {
        if !self.has_data {
            return quote!(self.__state);
        }
        match target {
            Target::State(s) => {
                let (state_enum, ident) = (&self.state_enum, &self.m.states[s].name);
                quote!(#state_enum::#ident)
            }
            Target::Stay => {
                let from = from_ident();
                quote!(#from)
            }
        }
    }

    /// Step 4 of `names`' step: store the target (`None`: the step stays and keeps its data).
    /// `after` holds the values its outputs take.
    fn commit_code(&self, names: &Names, target: Target, after: &HashSet<Value>) -> TokenStream {
        if self.has_data {
            if !names.step.leaves() {
                return TokenStream::new();
            }
            let moved = names.moved_fields(after);
            return self.data_commit(&names.step, &names.fills, &moved);
        }
        match target {
            Target::State(s) => {
                let (state_enum, ident) = (&self.state_enum, &self.m.states[s].name);
                quote!(self.__state = #state_enum::#ident;)
            }
            Target::Stay => TokenStream::new(),
        }
    }

    /// The `fallible` (or infallible) producers of `names`' route (`=> Target { field = output }`),
    /// before the commit: each output's value in its local (`__made<b>`); a failing fallible one
    /// runs `on_error`. `later` holds the values taken after them.
    fn producers_code(
        &self,
        names: &Names,
        later: &HashSet<Value>,
        on_error: &dyn Fn(usize) -> TokenStream,
        fallible: bool,
    ) -> TokenStream {
        let (ok, error) = (Ident::new("__ok", Span::mixed_site()), error_ident());
        let bindings = names.step.bindings();
        let mut code = TokenStream::new();
        let from = from_ident();
        for (b, binding) in bindings.iter().enumerate() {
            let Some(used) = binding
                .output
                .as_ref()
                .filter(|u| u.fallible.is_some() == fallible)
            else {
                continue;
            };
            let mut after = later.clone();
            let rest: Vec<&OutputUse> = bindings[b + 1..]
                .iter()
                .filter_map(|b| b.output.as_ref())
                .collect();
            after.extend(names.values_of(self, Phase::Before, &rest));
            let call = self.output_call(names, Phase::Before, used, &after);
            let output_index = used.output;
            code.extend(self.hook("output", &quote!(#from, #output_index)));
            let local = Self::made_local(b);
            let span = used.name.span();
            // The field's type, so that an output producing another type is reported on it.
            let target = &self.m.states[names.step.target()];
            let ty = target
                .fields
                .iter()
                .find(|f| f.name == binding.field)
                .map(|f| &f.ty);
            let annotated = ty.map(|ty| quote_spanned!(span=> : #ty));
            if used.fallible.is_some() {
                let on_error = on_error(output_index);
                let mut ok = ok.clone();
                ok.set_span(ok.span().located_at(span));
                code.extend(quote_spanned! {span=>
                    let #local #annotated = match #call {
                        ::core::result::Result::Ok(#ok) => #ok,
                        ::core::result::Result::Err(#error) => { #on_error }
                    };
                });
            } else {
                code.extend(quote_spanned!(span=> let #local #annotated = #call;));
            }
        }
        code
    }

    /// Steps 2 to 6 of transition `t` (on input `i`), the `candidate`-th of its source's
    /// candidates, from `state` (or a state that shares its code): try, exit, commit, outputs,
    /// entry, and the input's value.
    pub(super) fn row_code(
        &self,
        i: usize,
        t: usize,
        candidate: usize,
        state: usize,
    ) -> TokenStream {
        let transition = &self.m.transitions[t];
        let input = &self.m.inputs[i];
        let from = from_ident();
        let names = Names::new(Step::new(self.m, transition, state, Route::Main));
        let tries: Vec<&OutputUse> = transition
            .outputs
            .iter()
            .filter(|u| u.fallible.is_some())
            .collect();
        let mains: Vec<&OutputUse> = transition
            .outputs
            .iter()
            .filter(|u| u.fallible.is_none())
            .collect();
        let else_names = transition
            .otherwise
            .as_ref()
            .map(|_| Names::new(Step::new(self.m, transition, state, Route::Else)));
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

        let after = names.values_of(self, Phase::After, &mains);
        let later_all = self.taken_after_try(&names, else_names.as_ref(), &after, &elses);
        let on_error = |output_index: usize| {
            self.failure_code(i, candidate, output_index, else_names.as_ref(), &elses)
        };

        // 2. try: what may fail (the fallible producers of the target's fields, then the fallible
        // outputs), then the producers that cannot
        let mut code = TokenStream::new();
        let infallible: Vec<&OutputUse> = transition
            .producers()
            .filter(|u| u.fallible.is_none())
            .collect();
        let mut later_producers = later_all.clone();
        later_producers.extend(names.values_of(self, Phase::Before, &tries));
        later_producers.extend(names.values_of(self, Phase::Before, &infallible));
        code.extend(self.producers_code(&names, &later_producers, &on_error, true));
        let (ok, error) = (Ident::new("__ok", Span::mixed_site()), error_ident());
        let mut value = None;
        for (k, used) in tries.iter().enumerate() {
            let mut later = names.values_of(self, Phase::Before, &tries[k + 1..]);
            later.extend(names.values_of(self, Phase::Before, &infallible));
            later.extend(later_all.iter().copied());
            let call = self.output_call(&names, Phase::Before, used, &later);
            let output_index = used.output;
            code.extend(self.hook("output", &quote!(#from, #output_index)));
            let on_error = on_error(output_index);
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
        code.extend(self.producers_code(&names, &later_all, &on_error, false));

        // 3. exit
        let path = self.m.path(transition, state, false);
        let exits = path.leaves();
        if exits {
            code.extend(self.exit_code(&path.exits));
        }

        // 4. commit (a self-loop that stays needs no store)
        let target = transition.target_from(state);
        if let Some(history) = transition.history {
            code.extend(self.history_commit(history));
        } else {
            code.extend(self.commit_code(&names, transition.target, &after));
        }
        let to = self.committed(transition);
        code.extend(self.commit_hook(&quote!(#i), &to, candidate, false));

        // 5. outputs
        if self.has_data && self.takes_target(&names, &mains) {
            code.extend(self.lend_target(target));
        }
        let (statements, returned) = self.run_outputs(&names, &mains, &HashSet::new(), &to);
        code.extend(statements);

        // 6. entry
        if exits {
            code.extend(self.entry_code(&path.entries, &to));
        }
        if let Some(history) = transition.history {
            code.extend(self.history_entry(history, &to));
        }
        // 7. complete
        code.extend(self.complete_call());
        let value = value.or(returned).unwrap_or_else(|| quote!(()));
        quote!({ #code ::core::result::Result::Ok(#value) })
    }

    /// The arguments something after the try phase takes (so that the try phase clones rather
    /// than moves them): the commit, the outputs (`after`: the values they take), an `else`
    /// route's producers, commit and outputs (`elses`).
    fn taken_after_try(
        &self,
        names: &Names,
        else_names: Option<&Names>,
        after: &HashSet<Value>,
        elses: &[&OutputUse],
    ) -> HashSet<Value> {
        let mut later: HashSet<Value> = after.clone();
        later.extend(names.consumed());
        if let Some(else_names) = else_names {
            later.extend(else_names.values_of(self, Phase::After, elses));
            later.extend(else_names.consumed());
            let producers: Vec<&OutputUse> = else_names
                .step
                .bindings()
                .iter()
                .filter_map(|b| b.output.as_ref())
                .collect();
            later.extend(else_names.values_of(self, Phase::Before, &producers));
        }
        later.retain(|v| matches!(v, Value::Arg(_)));
        later
    }

    /// What a step does when fallible output `output_index` (of the `candidate`-th transition on
    /// input `i`) fails with `__error`: take the `else` route, or refuse with `Failed`.
    fn failure_code(
        &self,
        i: usize,
        candidate: usize,
        output_index: usize,
        else_names: Option<&Names>,
        elses: &[&OutputUse],
    ) -> TokenStream {
        if let Some(else_names) = else_names {
            if let Some(otherwise) = &else_names.step.t.otherwise {
                return self.else_code(i, candidate, output_index, otherwise, else_names, elses);
            }
        }
        let rt = &self.rt;
        let (from, error) = (from_ident(), error_ident());
        let hook = self.hook("failed", &quote!(#from, #i, #output_index));
        quote! {
            #hook
            return ::core::result::Result::Err(#rt::StepError::Failed(
                #rt::Failed::__new(#from, #i, #output_index, #error)
            ));
        }
    }

    /// The `else` route, once the fallible output `output` failed with `__error`: the observer
    /// hears of the diversion, then the route's producers, exit, commit, the route's outputs
    /// (which receive the failure by name) and entry run as for any transition from the source;
    /// the step returns the failure as `StepError::Diverted`.
    pub(super) fn else_code(
        &self,
        i: usize,
        candidate: usize,
        output: usize,
        otherwise: &Else,
        names: &Names,
        outputs: &[&OutputUse],
    ) -> TokenStream {
        let rt = &self.rt;
        let (from, error) = (from_ident(), error_ident());
        let state = names.step.source;
        let mut code = self.hook("diverted", &quote!(#from, #i, #output));
        let after = names.values_of(self, Phase::After, outputs);
        let mut later = after.clone();
        later.extend(names.consumed());
        // An else route's producers are infallible (`check`); nothing to divert to again.
        code.extend(self.producers_code(names, &later, &|_| quote!(::core::unreachable!()), false));
        let path = self.m.path(names.step.t, state, true);
        let exits = path.leaves();
        if exits {
            code.extend(self.exit_code(&path.exits));
        }
        code.extend(self.commit_code(names, otherwise.target, &after));
        let to = self.to_state(otherwise.target);
        code.extend(self.commit_hook(&quote!(#i), &to, candidate, true));
        if self.has_data && self.takes_target(names, outputs) {
            code.extend(self.lend_target(otherwise.target.from(state)));
        }
        let (statements, _) = self.run_outputs(names, outputs, &HashSet::new(), &to);
        code.extend(statements);
        if exits {
            code.extend(self.entry_code(&path.entries, &to));
        }
        code.extend(self.complete_call());
        quote! {
            #code
            return ::core::result::Result::Err(#rt::StepError::Diverted(
                #rt::Diverted::__new(#from, #i, #output, #to, #error)
            ));
        }
    }

    /// An entry or exit action (an output without parameters), announced to the observer in
    /// `state` (an expression), spanned on its name in the state's block.
    pub(super) fn action(&self, used: &OutputUse, state: &TokenStream) -> TokenStream {
        let Gen {
            outputs_trait,
            core,
            ..
        } = self;
        let span = used.name.span();
        let method = super::respan(&self.m.outputs[used.output].name, span);
        let output_index = used.output;
        let hook = self.hook("output", &quote!(#state, #output_index));
        let core_ref = quote!(&mut self.__core);
        // An action's only possible parameter is the context (`check`), lent to each in turn.
        let lent = HashSet::from([Value::Context]);
        let args = self.m.outputs[used.output].params.iter().map(|param| {
            if self.m.raise.is_some() && param.name == super::super::model::RAISE_PARAM {
                self.raise_arg(param.name.span())
            } else {
                self.pass_context(param, &lent, false)
            }
        });
        let awaited = self.output_awaited(used.output);
        let call = quote_spanned!(span=> <#core as #outputs_trait>::#method(#core_ref, #(#args),*) #awaited);
        quote!(#hook #call;)
    }

    /// Step 3: the observer hears that `from` is left, then the exit actions of `exits` run
    /// (the leaf's, then its compounds' up to the domain, innermost first).
    pub(super) fn exit_code(&self, exits: &[Node]) -> TokenStream {
        let from = from_ident();
        let mut code = self.hook("exit", &quote!(#from));
        for &node in exits {
            code.extend(self.timer_cancels(node, &quote!(self)));
            for used in self.m.exit_actions(node) {
                code.extend(self.action(used, &quote!(#from)));
            }
        }
        code.extend(self.record_history(exits));
        code
    }

    /// Step 6: the observer hears that `to` (the current state) is entered, then the entry
    /// actions of `entries` run (outermost first, down to the leaf).
    pub(super) fn entry_code(&self, entries: &[Node], to: &TokenStream) -> TokenStream {
        let mut code = self.hook("entry", to);
        for &node in entries {
            for used in self.m.entry_actions(node) {
                code.extend(self.action(used, to));
            }
            code.extend(self.timer_starts(node, &quote!(self)));
        }
        code
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
        // What each candidate's routes exit and enter, as the actions they run.
        let actions = |path: StepPath| {
            // A timer's start or cancel counts as an action (numbered after the outputs).
            let timers = |n: Node| {
                m.timers
                    .iter()
                    .enumerate()
                    .filter(move |(_, t)| t.node == Some(n))
                    .map(|(k, _)| m.outputs.len() + k)
            };
            let exits: Vec<usize> = path
                .exits
                .iter()
                .flat_map(|&n| m.exit_actions(n).iter().map(|u| u.output).chain(timers(n)))
                .collect();
            let entries: Vec<usize> = path
                .entries
                .iter()
                .flat_map(|&n| m.entry_actions(n).iter().map(|u| u.output).chain(timers(n)))
                .collect();
            (path.leaves(), exits, entries)
        };
        let routes: Vec<_> = plan
            .iter()
            .map(|&t| {
                let t = &m.transitions[t];
                let otherwise = t.otherwise.is_some().then(|| actions(m.path(t, s, true)));
                (actions(m.path(t, s, false)), otherwise)
            })
            .collect();
        // A state with data runs code of its own: it reads and moves its own fields.
        let own = (!m.states[s].fields.is_empty()).then_some(s);
        Some(((plan.clone(), routes, own), s, s))
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

/// A guarded transition that is the whole plan of two or more states on one input (as `_ +
/// reset [low] => Idle` is, in every state without a `reset` of its own), with those states. Its
/// guard takes only the input's arguments and the context, so `__handle` checks it once for all
/// of them, after the states' own transitions, as a hand-written `match (state, input)` with a
/// last arm `(_, Reset(n)) if low(n)` does (LLVM then folds "is it `reset`" and "does the guard
/// hold" into one branch; checked per state, they are two, and both mispredict).
pub(super) struct Shared {
    pub transition: usize,
    pub states: Vec<usize>,
}

impl Gen<'_> {
    /// Input `i`'s shared guarded transition, if it has one (see `Shared`).
    pub(super) fn shared_guarded(&self, i: usize) -> Option<Shared> {
        if !self.cases.iter().any(|&(j, g)| j == i && g.is_some()) {
            return None;
        }
        let inputs = self.m.inputs.len();
        let mut by_transition: Vec<(usize, Vec<usize>)> = Vec::new();
        for s in 0..self.m.states.len() {
            if let [t] = self.plans[s * inputs + i].as_slice() {
                match by_transition.iter_mut().find(|(u, _)| u == t) {
                    Some((_, states)) => states.push(s),
                    None => by_transition.push((*t, vec![s])),
                }
            }
        }
        let (transition, states) = by_transition
            .into_iter()
            .max_by_key(|(_, states)| states.len())?;
        let guard = self.m.transitions[transition].guard.as_ref()?;
        if states.len() < 2 {
            return None;
        }
        let mut names = Vec::new();
        guard.expr.names(&mut names);
        let mut seen = HashSet::new();
        let params = &self.m.inputs[i].params;
        let context = self.m.context.as_ref().map(|c| c.name.unraw().to_string());
        let plain = names.iter().all(|(g, _)| {
            seen.insert(*g)
                && self.m.guards[*g].params.iter().all(|param| {
                    let name = param.name.unraw().to_string();
                    let known =
                        params.iter().any(|p| p.name == name) || context.as_deref() == Some(&*name);
                    let field = states
                        .iter()
                        .any(|&s| self.m.states[s].fields.iter().any(|f| f.name == name));
                    known && !field
                })
        });
        plain.then_some(Shared { transition, states })
    }

    /// The guard of `shared`, as the case of `state` (one of its states) evaluates it.
    fn shared_condition(&self, shared: &Shared, state: usize) -> TokenStream {
        let transition = &self.m.transitions[shared.transition];
        let names = Names::new(Step::new(self.m, transition, state, Route::Main));
        let guard = transition.guard.as_ref().map(|g| &g.expr);
        guard.map_or_else(|| quote!(true), |expr| self.condition(&names, expr, &[]))
    }
}

/// The rest of a shared guarded transition's step once its guard held (see `Shared`).
fn held_name(i: usize, g: usize) -> Ident {
    format_ident!("__held{}_{}", i, g)
}

/// The name of the method of input `i`'s group `g` of states.
pub(super) fn case_name(i: usize, g: usize) -> Ident {
    format_ident!("__case{}_{}", i, g)
}

/// The cached value of guard `g` in one step.
fn memo_ident(g: usize) -> Ident {
    Ident::new(&format!("__guard{g}"), Span::mixed_site())
}

/// A guard expression as a Rust condition: `!`, `&&` and `||` over what `leaf` writes for each
/// guard (given its index and its name as written).
pub(super) fn combine(
    expr: &GuardExpr,
    leaf: &dyn Fn(usize, &Ident) -> TokenStream,
) -> TokenStream {
    match expr {
        GuardExpr::Name(g, name) => leaf(*g, &name.0),
        GuardExpr::Not(inner) => {
            let inner = combine(inner, leaf);
            quote!(!(#inner))
        }
        GuardExpr::And(a, b) => {
            let (a, b) = (combine(a, leaf), combine(b, leaf));
            quote!((#a && #b))
        }
        GuardExpr::Or(a, b) => {
            let (a, b) = (combine(a, leaf), combine(b, leaf));
            quote!((#a || #b))
        }
    }
}
