//! SVG drawn in pure Rust, in Automat's visual language, with no Graphviz installed.
//!
//! The layout is a small layered one, made for state machines. The crates were measured first
//! (`scripts/layout-crates/`): on a 64-state, 256-transition machine `layout-rs` took 54 s and
//! left edge labels far from their edges, `dagre` 0.1.2 (dagre.js's port) 2.1 s and
//! `rust-sugiyama` 0.4.0 0.1 s, where this takes 2 to 3 ms (the bound is 20); both need `std`,
//! neither draws a compound around its states, and rust-sugiyama routes no edges. On the
//! corpus dagre crosses fewer edges (46 to our 60, its compounds left flat); this:
//!
//! - states are ranked by breadth-first distance from the initial state (states no input reaches
//!   are ranked after the others) and drawn on even rows, as ellipses;
//! - each declared transition is one small box (its input and guard over its outputs) on the odd
//!   row just below its first source state, so there are no edge labels to place: the edges into
//!   the box (one from each state it applies to, or one from a dashed "any state" node for a
//!   wildcard) have no arrowhead, the edge out of it points at the target (a rule that stays in
//!   several states has none, and a `↺`); an `else` route's box and edges are dashed;
//! - states show their entry and exit actions under their names;
//! - the order within rows comes from a few barycenter sweeps (each node moves toward the mean
//!   position of its neighbours in the adjacent row), with stable tie-breaks;
//! - nodes in a row are packed side by side and rows are stacked, so boxes never overlap; then
//!   (outside compounds) a few passes move each row's nodes, in their order, as near as their
//!   spacing and the widest row allow to the mean place of their neighbours, an edge's virtual
//!   points weighing most, so long edges run straight and nodes sit over what they lead to
//!   (least squares by pool-adjacent-violators: Sugiyama's priority layout in spirit, simpler
//!   than Brandes and Köpf's four alignments, and measured to cross no more);
//! - a picture more than three times wider than high (few states, many transitions) folds its
//!   widest row of boxes onto more rows, the boxes whose edge goes back up on the upper ones,
//!   until it is not; one more than three times higher than wide (a long chain of states,
//!   without compounds) wraps its ranks onto as few columns side by side as bring it within
//!   the bound, each column reading top down, an edge from one column to another running up or
//!   down the side of its column that faces the other (a machine of more than a few hundred
//!   nodes keeps its first layout);
//! - edges cross every row they pass straight down (or up), at their ends or at the places
//!   their virtual points hold in the rows between, and bend only in the gaps between rows,
//!   where there is no node, so no edge passes through one (`tests/diagrams.rs` and
//!   `tests/diagram_quality.rs` check it geometrically). Down: out of a node's bottom into the
//!   next one's top; back up: out of a top into a bottom. The edges that meet one side of a
//!   node (leaving it or entering it) are spread along the middle half of that side in the order
//!   of where each goes next, so they fan out without crossing beside the node, and edges
//!   between the same two nodes run side by side;
//! - after the sweeps, an edge that spans seven rows or more moves to the end of each row it
//!   crosses on the side the sweeps left it (so it runs around the rows between its ends, not
//!   through them), and then neighbours in a row swap while that lowers their links' crossings
//!   (transposition);
//! - a compound state is a rounded box around its states, labelled with its name (and its
//!   entry and exit actions): within a row, the sweeps keep the nodes of one compound together;
//!   a history target is a small circled `H` (`H*` when deep) inside its compound;
//! - an eventless transition is a box of its own (its guard over its outputs) with dotted edges.
//!
//! Everything is deterministic: the same description draws the same bytes. The output has no
//! blank lines and no `<style>` element, so it can be inlined into Markdown and rustdoc pages.

use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use crate::escape::Xml;
use crate::rules::{Host, LoopLine};
use crate::{Description, Rule};

/// A [`Description`] rendered as SVG; see [`Description::svg`].
#[derive(Debug, Clone, Copy)]
pub struct Svg<'a> {
    description: &'a Description<'a>,
    current: Option<usize>,
    /// The inputs whose transitions are left out ([`Self::hide_inputs`]).
    hidden: &'a [&'a str],
    /// Whether self-loops are lines inside their states ([`Self::collapse_self_loops`]).
    loops: bool,
}

impl<'a> Description<'a> {
    /// Renders the machine as an SVG image, laid out in pure Rust (feature `svg`).
    ///
    /// States are blue ellipses (the initial one bold, final ones doubled); each transition is a
    /// box with its input over its outputs, between its source and its target.
    #[must_use]
    pub const fn svg(&'a self) -> Svg<'a> {
        Svg {
            description: self,
            current: None,
            hidden: &[],
            loops: false,
        }
    }
}

crate::highlight::highlight_methods!(
    Svg,
    "filled, with a thick outline and the class `automat-current`"
);
crate::highlight::collapse_method!(Svg);

const FONT: f64 = 12.0;
const SMALL_FONT: f64 = 10.0;
/// Width of one character of the monospace font, as a fraction of the font size.
const CHAR_WIDTH: f64 = 0.62;
const H_GAP: f64 = 24.0;
const V_GAP: f64 = 30.0;
const MARGIN: f64 = 16.0;
const SWEEPS: usize = 4;
/// The diameter of a history node.
const HISTORY: f64 = 22.0;
/// A picture wider than this many times its height folds its widest row of boxes.
const ASPECT: f64 = 3.0;
/// An edge that spans this many rows or more (its virtual points) runs at the sides.
const LONG: usize = 7;
/// How many folds a layout tries before it keeps what it has (each is a layout of its own).
const FOLDS: usize = 4;
/// Folding is for the machines people read: past this many nodes (edges' points included) a
/// fold's extra rows would cost more layout time than the picture gains, so a larger machine
/// keeps its first layout.
const FOLD_NODES: usize = 400;
/// The room between a compound's box and what it holds.
const CLUSTER_PAD: f64 = 8.0;
/// The distance between the ends of edges that meet a node on the same side, at most.
const PORT_GAP: f64 = 12.0;
/// The room between the columns of a tall machine that wraps.
const COLUMN_GAP: f64 = 48.0;
/// The height of a line of a compound's label.
const CLUSTER_LABEL: f64 = 14.0;

/// A laid-out node: its centre and size. States come first (ids `0..states`), then one box per
/// rule (see [`Layout::boxes`]), then the "any state" node when wildcards need one, then the
/// virtual points that long edges pass through.
#[derive(Clone, Copy, Debug)]
struct Node {
    row: usize,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    /// The column it is drawn in, when a tall machine wraps onto several (else 0).
    column: usize,
    /// The middle and the half width of its column (set by `place`).
    lane: (f64, f64),
}

/// An edge to draw: from node `from` through the virtual points `via` to node `to`.
struct Edge {
    from: usize,
    to: usize,
    via: Vec<usize>,
    /// An arrowhead at `to` (edges out of a box); edges into a box have none.
    arrow: bool,
    /// An `else` route's edges are dashed.
    dashed: bool,
    /// An eventless transition's edges are dotted.
    dotted: bool,
    /// Where an edge between rows leaves its first node and enters its last: the x of each end
    /// on the node's border (see [`assign_ports`]).
    ports: (f64, f64),
}

/// The layout: nodes and edges.
struct Layout<'a> {
    nodes: Vec<Node>,
    /// How many states: nodes `0..states`.
    states: usize,
    /// The highest rank of a state.
    ranks: usize,
    /// Per row, the top and bottom of its tallest node: edges cross a row straight down.
    bands: Vec<(f64, f64)>,
    /// The rule of each box, in order: box `k` is node `states + k`.
    boxes: Vec<Rule<'a>>,
    /// The first entry of each eventless rule (in `Description::eventless`), with its box's node.
    eventless: Vec<(usize, usize)>,
    /// The history nodes: compound, deep, node.
    histories: Vec<(usize, bool, usize)>,
    /// Each compound's box, `[left, top, right, bottom]`, around what it holds.
    compounds: Vec<[f64; 4]>,
    /// The "any state" node, when some rule is a wildcard.
    any: Option<usize>,
    edges: Vec<Edge>,
    /// Per node, whether nothing is drawn left (right) of it in its row, so an edge may use
    /// that side.
    free: Vec<(bool, bool)>,
    /// The collapsed self-loops, listed inside their nodes.
    listed: Listed<'a>,
}

/// The self-loops a renderer that collapses them lists inside nodes instead of drawing (all
/// empty when it does not): per state, per compound, and in the "any state" node.
struct Listed<'a> {
    states: Vec<Vec<Rule<'a>>>,
    compounds: Vec<Vec<Rule<'a>>>,
    any: Vec<Rule<'a>>,
}

impl<'a> Listed<'a> {
    fn new(d: &'a Description<'a>, hidden: &'a [&'a str], loops: bool) -> Self {
        let of = |host: Host| -> Vec<Rule<'a>> {
            if loops {
                d.loops_in(hidden, host).collect()
            } else {
                Vec::new()
            }
        };
        Listed {
            states: (0..d.states.len()).map(|s| of(Host::State(s))).collect(),
            compounds: (0..d.compounds.len())
                .map(|c| of(Host::Compound(c)))
                .collect(),
            any: of(Host::Any),
        }
    }
}

/// How many characters `item` writes.
fn chars_of(item: &dyn fmt::Display) -> usize {
    struct Count(usize);
    impl fmt::Write for Count {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0 += s.chars().count();
            Ok(())
        }
    }
    let mut count = Count(0);
    // Counting cannot fail.
    let _ = fmt::write(&mut count, format_args!("{item}"));
    count.0
}

/// The width of collapsed self-loop `rule`'s line.
fn loop_width(rule: Rule<'_>) -> f64 {
    text_width(chars_of(&LoopLine(rule, |name| name)), SMALL_FONT)
}

/// The width of the widest of the lines of collapsed self-loops `rules`.
fn lines_width(rules: &[Rule<'_>]) -> f64 {
    rules
        .iter()
        .map(|&rule| loop_width(rule))
        .fold(0.0, f64::max)
}

/// Writes the lines of collapsed self-loops `rules`, 14 apart from `y`'s next line on, left
/// at `x` or centred on it (as the text's anchor says).
fn write_loop_lines(f: &mut fmt::Formatter<'_>, rules: &[Rule<'_>], x: f64, y: f64) -> fmt::Result {
    for (line, rule) in rules.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)] // a few lines
        let y = y + 14.0 * (line + 1) as f64;
        write!(
            f,
            "<text x=\"{}\" y=\"{}\" font-size=\"{SMALL_FONT}\" fill=\"#6a3d7d\">",
            Num(x),
            Num(y)
        )?;
        rule.write_loop(f, Xml)?;
        f.write_str("</text>")?;
    }
    Ok(())
}

fn text_width(chars: usize, font: f64) -> f64 {
    #[allow(clippy::cast_precision_loss)] // names are far shorter than 2^52 characters
    let chars = chars as f64;
    chars * font * CHAR_WIDTH
}

/// The length of a box's top line: its head, guard and mark.
fn head_chars(rule: &Rule<'_>) -> usize {
    rule.head_chars()
        + rule.guard().map_or(0, |g| g.chars().count() + 3)
        + rule.mark().chars().count()
}

/// The length of a box's bottom line: its outputs, `?` marks and separators.
fn outputs_chars(rule: &Rule<'_>) -> usize {
    let (mut chars, mut count) = (0_usize, 0_usize);
    for (name, fallible) in rule.outputs() {
        chars += name.chars().count() + usize::from(fallible);
        count += 1;
    }
    chars + 2 * count.saturating_sub(1)
}

/// How many lines of fields and of entry and exit actions a state shows under its name.
fn action_lines(state: &crate::StateInfo<'_>) -> usize {
    state.fields.len() + usize::from(!state.entry.is_empty()) + usize::from(!state.exit.is_empty())
}

/// The widths of the lines under a state's name, top down: its fields, its entry and exit
/// actions, its collapsed self-loops.
fn detail_widths<'a>(
    d: &'a Description<'a>,
    state: &'a crate::StateInfo<'a>,
    loops: &'a [Rule<'a>],
) -> impl Iterator<Item = f64> + 'a {
    let fields = state.fields.iter().map(|field| {
        text_width(
            field.name.chars().count() + 2 + field.ty.chars().count(),
            SMALL_FONT,
        )
    });
    let actions = [("entry", state.entry), ("exit", state.exit)]
        .into_iter()
        .filter(|(_, actions)| !actions.is_empty())
        .map(move |(kind, actions)| text_width(actions_chars(d, kind, actions), SMALL_FONT));
    let loops = loops.iter().map(|&rule| loop_width(rule));
    fields.chain(actions).chain(loops)
}

/// The square root of `x` in `[0.1, 1]` (smaller is taken as 0.1), by Newton's method: `core`
/// has no `sqrt` without `std`, and six steps from 1 are exact to `f64` here.
fn root(x: f64) -> f64 {
    let x = x.clamp(0.1, 1.0);
    let mut r = 1.0;
    for _ in 0..6 {
        r = 0.5 * (r + x / r);
    }
    r
}

/// The width of a state's ellipse, `height` high, whose name (`name` wide) sits over lines
/// `widths` wide, 14 apart and centred as a block: wide enough that each line, with 16 of
/// room on each side, fits inside the ellipse at its height (an ellipse narrows away from its
/// middle), and at least 64.
fn ellipse_width(name: f64, widths: impl Iterator<Item = f64>, height: f64) -> f64 {
    let half_height = height / 2.0;
    let mut lines = 0.0;
    let mut half_width = 0.0_f64;
    let mut fit = |width: f64, offset: f64| {
        let ratio = offset / half_height;
        let room = root(1.0 - ratio * ratio);
        half_width = half_width.max((width / 2.0 + 16.0) / room);
    };
    let widths: Vec<f64> = widths.collect();
    #[allow(clippy::cast_precision_loss)] // a few lines
    let top = -7.0 * widths.len() as f64;
    fit(name, top);
    for width in widths {
        lines += 14.0;
        fit(width, top + lines);
    }
    (2.0 * half_width).max(64.0)
}

/// Writes a state's fields (`conn: Connection`) one per line under its name at `name_y`.
fn write_fields(
    f: &mut fmt::Formatter<'_>,
    state: &crate::StateInfo<'_>,
    x: f64,
    name_y: f64,
) -> fmt::Result {
    for (line, field) in state.fields.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)] // a few lines
        let y = name_y + 14.0 * (line + 1) as f64;
        write!(
            f,
            "<text x=\"{}\" y=\"{}\" font-size=\"{SMALL_FONT}\" fill=\"#333\">{}: {}</text>",
            Num(x),
            Num(y),
            Xml(field.name),
            Xml(field.ty)
        )?;
    }
    Ok(())
}

/// The text of a state's line of `kind` actions: `entry / a, b`.
fn actions_chars(d: &Description<'_>, kind: &str, actions: &[usize]) -> usize {
    let names: usize = actions
        .iter()
        .filter_map(|&o| d.outputs.get(o))
        .map(|o| o.label.chars().count() + 2)
        .sum();
    kind.len() + 3 + names
}
/// Ranks states by breadth-first distance from the initial state, then from each state left
/// unranked (in declaration order), below everything ranked so far. Final states go last, on a
/// rank of their own, where a reader looks for the end.
fn ranks(d: &Description<'_>, out: &[Vec<usize>]) -> Vec<usize> {
    // `out[s]` holds the targets of `s`.
    let n = d.states.len();
    let mut rank = vec![usize::MAX; n];
    let initial = d.states.iter().position(|s| s.initial).unwrap_or(0);
    let mut next_base = 0;
    let mut queue = Vec::new();
    for root in core::iter::once(initial).chain(0..n) {
        if root >= n || rank[root] != usize::MAX {
            continue;
        }
        rank[root] = next_base;
        queue.clear();
        queue.push(root);
        let mut head = 0;
        while head < queue.len() {
            let s = queue[head];
            head += 1;
            for &target in &out[s] {
                if rank[target] == usize::MAX {
                    rank[target] = rank[s] + 1;
                    queue.push(target);
                }
            }
        }
        next_base = rank
            .iter()
            .filter(|&&r| r != usize::MAX)
            .max()
            .map_or(0, |&r| r + 1);
    }
    let last = (0..n)
        .filter(|&s| !d.states[s].is_final || s == initial)
        .map(|s| rank[s])
        .max();
    if let Some(last) = last {
        for (s, state) in d.states.iter().enumerate() {
            if state.is_final && s != initial {
                rank[s] = last + 1;
            }
        }
    }
    rank
}

/// Which row each rank's states and boxes take. States of rank `r` are on one row; the boxes
/// below them on `split[r]` rows (one, unless the picture was too wide: `layout`), each box on
/// the row its `sub` index says.
struct Rows {
    /// The row of each rank's states.
    base: Vec<usize>,
    split: Vec<usize>,
    /// How many ranks a column holds, when a tall machine wraps onto columns (else all).
    per: usize,
}

impl Rows {
    /// The rows of ranks `0..=ranks`, rank `r`'s boxes on `split[r]` rows (1 if not given), in
    /// `columns` columns of as many ranks each (only without `split`).
    fn new(split: &[usize], ranks: usize, columns: usize) -> Self {
        let split: Vec<usize> = (0..=ranks)
            .map(|r| split.get(r).copied().unwrap_or(1).max(1))
            .collect();
        let mut base = Vec::with_capacity(split.len());
        let mut row = 0;
        for &rows in &split {
            base.push(row);
            row += 1 + rows;
        }
        let per = (ranks + 1).div_ceil(columns.max(1)).max(1);
        Rows { base, split, per }
    }

    fn state(&self, rank: usize) -> usize {
        let rank = rank % self.per;
        self.base.get(rank).copied().unwrap_or(2 * rank)
    }

    /// The column of rank `rank`'s states and boxes.
    fn column(&self, rank: usize) -> usize {
        rank / self.per
    }

    fn boxes(&self, rank: usize, sub: usize) -> usize {
        let rows = self.split.get(rank).copied().unwrap_or(1);
        self.state(rank) + 1 + sub.min(rows - 1)
    }

    /// The rank whose boxes `row` holds, if it is a row of boxes.
    fn box_rank(&self, row: usize) -> Option<usize> {
        (0..self.base.len()).find(|&r| self.base[r] < row && row <= self.base[r] + self.split[r])
    }
}

/// Lays the machine out, folding the widest row of boxes onto more rows while the picture is
/// more than `ASPECT` times wider than high (a machine with few states and many transitions,
/// such as the HTTP/2 stream, would otherwise be one long strip). A machine that needs no fold
/// is laid out exactly as without this.
fn layout<'a>(d: &'a Description<'a>, hidden: &'a [&'a str], loops: bool) -> Layout<'a> {
    let mut split: Vec<usize> = Vec::new();
    let mut sub: Vec<usize> = Vec::new();
    let mut best = layout_with(d, hidden, loops, &split, &sub, 1);
    for _ in 0..FOLDS {
        let (width, height) = extent(&best);
        if width <= ASPECT * height || best.nodes.len() > FOLD_NODES {
            break;
        }
        let rows = Rows::new(&split, best.ranks, 1);
        // The widest row; folding helps only when it is one of boxes.
        let mut widths: Vec<(f64, f64)> =
            vec![(f64::INFINITY, f64::NEG_INFINITY); best.bands.len()];
        for node in &best.nodes {
            let w = &mut widths[node.row];
            *w = (
                w.0.min(node.x - node.w / 2.0),
                w.1.max(node.x + node.w / 2.0),
            );
        }
        let widest = (0..widths.len())
            .max_by(|&a, &b| (widths[a].1 - widths[a].0).total_cmp(&(widths[b].1 - widths[b].0)));
        let Some(rank) = widest.and_then(|row| rows.box_rank(row)) else {
            break;
        };
        // More rows for that rank's boxes: folding a strip `f` times makes it about `f` times
        // narrower and (its rows being most of its height) `f` times higher, so `f` is the
        // square root of how far off the bound it is. The boxes whose edge out goes back up
        // take the upper rows, those whose edge goes on down the lower ones (so that neither
        // crosses the others' rows), each group in the order the layout found.
        if split.len() <= rank {
            split.resize(rank + 1, 1);
        }
        let off = width / height / ASPECT;
        let fold = (2_u16..16).find(|&f| f64::from(f * f) >= off).unwrap_or(16);
        split[rank] *= usize::from(fold);
        sub.resize(best.boxes.len(), 0);
        let target_row = |k: usize| {
            let t = best.boxes[k].transition().target;
            best.nodes.get(t).map_or(0, |node| node.row)
        };
        let mut of_rank: Vec<usize> = (0..best.boxes.len())
            .filter(|&k| rows.box_rank(best.nodes[best.states + k].row) == Some(rank))
            .collect();
        of_rank.sort_by(|&a, &b| {
            let down = |k: usize| target_row(k) > best.nodes[best.states + k].row;
            down(a).cmp(&down(b)).then(
                best.nodes[best.states + a]
                    .x
                    .total_cmp(&best.nodes[best.states + b].x),
            )
        });
        let per_row = of_rank.len().div_ceil(split[rank]).max(1);
        for (k, &b) in of_rank.iter().enumerate() {
            sub[b] = k / per_row;
        }
        let folded = layout_with(d, hidden, loops, &split, &sub, 1);
        let (w, h) = extent(&folded);
        if w / h >= width / height {
            break;
        }
        best = folded;
    }
    if split.is_empty() && d.compounds.is_empty() && d.eventless.is_empty() {
        // A picture more than `ASPECT` times higher than wide (a long chain of states) wraps
        // its ranks onto columns side by side, as few as bring it within the bound.
        let (width, height) = extent(&best);
        let mut columns = 2;
        while height > ASPECT * width && columns <= best.ranks + 1 && best.nodes.len() <= FOLD_NODES
        {
            let wrapped = layout_with(d, hidden, loops, &split, &sub, columns);
            let (w, h) = extent(&wrapped);
            if h / w < extent(&best).1 / extent(&best).0 {
                best = wrapped;
            }
            if h <= ASPECT * w {
                break;
            }
            columns += 1;
        }
    }
    best
}

/// The width and height the nodes and compound boxes take (what the picture's size follows).
fn extent(layout: &Layout<'_>) -> (f64, f64) {
    let [_, _, right, bottom] = bounds(layout);
    (right + MARGIN, bottom.max(1.0))
}

/// `[left, top, right, bottom]` of the nodes and the compound boxes (which reach a margin past
/// what they hold, their label above it), the bottom margin included; edges not counted.
fn bounds(layout: &Layout<'_>) -> [f64; 4] {
    let mut left = 0.0_f64;
    let mut top = 0.0_f64;
    let mut right = layout
        .nodes
        .iter()
        .map(|node| node.x + node.w / 2.0)
        .fold(0.0, f64::max);
    let mut bottom = layout
        .nodes
        .iter()
        .map(|node| node.y + node.h / 2.0)
        .fold(0.0, f64::max);
    for area in layout.compounds.iter().filter(|a| a[0].is_finite()) {
        left = left.min(area[0] - MARGIN);
        top = top.min(area[1] - MARGIN);
        right = right.max(area[2]);
        bottom = bottom.max(area[3]);
    }
    [left, top, right, bottom + MARGIN]
}

/// Each state's targets, over the shown transitions and the eventless ones (what ranks follow).
fn targets(d: &Description<'_>, hidden: &[&str]) -> Vec<Vec<usize>> {
    let n = d.states.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let shown = |t: &crate::TransitionInfo<'_>| {
        d.inputs
            .get(t.input)
            .is_none_or(|input| !hidden.contains(&input.name))
    };
    for t in d.transitions.iter().filter(|t| shown(t)) {
        if t.source < n && t.target < n {
            out[t.source].push(t.target);
        }
    }
    for e in d.eventless {
        if e.source < n && e.target < n {
            out[e.source].push(e.target);
        }
    }
    out
}

fn layout_with<'a>(
    d: &'a Description<'a>,
    hidden: &'a [&'a str],
    loops: bool,
    split: &[usize],
    sub: &[usize],
    columns: usize,
) -> Layout<'a> {
    let n = d.states.len();
    let listed = Listed::new(d, hidden, loops);
    let boxes: Vec<Rule<'a>> = d
        .shown_rules(hidden, loops)
        .filter(|rule| {
            let t = rule.transition();
            t.target < n && d.inputs.get(t.input).is_some() && rule.sources().all(|s| s < n)
        })
        .collect();
    let out = targets(d, hidden);
    let rank = ranks(d, &out);
    let max_rank = rank
        .iter()
        .copied()
        .filter(|&r| r != usize::MAX)
        .max()
        .unwrap_or(0);
    let rows = Rows::new(split, max_rank, columns);
    let eventless: Vec<usize> = d
        .eventless_rules()
        .filter(|&(rule, e)| e.target < n && d.eventless_entries(rule).all(|e| e.source < n))
        .map(|(rule, _)| rule)
        .collect();

    let mut nodes = state_and_box_nodes(d, &rank, &boxes, &rows, sub, &listed);
    let eventless_boxes = eventless_boxes(d, &rank, &eventless, &mut nodes, &rows);
    let histories = history_nodes(d, &rank, &mut nodes, &rows);
    let wildcards = boxes.iter().any(|r| r.transition().wildcard);
    let any = (wildcards || !listed.any.is_empty()).then(|| {
        #[allow(clippy::cast_precision_loss)] // a few lines
        let lines = listed.any.len() as f64;
        nodes.push(Node {
            row: 0,
            x: 0.0,
            y: 0.0,
            w: text_width("any state".len(), FONT).max(lines_width(&listed.any)) + 32.0,
            h: 30.0 + 14.0 * lines,
            column: 0,
            lane: (0.0, 0.0),
        });
        nodes.len() - 1
    });

    let edges = edge_list(d, &boxes, any, &eventless_boxes, &histories);
    // What each node is drawn inside: its compounds, outermost first.
    let paths = node_paths(d, &nodes, &boxes, &eventless_boxes, &histories);
    let mut links = Vec::new();
    // Nodes from here on are the virtual points of edges.
    let real = nodes.len();
    let edges: Vec<Edge> = edges
        .into_iter()
        .map(|(from, to, arrow, dashed, dotted)| {
            let via = route_edge(&mut nodes, &mut links, from, to);
            Edge {
                from,
                to,
                via,
                arrow,
                dashed,
                dotted,
                ports: (0.0, 0.0),
            }
        })
        .collect();
    let mut paths = paths;
    inherit_paths(&mut paths, nodes.len(), &edges);
    let labels: Vec<f64> = d
        .compounds
        .iter()
        .enumerate()
        .map(|(k, c)| compound_label_width(d, c, &listed.compounds[k]))
        .collect();
    let long: Vec<&[usize]> = edges
        .iter()
        .filter(|e| e.via.len() >= LONG)
        .map(|e| e.via.as_slice())
        .collect();
    let across = across_columns(&nodes, &edges);
    let free = place(&mut nodes, &links, &paths, &labels, &long, &across, real);
    let mut edges = edges;
    assign_ports(&nodes, &mut edges);
    let compounds = compound_boxes(d, &nodes, &paths, &labels, &listed);
    let bands = bands(&nodes);
    Layout {
        nodes,
        states: n,
        ranks: max_rank,
        bands,
        boxes,
        eventless: eventless_boxes,
        histories,
        compounds,
        any,
        edges,
        free,
        listed,
    }
}

/// The nodes of the states (ellipses on even rows, by rank) and of the transition boxes.
fn state_and_box_nodes(
    d: &Description<'_>,
    rank: &[usize],
    boxes: &[Rule<'_>],
    rows: &Rows,
    sub: &[usize],
    listed: &Listed<'_>,
) -> Vec<Node> {
    let n = d.states.len();
    let mut nodes: Vec<Node> = Vec::with_capacity(n + boxes.len() + 1);
    for (i, state) in d.states.iter().enumerate() {
        let loops = &listed.states[i];
        #[allow(clippy::cast_precision_loss)] // a few lines
        let height = 36.0 + 14.0 * (action_lines(state) + loops.len()) as f64;
        let width = ellipse_width(
            text_width(state.name.chars().count(), FONT),
            detail_widths(d, state, loops),
            height,
        );
        nodes.push(Node {
            row: rows.state(rank[i]),
            x: 0.0,
            y: 0.0,
            w: width,
            h: height,
            column: rows.column(rank[i]),
            lane: (0.0, 0.0),
        });
    }
    for (k, rule) in boxes.iter().enumerate() {
        let sub = sub.get(k).copied().unwrap_or(0);
        let width = text_width(head_chars(rule), FONT)
            .max(text_width(outputs_chars(rule), SMALL_FONT))
            + 16.0;
        let height = if rule.outputs().next().is_none() {
            22.0
        } else {
            38.0
        };
        // Below its deepest source, so that the edges from its other sources run down into it;
        // a wildcard's below the "any state" node, on the first row.
        let t = rule.transition();
        let source_rank = if t.wildcard {
            0
        } else {
            rule.sources().map(|s| rank[s]).max().unwrap_or(0)
        };
        nodes.push(Node {
            row: rows.boxes(source_rank, sub),
            x: 0.0,
            y: 0.0,
            w: width,
            h: height,
            column: rows.column(source_rank),
            lane: (0.0, 0.0),
        });
    }
    nodes
}

/// The edges to draw, `(from, to, arrow, dashed, dotted)`: into each box from its sources (or
/// "any state"), out of it to its target (or its compound's history node); the same for the
/// eventless boxes, dotted.
fn edge_list(
    d: &Description<'_>,
    boxes: &[Rule<'_>],
    any: Option<usize>,
    eventless_boxes: &[(usize, usize)],
    histories: &[(usize, bool, usize)],
) -> Vec<(usize, usize, bool, bool, bool)> {
    let n = d.states.len();
    let history_node = |history: Option<crate::HistoryTarget>| {
        let h = history?;
        histories
            .iter()
            .find(|&&(c, deep, _)| c == h.compound && deep == h.deep)
            .map(|&(_, _, id)| id)
    };
    let mut edges = Vec::new();
    for (k, rule) in boxes.iter().enumerate() {
        let (t, tbox) = (rule.transition(), n + k);
        let dashed = t.else_route;
        match any {
            Some(any) if t.wildcard => edges.push((any, tbox, false, dashed, false)),
            _ => edges.extend(rule.sources().map(|s| (s, tbox, false, dashed, false))),
        }
        if !rule.stays_in_many() {
            let to = history_node(t.history).unwrap_or(t.target);
            edges.push((tbox, to, true, dashed, false));
        }
    }
    for &(rule, ebox) in eventless_boxes {
        let e = &d.eventless[rule];
        edges.extend(
            d.eventless_entries(rule)
                .map(|entry| (entry.source, ebox, false, false, true)),
        );
        let to = history_node(e.history).unwrap_or(e.target);
        edges.push((ebox, to, true, false, true));
    }
    edges
}

/// Gives the virtual points of each long edge the compounds both its ends are drawn inside.
fn inherit_paths(paths: &mut Vec<Vec<usize>>, nodes: usize, edges: &[Edge]) {
    paths.resize(nodes, Vec::new());
    for edge in edges {
        let (a, b) = (&paths[edge.from], &paths[edge.to]);
        let shared = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let common = a[..shared].to_vec();
        for &via in &edge.via {
            paths[via].clone_from(&common);
        }
    }
}

/// A box per eventless rule, on the odd row below its deepest source; returns each rule's first
/// entry with its box's node.
fn eventless_boxes(
    d: &Description<'_>,
    rank: &[usize],
    eventless: &[usize],
    nodes: &mut Vec<Node>,
    rows: &Rows,
) -> Vec<(usize, usize)> {
    let mut eventless_boxes = Vec::with_capacity(eventless.len());
    for &rule in eventless {
        let e = &d.eventless[rule];
        let width = (text_width(eventless_head_chars(e), FONT)
            .max(text_width(eventless_outputs_chars(d, e), SMALL_FONT))
            + 16.0)
            .max(24.0);
        let height = if e.outputs.is_empty() { 22.0 } else { 38.0 };
        let row = rows.boxes(
            d.eventless_entries(rule)
                .map(|e| rank[e.source])
                .max()
                .unwrap_or(0),
            0,
        );
        eventless_boxes.push((rule, nodes.len()));
        nodes.push(Node {
            row,
            x: 0.0,
            y: 0.0,
            w: width,
            h: height,
            column: 0,
            lane: (0.0, 0.0),
        });
    }
    eventless_boxes
}

/// A node per history a transition enters, on the top row of its compound; returns each with
/// its compound and kind.
fn history_nodes(
    d: &Description<'_>,
    rank: &[usize],
    nodes: &mut Vec<Node>,
    rows: &Rows,
) -> Vec<(usize, bool, usize)> {
    let n = d.states.len();
    let mut histories = Vec::new();
    for compound in 0..d.compounds.len() {
        for deep in [false, true] {
            if !d.enters_history(compound, deep) {
                continue;
            }
            // On the top row of its compound.
            let row = (0..n)
                .filter(|&s| d.ancestors(s).any(|a| a == compound))
                .map(|s| rows.state(rank[s]))
                .min()
                .unwrap_or(0);
            histories.push((compound, deep, nodes.len()));
            nodes.push(Node {
                row,
                x: 0.0,
                y: 0.0,
                w: HISTORY,
                h: HISTORY,
                column: 0,
                lane: (0.0, 0.0),
            });
        }
    }
    histories
}

/// Per node (states, transition boxes, eventless boxes, history nodes; the rest get none), the
/// compounds it is drawn inside, outermost first: a state's ancestors; a box's, those its
/// sources and target share; a history node's, its compound's and the compound.
fn node_paths(
    d: &Description<'_>,
    nodes: &[Node],
    boxes: &[Rule<'_>],
    eventless: &[(usize, usize)],
    histories: &[(usize, bool, usize)],
) -> Vec<Vec<usize>> {
    let n = d.states.len();
    let of_state = |s: usize| -> Vec<usize> {
        let mut path: Vec<usize> = d.ancestors(s).collect();
        path.reverse();
        path
    };
    let common = |states: &mut dyn Iterator<Item = usize>| -> Vec<usize> {
        let mut shared: Option<Vec<usize>> = None;
        for s in states {
            let path = of_state(s);
            shared = Some(match shared {
                None => path,
                Some(mut shared) => {
                    let same = shared.iter().zip(&path).take_while(|(a, b)| a == b).count();
                    shared.truncate(same);
                    shared
                }
            });
        }
        shared.unwrap_or_default()
    };
    let mut paths: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (s, path) in paths.iter_mut().enumerate().take(n) {
        *path = of_state(s);
    }
    for (k, rule) in boxes.iter().enumerate() {
        let t = rule.transition();
        if !t.wildcard {
            paths[n + k] = common(&mut rule.sources().chain(core::iter::once(t.target)));
        }
    }
    for &(rule, id) in eventless {
        let target = d.eventless[rule].target;
        paths[id] = common(
            &mut d
                .eventless_entries(rule)
                .map(|e| e.source)
                .chain(core::iter::once(target)),
        );
    }
    for &(compound, _, id) in histories {
        let mut path: Vec<usize> = Vec::new();
        let mut next = Some(compound);
        while let Some(c) = next {
            path.push(c);
            next = d.compounds.get(c).and_then(|c| c.parent);
        }
        path.reverse();
        paths[id] = path;
    }
    paths
}

/// Each compound's box: around the nodes drawn inside it and the boxes of the compounds in it,
/// with room for its label on top.
fn compound_boxes(
    d: &Description<'_>,
    nodes: &[Node],
    paths: &[Vec<usize>],
    labels: &[f64],
    listed: &Listed<'_>,
) -> Vec<[f64; 4]> {
    let mut boxes = vec![
        [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY
        ];
        d.compounds.len()
    ];
    // Deepest first, so that a compound's box holds the boxes inside it.
    let depth = |c: usize| {
        let mut depth = 0;
        let mut next = d.compounds[c].parent;
        while let Some(p) = next {
            depth += 1;
            next = d.compounds.get(p).and_then(|p| p.parent);
        }
        depth
    };
    let mut order: Vec<usize> = (0..d.compounds.len()).collect();
    order.sort_by_key(|&c| core::cmp::Reverse(depth(c)));
    for c in order {
        let mut area = boxes[c];
        for (node, path) in nodes.iter().zip(paths) {
            if path.contains(&c) {
                area[0] = area[0].min(node.x - node.w / 2.0);
                area[1] = area[1].min(node.y - node.h / 2.0);
                area[2] = area[2].max(node.x + node.w / 2.0);
                area[3] = area[3].max(node.y + node.h / 2.0);
            }
        }
        for (inner, compound) in d.compounds.iter().enumerate() {
            if compound.parent == Some(c) && boxes[inner][0].is_finite() {
                area[0] = area[0].min(boxes[inner][0]);
                area[1] = area[1].min(boxes[inner][1]);
                area[2] = area[2].max(boxes[inner][2]);
                area[3] = area[3].max(boxes[inner][3]);
            }
        }
        if area[0].is_finite() {
            // At least as wide as its label, around the same centre (as `band` placed it).
            let short = labels[c] - (area[2] - area[0]) - 2.0 * CLUSTER_PAD;
            if short > 0.0 {
                area[0] -= short / 2.0;
                area[2] += short / 2.0;
            }
            boxes[c] = [
                area[0] - CLUSTER_PAD,
                area[1]
                    - CLUSTER_PAD
                    - CLUSTER_LABEL * compound_label_lines(&d.compounds[c], &listed.compounds[c]),
                area[2] + CLUSTER_PAD,
                area[3] + CLUSTER_PAD,
            ];
        }
    }
    boxes
}

/// The lines of a compound's label: its name, a line for its entry and for its exit actions,
/// and one per collapsed self-loop (`loops`).
fn compound_label_lines(compound: &crate::CompoundInfo<'_>, loops: &[Rule<'_>]) -> f64 {
    let lines = 1
        + usize::from(!compound.entry.is_empty())
        + usize::from(!compound.exit.is_empty())
        + loops.len();
    #[allow(clippy::cast_precision_loss)] // a few lines
    let lines = lines as f64;
    lines
}

/// The length of an eventless box's top line: its guard (`[valid]`), or `⟶` without one.
fn eventless_head_chars(e: &crate::EventlessInfo<'_>) -> usize {
    e.guard.map_or(1, |g| g.chars().count() + 2)
}

/// The length of an eventless box's bottom line: its outputs.
fn eventless_outputs_chars(d: &Description<'_>, e: &crate::EventlessInfo<'_>) -> usize {
    let names: Vec<usize> = e
        .outputs
        .iter()
        .filter_map(|&o| d.outputs.get(o))
        .map(|o| o.label.chars().count())
        .collect();
    names.iter().sum::<usize>() + 2 * names.len().saturating_sub(1)
}

/// Per row, the top and bottom of its tallest node.
fn bands(nodes: &[Node]) -> Vec<(f64, f64)> {
    let rows = nodes.iter().map(|node| node.row + 1).max().unwrap_or(0);
    let mut bands = vec![(f64::INFINITY, f64::NEG_INFINITY); rows];
    for node in nodes {
        let band = &mut bands[node.row];
        *band = (
            band.0.min(node.y - node.h / 2.0),
            band.1.max(node.y + node.h / 2.0),
        );
    }
    bands
}

/// The edges from one column to another (of a tall machine that wraps): the virtual points of
/// each, with the side (-1 left, 1 right) of its column that faces the other end.
fn across_columns<'e>(nodes: &[Node], edges: &'e [Edge]) -> Vec<(&'e [usize], i8)> {
    edges
        .iter()
        .filter(|e| nodes[e.from].column != nodes[e.to].column)
        .map(|e| {
            let toward = if nodes[e.to].column > nodes[e.from].column {
                1
            } else {
                -1
            };
            (e.via.as_slice(), toward)
        })
        .collect()
}

/// Adds the virtual points of an edge from node `from` to node `to`, one in every row strictly
/// between them (going down, or back up to an earlier row), and the links between adjacent rows
/// (`(upper, lower)` node ids) that order the rows; returns the points, from `from` to `to`.
fn route_edge(
    nodes: &mut Vec<Node>,
    links: &mut Vec<(usize, usize)>,
    from: usize,
    to: usize,
) -> Vec<usize> {
    let (from_row, to_row) = (nodes[from].row, nodes[to].row);
    let between: Vec<usize> = if to_row > from_row {
        (from_row + 1..to_row).collect()
    } else {
        (to_row + 1..from_row).rev().collect()
    };
    let mut via = Vec::with_capacity(between.len());
    let mut previous = from;
    for row in between {
        let id = nodes.len();
        nodes.push(Node {
            row,
            x: 0.0,
            y: 0.0,
            w: 8.0,
            h: 0.0,
            column: nodes[from].column,
            lane: (0.0, 0.0),
        });
        via.push(id);
        links.push(if nodes[previous].row < row {
            (previous, id)
        } else {
            (id, previous)
        });
        previous = id;
    }
    let (a, b) = (previous, to);
    if nodes[a].row + 1 == nodes[b].row {
        links.push((a, b));
    } else if nodes[b].row + 1 == nodes[a].row {
        links.push((b, a));
    }
    via
}

/// Orders every row by barycenter sweeps, then gives each node its coordinates. Returns, per
/// node, whether it is first (last) in its row.
fn place(
    nodes: &mut [Node],
    links: &[(usize, usize)],
    paths: &[Vec<usize>],
    labels: &[f64],
    long: &[&[usize]],
    across: &[(&[usize], i8)],
    real: usize,
) -> Vec<(bool, bool)> {
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for &(upper, lower) in links {
        down[upper].push(lower);
        up[lower].push(upper);
    }

    let rows = nodes.iter().map(|node| node.row + 1).max().unwrap_or(0);
    let mut by_row: Vec<Vec<usize>> = vec![Vec::new(); rows];
    for (id, node) in nodes.iter().enumerate() {
        by_row[node.row].push(id);
    }
    let columns = nodes.iter().map(|node| node.column + 1).max().unwrap_or(1);
    if columns > 1 {
        for row in &mut by_row {
            row.sort_by_key(|&id| nodes[id].column);
        }
    }
    lanes(nodes, &by_row, columns);
    for row in &by_row {
        pack(nodes, row);
    }
    for _ in 0..SWEEPS {
        for row in by_row.iter_mut().skip(1) {
            reorder(nodes, row, &up, paths);
        }
        for row in by_row.iter_mut().rev().skip(1) {
            reorder(nodes, row, &down, paths);
        }
    }
    if columns == 1 {
        to_the_sides(nodes, &mut by_row, long);
    } else {
        // An edge from one column to another runs up or down the side of its column that
        // faces the other.
        let mut side = vec![0_i8; nodes.len()];
        for &(via, toward) in across {
            for &id in via {
                side[id] = toward;
            }
        }
        sides(nodes, &mut by_row, &side);
    }
    transpose(nodes, &mut by_row, &up, &down, paths);

    if !labels.is_empty() && paths.iter().any(|p| !p.is_empty()) {
        // Compounds take bands of their own, across every row.
        let keys: Vec<f64> = nodes.iter().map(|node| node.x).collect();
        band(nodes, &by_row, paths, labels, &keys, 0);
        for row in &mut by_row {
            row.sort_by(|&a, &b| nodes[a].x.total_cmp(&nodes[b].x).then(a.cmp(&b)));
        }
    } else {
        straighten(nodes, &by_row, &up, &down, real);
    }
    let mut free = vec![(false, false); nodes.len()];
    for row in &by_row {
        if let (Some(&first), Some(&last)) = (row.first(), row.last()) {
            free[first].0 = true;
            free[last].1 = true;
        }
    }

    // Rows stacked top to bottom; everything shifted right of the margin.
    let mut top = MARGIN;
    for row in &by_row {
        let height = row.iter().map(|&id| nodes[id].h).fold(0.0, f64::max);
        for &id in row {
            nodes[id].y = top + height / 2.0;
        }
        if !row.is_empty() {
            top += height + V_GAP;
        }
    }
    let left = nodes
        .iter()
        .map(|node| node.x - node.w / 2.0)
        .fold(f64::INFINITY, f64::min);
    if left.is_finite() {
        for node in nodes.iter_mut() {
            node.x += MARGIN - left;
        }
    }
    free
}

/// Coordinates, once the order is set: a few passes down and up the rows, each moving a row's
/// nodes as close as their order, their spacing and the widest row's width allow to the mean
/// place of their neighbours in the row before (least squares, by pool-adjacent-violators, the
/// answer clamped to the widest row), an edge's virtual points weighing more than nodes (from
/// id `real` on), so that edges run straighter without the picture growing wider.
fn straighten(
    nodes: &mut [Node],
    by_row: &[Vec<usize>],
    up: &[Vec<usize>],
    down: &[Vec<usize>],
    real: usize,
) {
    const PASSES: usize = 4;
    const VIRTUAL: f64 = 4.0;
    // One column's part of a row at a time, inside its column (the widest row's width when
    // there is one column).
    let sweep = |nodes: &mut [Node], row: &[usize], neighbours: &[Vec<usize>]| {
        for (start, end) in parts(nodes, row) {
            align(nodes, &row[start..end], neighbours, real, VIRTUAL);
        }
    };
    for _ in 0..PASSES {
        for row in by_row.iter().skip(1) {
            sweep(nodes, row, up);
        }
        for row in by_row.iter().rev().skip(1) {
            sweep(nodes, row, down);
        }
    }
}

/// One pass of [`straighten`] over `row` (one column's part of a row): its nodes as near as
/// their order, spacing and column allow to the mean place of their `neighbours`, points of
/// edges (ids from `real` on) weighing `virtual_weight`.
fn align(
    nodes: &mut [Node],
    row: &[usize],
    neighbours: &[Vec<usize>],
    real: usize,
    virtual_weight: f64,
) {
    let (Some(&first), Some(&last)) = (row.first(), row.last()) else {
        return;
    };
    let wanted: Vec<(f64, f64)> = row
        .iter()
        .map(|&id| {
            let around = &neighbours[id];
            let weight = if id >= real { virtual_weight } else { 1.0 };
            if around.is_empty() {
                (nodes[id].x, 0.25)
            } else {
                #[allow(clippy::cast_precision_loss)] // few neighbours
                let mean = around.iter().map(|&o| nodes[o].x).sum::<f64>() / around.len() as f64;
                (mean, weight)
            }
        })
        .collect();
    let mut offsets = Vec::with_capacity(row.len());
    let mut offset = 0.0;
    for (k, &id) in row.iter().enumerate() {
        if k > 0 {
            offset += nodes[row[k - 1]].w / 2.0 + H_GAP + nodes[id].w / 2.0;
        }
        offsets.push(offset);
    }
    let (middle, half) = nodes[first].lane;
    let low = middle - half + nodes[first].w / 2.0;
    let high = (middle + half - nodes[last].w / 2.0 - offset).max(low);
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(row.len());
    for (k, &(x, weight)) in wanted.iter().enumerate() {
        let mut block = (weight, weight * (x - offsets[k]), 1);
        while let Some(&last) = blocks.last() {
            if last.1 / last.0 < block.1 / block.0 {
                break;
            }
            blocks.pop();
            block = (last.0 + block.0, last.1 + block.1, last.2 + block.2);
        }
        blocks.push(block);
    }
    let mut k = 0;
    for (weight, sum, members) in blocks {
        for _ in 0..members {
            nodes[row[k]].x = (sum / weight).clamp(low, high) + offsets[k];
            k += 1;
        }
    }
}

/// Moves each long edge's points (`long`: the virtual points of each edge that spans at least
/// `LONG` rows) to the end of every row it crosses on the side where the sweeps left it, so that
/// it runs around the rows between its ends instead of through them, as Graphviz's long edges
/// do. Points of one side keep their order.
fn to_the_sides(nodes: &mut [Node], by_row: &mut [Vec<usize>], long: &[&[usize]]) {
    // -1 left, 1 right, 0 not a long edge's point.
    let mut side = vec![0_i8; nodes.len()];
    for via in long {
        #[allow(clippy::cast_precision_loss)] // a few points
        let mean = via.iter().map(|&id| nodes[id].x).sum::<f64>() / via.len() as f64;
        for &id in *via {
            side[id] = if mean < 0.0 { -1 } else { 1 };
        }
    }
    sides(nodes, by_row, &side);
}

/// Moves the nodes whose `side` is -1 (1) to the start (end) of their column's part of each
/// row, keeping the order of each group, and packs the rows it changes.
fn sides(nodes: &mut [Node], by_row: &mut [Vec<usize>], side: &[i8]) {
    for row in by_row.iter_mut() {
        if !row.iter().any(|&id| side[id] != 0) {
            continue;
        }
        let mut sorted = Vec::with_capacity(row.len());
        for (start, end) in parts(nodes, row) {
            let part = &row[start..end];
            for wanted in [-1, 0, 1] {
                sorted.extend(part.iter().copied().filter(|&id| side[id] == wanted));
            }
        }
        *row = sorted;
        pack(nodes, row);
    }
}

/// Gives the nodes of `rows` (each row's nodes inside the compounds of the band, in order)
/// their x, from 0 (the band's left) rightwards, and returns the band's width. At `depth`,
/// a node whose path ends there is free; the others belong to the compound `path[depth]`,
/// which takes a band of its own across all rows, laid out the same way one level down. The
/// bands go left to right by their members' mean `keys` (the positions the sweeps found); free
/// nodes go in the gaps between bands, each in the gap its key falls in, so that no free node
/// ever shares a compound's x-range.
fn band(
    nodes: &mut [Node],
    rows: &[Vec<usize>],
    paths: &[Vec<usize>],
    labels: &[f64],
    keys: &[f64],
    depth: usize,
) -> f64 {
    // The compounds one level down, by their members' mean key.
    let mut children: Vec<(usize, f64, usize)> = Vec::new();
    for &id in rows.iter().flatten() {
        if let Some(&c) = paths[id].get(depth) {
            match children.iter_mut().find(|(k, _, _)| *k == c) {
                Some(child) => {
                    child.1 += keys[id];
                    child.2 += 1;
                }
                None => children.push((c, keys[id], 1)),
            }
        }
    }
    #[allow(clippy::cast_precision_loss)] // few members
    let mut children: Vec<(usize, f64)> = children
        .into_iter()
        .map(|(c, sum, count)| (c, sum / count as f64))
        .collect();
    children.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    // Each child's band, laid out inside (its nodes' x relative to its content's left).
    let mut widths = Vec::with_capacity(children.len());
    for &(c, _) in &children {
        let inside: Vec<Vec<usize>> = rows
            .iter()
            .map(|row| {
                row.iter()
                    .copied()
                    .filter(|&id| paths[id].get(depth) == Some(&c))
                    .collect()
            })
            .collect();
        let content = band(nodes, &inside, paths, labels, keys, depth + 1);
        widths.push((content, content.max(labels[c]) + 2.0 * CLUSTER_PAD));
    }
    // The free nodes of each row, by gap (0: left of the first band).
    let gaps = children.len() + 1;
    let gap_of = |id: usize| children.iter().filter(|(_, key)| *key < keys[id]).count();
    let mut gap_widths = vec![0.0_f64; gaps];
    for row in rows {
        for (gap, width) in gap_widths.iter_mut().enumerate() {
            let (sum, count) = row
                .iter()
                .filter(|&&id| paths[id].len() == depth && gap_of(id) == gap)
                .fold((0.0, 0_usize), |(sum, count), &id| {
                    (sum + nodes[id].w, count + 1)
                });
            #[allow(clippy::cast_precision_loss)] // few nodes
            let used = sum + count.saturating_sub(1) as f64 * H_GAP;
            *width = width.max(used);
        }
    }
    // Gap, band, gap, band, ..., gap, left to right.
    let mut starts = vec![0.0_f64; gaps];
    let mut band_starts = vec![0.0_f64; children.len()];
    let mut cursor = 0.0;
    for gap in 0..gaps {
        starts[gap] = cursor;
        cursor += gap_widths[gap];
        if gap < children.len() {
            if gap_widths[gap] > 0.0 {
                cursor += H_GAP;
            }
            band_starts[gap] = cursor;
            cursor += widths[gap].1 + H_GAP;
        }
    }
    let width = if gap_widths[gaps - 1] > 0.0 || children.is_empty() {
        cursor
    } else {
        cursor - H_GAP
    };
    for row in rows {
        for gap in 0..gaps {
            let free: Vec<usize> = row
                .iter()
                .copied()
                .filter(|&id| paths[id].len() == depth && gap_of(id) == gap)
                .collect();
            #[allow(clippy::cast_precision_loss)] // few nodes
            let used = free.iter().map(|&id| nodes[id].w).sum::<f64>()
                + free.len().saturating_sub(1) as f64 * H_GAP;
            let mut x = starts[gap] + (gap_widths[gap] - used) / 2.0;
            for id in free {
                nodes[id].x = x + nodes[id].w / 2.0;
                x += nodes[id].w + H_GAP;
            }
        }
    }
    for (k, &(c, _)) in children.iter().enumerate() {
        let (content, outer) = widths[k];
        let offset = band_starts[k] + CLUSTER_PAD + (outer - 2.0 * CLUSTER_PAD - content) / 2.0;
        for &id in rows.iter().flatten() {
            if paths[id].get(depth) == Some(&c) {
                nodes[id].x += offset;
            }
        }
    }
    width
}

/// The width a compound's label needs: its name (bold), and its lines of actions.
fn compound_label_width(
    d: &Description<'_>,
    compound: &crate::CompoundInfo<'_>,
    loops: &[Rule<'_>],
) -> f64 {
    let name = text_width(compound.name.chars().count(), FONT) * 1.1;
    let actions = [("entry", compound.entry), ("exit", compound.exit)]
        .iter()
        .filter(|(_, actions)| !actions.is_empty())
        .map(|(kind, actions)| text_width(actions_chars(d, kind, actions), SMALL_FONT))
        .fold(0.0, f64::max);
    name.max(actions).max(lines_width(loops)) + 16.0
}

/// Places the nodes of `row` side by side, in order, centred on the middle of their column (0
/// unless a tall machine wraps onto columns; a row holds its columns' nodes one column after
/// the other).
fn pack(nodes: &mut [Node], row: &[usize]) {
    for (start, end) in parts(nodes, row) {
        let part = &row[start..end];
        #[allow(clippy::cast_precision_loss)] // a row has far fewer than 2^52 nodes
        let gaps = part.len().saturating_sub(1) as f64 * H_GAP;
        let width: f64 = part.iter().map(|&id| nodes[id].w).sum::<f64>() + gaps;
        let mut cursor = nodes[part[0]].lane.0 - width / 2.0;
        for &id in part {
            nodes[id].x = cursor + nodes[id].w / 2.0;
            cursor += nodes[id].w + H_GAP;
        }
    }
}

/// The parts of `row` (as index ranges) that are in one column each, left to right.
fn parts(nodes: &[Node], row: &[usize]) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut start = 0;
    for k in 1..=row.len() {
        if k == row.len() || nodes[row[k]].column != nodes[row[start]].column {
            parts.push((start, k));
            start = k;
        }
    }
    parts
}

/// The columns of a tall machine that wraps: each as wide as its widest row, side by side
/// `COLUMN_GAP` apart, centred on 0 together; each node learns its column's middle and half
/// width.
fn lanes(nodes: &mut [Node], by_row: &[Vec<usize>], columns: usize) {
    let mut widths = vec![0.0_f64; columns];
    for row in by_row {
        for part in row.chunk_by(|&a, &b| nodes[a].column == nodes[b].column) {
            #[allow(clippy::cast_precision_loss)] // few nodes
            let gaps = part.len().saturating_sub(1) as f64 * H_GAP;
            let width = part.iter().map(|&id| nodes[id].w).sum::<f64>() + gaps;
            let column = nodes[part[0]].column;
            widths[column] = widths[column].max(width);
        }
    }
    #[allow(clippy::cast_precision_loss)] // few columns
    let total = widths.iter().sum::<f64>() + (columns - 1) as f64 * COLUMN_GAP;
    let mut left = -total / 2.0;
    let mut lanes = Vec::with_capacity(columns);
    for width in widths {
        lanes.push((left + width / 2.0, width / 2.0));
        left += width + COLUMN_GAP;
    }
    for node in nodes.iter_mut() {
        node.lane = lanes[node.column];
    }
}

/// Sorts `row` by the mean position of each node's `neighbours` (a node without any keeps its
/// place), keeping the nodes of one compound together (`paths`: the compounds each node is drawn
/// inside, outermost first; a group of them sorts by its members' mean key), then packs it
/// again.
fn reorder(nodes: &mut [Node], row: &mut [usize], neighbours: &[Vec<usize>], paths: &[Vec<usize>]) {
    let mut keyed: Vec<(f64, f64, usize)> = row
        .iter()
        .map(|&id| {
            let around = &neighbours[id];
            #[allow(clippy::cast_precision_loss)] // few neighbours
            let key = if around.is_empty() {
                nodes[id].x
            } else {
                around.iter().map(|&other| nodes[other].x).sum::<f64>() / around.len() as f64
            };
            (key, nodes[id].x, id)
        })
        .collect();
    // The key of a group: its members' mean key (a node's own for one outside compounds).
    let group_key = |prefix: &[usize]| -> f64 {
        let members: Vec<f64> = keyed
            .iter()
            .filter(|(_, _, id)| paths[*id].starts_with(prefix))
            .map(|k| k.0)
            .collect();
        #[allow(clippy::cast_precision_loss)] // few members
        let mean = members.iter().sum::<f64>() / members.len().max(1) as f64;
        mean
    };
    let sort_keys: Vec<(Vec<f64>, f64, f64, usize)> = keyed
        .iter()
        .map(|&(key, x, id)| {
            let path = &paths[id];
            let levels = (1..=path.len())
                .map(|depth| group_key(&path[..depth]))
                .collect();
            (levels, key, x, id)
        })
        .collect();
    let compare = |a: &(Vec<f64>, f64, f64, usize), b: &(Vec<f64>, f64, f64, usize)| {
        let (pa, pb) = (&paths[a.3], &paths[b.3]);
        // The first level where they part: compare their groups there (a node outside any
        // compound at that level is a group of its own, keyed by itself).
        let shared = pa.iter().zip(pb).take_while(|(x, y)| x == y).count();
        let ka = a.0.get(shared).copied().unwrap_or(a.1);
        let kb = b.0.get(shared).copied().unwrap_or(b.1);
        nodes[a.3]
            .column
            .cmp(&nodes[b.3].column)
            .then(ka.total_cmp(&kb))
            .then(pa.get(shared).cmp(&pb.get(shared)))
            .then(a.1.total_cmp(&b.1))
            .then(a.2.total_cmp(&b.2))
            .then(a.3.cmp(&b.3))
    };
    let mut sorted = sort_keys;
    sorted.sort_by(compare);
    keyed.clear();
    for (slot, (_, _, _, id)) in row.iter_mut().zip(sorted) {
        *slot = id;
    }
    pack(nodes, row);
}

/// After the sweeps, swaps neighbours in a row (inside the same compounds) while that lowers the
/// crossings of their links to the rows above and below, the "transposition" step of layered
/// layouts; a few passes, each over every row.
fn transpose(
    nodes: &mut [Node],
    by_row: &mut [Vec<usize>],
    up: &[Vec<usize>],
    down: &[Vec<usize>],
    paths: &[Vec<usize>],
) {
    const PASSES: usize = 8;
    let mut position = vec![0; nodes.len()];
    for row in by_row.iter() {
        for (index, &id) in row.iter().enumerate() {
            position[id] = index;
        }
    }
    // The crossings between the links of `left` and of `right` when `left` is drawn first.
    let crossings = |position: &[usize], left: usize, right: usize| -> usize {
        [up, down]
            .iter()
            .map(|links| {
                links[left]
                    .iter()
                    .map(|&a| {
                        links[right]
                            .iter()
                            .filter(|&&b| position[a] > position[b])
                            .count()
                    })
                    .sum::<usize>()
            })
            .sum()
    };
    let same_compounds =
        |a: usize, b: usize| paths.get(a) == paths.get(b) && nodes[a].column == nodes[b].column;
    for _ in 0..PASSES {
        let mut swapped = false;
        for row in by_row.iter_mut() {
            for index in 0..row.len().saturating_sub(1) {
                let (u, v) = (row[index], row[index + 1]);
                if same_compounds(u, v) && crossings(&position, v, u) < crossings(&position, u, v) {
                    row.swap(index, index + 1);
                    (position[u], position[v]) = (index + 1, index);
                    swapped = true;
                }
            }
        }
        if !swapped {
            break;
        }
    }
    for row in by_row.iter() {
        pack(nodes, row);
    }
}

/// A point of an edge, with the direction the edge passes through it.
#[derive(Clone, Copy)]
struct Point {
    x: f64,
    y: f64,
}

/// How an edge leaves its first point or enters its last one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Vertically, through a node's top or bottom.
    Vertical,
    Left,
    Right,
}

impl Side {
    fn sign(self) -> f64 {
        match self {
            Side::Vertical => 0.0,
            Side::Left => -1.0,
            Side::Right => 1.0,
        }
    }
}

/// An edge to draw: the points it passes and how it leaves the first and enters the last.
struct Route {
    points: Vec<Point>,
    start_side: Side,
    end_side: Side,
}

impl Route {
    /// The two control points of the cubic curve from `points[k]` to `points[k + 1]`.
    fn controls(&self, k: usize) -> (Point, Point) {
        let (a, b) = (self.points[k], self.points[k + 1]);
        let my = f64::midpoint(a.y, b.y);
        let bulge = 28.0 + 0.15 * (a.y - b.y).abs();
        let first = k == 0 && self.start_side != Side::Vertical;
        let last = k + 2 == self.points.len() && self.end_side != Side::Vertical;
        let (s1, s2) = (self.start_side.sign(), self.end_side.sign());
        match (first, last) {
            // Out of one side and into the same side: clear both nodes.
            (true, true) if self.start_side == self.end_side => {
                let x = if self.start_side == Side::Left {
                    a.x.min(b.x) - bulge
                } else {
                    a.x.max(b.x) + bulge
                };
                (Point { x, y: a.y }, Point { x, y: b.y })
            }
            (true, true) => (
                Point {
                    x: a.x + s1 * bulge,
                    y: a.y,
                },
                Point {
                    x: b.x + s2 * bulge,
                    y: b.y,
                },
            ),
            (true, false) => (
                Point {
                    x: a.x + s1 * bulge,
                    y: a.y,
                },
                Point { x: b.x, y: my },
            ),
            (false, true) => (
                Point { x: a.x, y: my },
                Point {
                    x: b.x + s2 * bulge,
                    y: b.y,
                },
            ),
            (false, false) => (Point { x: a.x, y: my }, Point { x: b.x, y: my }),
        }
    }

    /// The leftmost and rightmost x the curve may reach (its points and control points).
    fn extent(&self) -> (f64, f64) {
        let mut extent = (f64::INFINITY, f64::NEG_INFINITY);
        for k in 0..self.points.len().saturating_sub(1) {
            let (c1, c2) = self.controls(k);
            for x in [self.points[k].x, self.points[k + 1].x, c1.x, c2.x] {
                extent = (extent.0.min(x), extent.1.max(x));
            }
        }
        extent
    }

    /// Writes the route as a smooth path of cubic curves.
    fn write(
        &self,
        f: &mut fmt::Formatter<'_>,
        arrow: Option<&Xml<'_>>,
        dashes: Option<&str>,
    ) -> fmt::Result {
        let Some(first) = self.points.first() else {
            return Ok(());
        };
        write!(f, "<path d=\"M{} {}", Num(first.x), Num(first.y))?;
        for k in 0..self.points.len().saturating_sub(1) {
            let (c1, c2) = self.controls(k);
            let b = self.points[k + 1];
            write!(
                f,
                " C{} {} {} {} {} {}",
                Num(c1.x),
                Num(c1.y),
                Num(c2.x),
                Num(c2.y),
                Num(b.x),
                Num(b.y)
            )?;
        }
        f.write_str("\"")?;
        if let Some(dashes) = dashes {
            write!(f, " stroke-dasharray=\"{dashes}\"")?;
        }
        if let Some(name) = arrow {
            write!(f, " marker-end=\"url(#automat-arrow-{name})\"")?;
        }
        f.write_str("/>\n")
    }
}

/// A number for an SVG attribute, with one decimal.
struct Num(f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // -0.0 would print as "-0.0"; keep the output stable.
        let value = if self.0 == 0.0 { 0.0 } else { self.0 };
        write!(f, "{value:.1}")
    }
}

/// The curve of an edge. One going down leaves its node's bottom and enters the other's top; one
/// going back up to an earlier row leaves and enters on the sides that face the way it goes, so
/// it does not run behind the boxes beside them.
fn route(layout: &Layout<'_>, edge: &Edge) -> Route {
    let nodes = &layout.nodes;
    let (from, to) = (&nodes[edge.from], &nodes[edge.to]);
    if to.row != from.row {
        // Down: out of the bottom's middle into the top's middle. Up: the same way back, out of
        // the top and into the bottom, both ends a quarter off the middle to the side of the
        // lower end, so that the edge runs beside an edge down between the same two nodes (which
        // joins their middles), not across it. Either way the edge crosses each row it passes
        // (its own rows' bands too) straight, at its end or at its virtual point's place there,
        // and bends only between the rows, where no node is: it never passes through one.
        let down = to.row > from.row;
        let (below, above) = if down { (1.0, -1.0) } else { (-1.0, 1.0) };
        let (start, end) = (
            border(layout, edge.from, edge.ports.0, below),
            border(layout, edge.to, edge.ports.1, above),
        );
        // The band's edge an edge leaves a row by, and enters the next one by.
        let band = |row: usize| layout.bands.get(row).copied().unwrap_or((0.0, 0.0));
        let leave = |b: (f64, f64)| if down { b.1 } else { b.0 };
        let enter = |b: (f64, f64)| if down { b.0 } else { b.1 };
        let mut points = Vec::with_capacity(2 * edge.via.len() + 4);
        let mut push = |point: Point| {
            let moved = |last: &Point| (last.x - point.x).abs() + (last.y - point.y).abs() > 0.05;
            if points.last().is_none_or(moved) {
                points.push(point);
            }
        };
        push(start);
        push(Point {
            x: start.x,
            y: leave(band(from.row)),
        });
        for &id in &edge.via {
            let (x, row) = (nodes[id].x, nodes[id].row);
            push(Point {
                x,
                y: enter(band(row)),
            });
            push(Point {
                x,
                y: leave(band(row)),
            });
        }
        push(Point {
            x: end.x,
            y: enter(band(to.row)),
        });
        push(end);
        return Route {
            points,
            start_side: Side::Vertical,
            end_side: Side::Vertical,
        };
    }
    let via: Vec<Point> = edge
        .via
        .iter()
        .map(|&id| Point {
            x: nodes[id].x,
            y: nodes[id].y,
        })
        .collect();
    let next_x = via.first().map_or(to.x, |p| p.x);
    let start_side = side(layout.free[edge.from], from, next_x);
    let start = Point {
        x: from.x + start_side.sign() * from.w / 2.0,
        y: from.y,
    };
    let previous_x = via.last().map_or(start.x, |p| p.x);
    let end_side = side(layout.free[edge.to], to, previous_x);
    let end = Point {
        x: to.x + end_side.sign() * to.w / 2.0,
        y: to.y,
    };
    let mut points = Vec::with_capacity(via.len() + 2);
    points.push(start);
    points.extend(via);
    points.push(end);
    Route {
        points,
        start_side,
        end_side,
    }
}

/// The point at `x` on node `id`'s top (`vertical` -1) or bottom (1): on the ellipse of a
/// state, a history or the "any state" node, on the edge of a box.
fn border(layout: &Layout<'_>, id: usize, x: f64, vertical: f64) -> Point {
    let node = &layout.nodes[id];
    let ellipse = id < layout.states
        || layout.any == Some(id)
        || layout.histories.iter().any(|&(_, _, h)| h == id);
    let half = if ellipse {
        let off = (x - node.x) / (node.w / 2.0);
        root(1.0 - off * off)
    } else {
        1.0
    } * node.h
        / 2.0;
    Point {
        x,
        y: node.y + vertical * half,
    }
}

/// The ports: where each edge between rows meets its nodes. The edges that meet a node's
/// bottom (those leaving it down and those coming back up into it) are spread along the middle
/// half of it in the order of where each goes next (its point in the row below), and the same
/// on its top, so that edges meeting at a node do not cross beside it; edges between the same
/// two nodes keep their order (declaration's) at both ends, and run side by side.
fn assign_ports(nodes: &[Node], edges: &mut [Edge]) {
    // Per node and side (0 top, 1 bottom): (the x it goes on to, the edge, whether its start).
    let mut meets: Vec<[Vec<(f64, usize, bool)>; 2]> = vec![[Vec::new(), Vec::new()]; nodes.len()];
    for (k, edge) in edges.iter().enumerate() {
        let (from, to) = (&nodes[edge.from], &nodes[edge.to]);
        if from.row == to.row {
            continue;
        }
        let down = to.row > from.row;
        let next = edge.via.first().map_or(to.x, |&v| nodes[v].x);
        let previous = edge.via.last().map_or(from.x, |&v| nodes[v].x);
        meets[edge.from][usize::from(down)].push((next, k, true));
        meets[edge.to][usize::from(!down)].push((previous, k, false));
    }
    for (id, sides) in meets.iter_mut().enumerate() {
        let node = &nodes[id];
        for side in sides.iter_mut() {
            side.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            #[allow(clippy::cast_precision_loss)] // a node meets few edges
            let count = side.len() as f64;
            let step = if side.len() > 1 {
                (node.w / 2.0 / (count - 1.0)).min(PORT_GAP)
            } else {
                0.0
            };
            for (i, &(_, k, start)) in side.iter().enumerate() {
                #[allow(clippy::cast_precision_loss)]
                let x = node.x + (i as f64 - (count - 1.0) / 2.0) * step;
                if start {
                    edges[k].ports.0 = x;
                } else {
                    edges[k].ports.1 = x;
                }
            }
        }
    }
}

/// The side of `node` an edge to or from `x` uses: a side with nothing beside it in its row
/// (`free`), else the side facing `x`.
fn side(free: (bool, bool), node: &Node, x: f64) -> Side {
    match free {
        (true, false) => Side::Left,
        (false, true) => Side::Right,
        _ if x < node.x => Side::Left,
        _ => Side::Right,
    }
}

impl fmt::Display for Svg<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.description;
        let layout = layout(d, self.hidden, self.loops);
        let [mut left, top, mut right, mut bottom] = bounds(&layout);
        for edge in &layout.edges {
            let (low, high) = route(&layout, edge).extent();
            left = left.min(low - MARGIN);
            right = right.max(high);
        }
        // Curves that bulge left of the nodes shift the whole drawing right (and labels above
        // it, down).
        let shift = -left;
        let drop = -top;
        right += MARGIN + shift;
        bottom += drop;
        let name = Xml(d.name);
        writeln!(
            f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"automat-diagram\" width=\"{w}\" height=\"{h}\" \
             viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"State diagram of {name}\" \
             font-family=\"Menlo, Consolas, 'DejaVu Sans Mono', monospace\" font-size=\"{font}\">",
            w = Num(right),
            h = Num(bottom),
            font = FONT
        )?;
        writeln!(f, "<title>{name}</title>")?;
        writeln!(
            f,
            "<defs><marker id=\"automat-arrow-{name}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
             markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">\
             <path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/></marker></defs>"
        )?;
        if drop > 0.0 {
            writeln!(
                f,
                "<g transform=\"translate({} {})\">",
                Num(shift.max(0.0)),
                Num(drop)
            )?;
        } else if shift > 0.0 {
            writeln!(f, "<g transform=\"translate({} 0)\">", Num(shift))?;
        } else {
            writeln!(f, "<g>")?;
        }
        self.write_compounds(f, &layout)?;
        self.write_edges(f, &layout)?;
        self.write_states(f, &layout)?;
        self.write_transitions(f, &layout)?;
        self.write_eventless(f, &layout)?;
        f.write_str("</g>\n</svg>\n")
    }
}

impl Svg<'_> {
    /// The compound states: rounded boxes behind everything, outermost first, each labelled
    /// with its name and entry and exit actions at its top left; history nodes are drawn with
    /// the states.
    fn write_compounds(&self, f: &mut fmt::Formatter<'_>, layout: &Layout<'_>) -> fmt::Result {
        let d = self.description;
        if d.compounds.is_empty() {
            return Ok(());
        }
        writeln!(f, "<g class=\"automat-compounds\">")?;
        let depth = |c: usize| d.ancestors_of_compound(c).count();
        let mut order: Vec<usize> = (0..d.compounds.len()).collect();
        order.sort_by_key(|&c| depth(c));
        for c in order {
            let (compound, area) = (&d.compounds[c], layout.compounds[c]);
            if !area[0].is_finite() {
                continue;
            }
            write!(
                f,
                "<g class=\"automat-compound\" data-compound=\"{}\">",
                Xml(compound.name)
            )?;
            if !compound.docs.is_empty() {
                write!(f, "<title>{}</title>", Xml(compound.docs))?;
            }
            write!(
                f,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\" fill=\"#f4f7ff\" fill-opacity=\"0.6\" stroke=\"#1f4fd1\" stroke-width=\"1.1\"/>",
                Num(area[0]),
                Num(area[1]),
                Num(area[2] - area[0]),
                Num(area[3] - area[1])
            )?;
            write!(
                f,
                "<text x=\"{}\" y=\"{}\" font-weight=\"bold\" fill=\"#1f4fd1\">{}</text>",
                Num(area[0] + 8.0),
                Num(area[1] + 13.0),
                Xml(compound.name)
            )?;
            let lines = [("entry", compound.entry), ("exit", compound.exit)];
            let mut below = area[1] + 13.0;
            for (line, (kind, actions)) in lines.iter().filter(|(_, a)| !a.is_empty()).enumerate() {
                #[allow(clippy::cast_precision_loss)] // two lines at most
                let y = area[1] + 13.0 + CLUSTER_LABEL * (line + 1) as f64;
                below = y;
                write!(
                    f,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{SMALL_FONT}\" fill=\"#555\">{kind} / ",
                    Num(area[0] + 8.0),
                    Num(y)
                )?;
                crate::rules::write_output_names(f, d, actions, |f, name| {
                    write!(f, "{}", Xml(name))
                })?;
                f.write_str("</text>")?;
            }
            write_loop_lines(f, &layout.listed.compounds[c], area[0] + 8.0, below)?;
            writeln!(f, "</g>")?;
        }
        writeln!(f, "</g>")
    }

    /// The eventless transitions' boxes (guard over outputs, dotted), and the history nodes.
    fn write_eventless(&self, f: &mut fmt::Formatter<'_>, layout: &Layout<'_>) -> fmt::Result {
        let d = self.description;
        if layout.eventless.is_empty() && layout.histories.is_empty() {
            return Ok(());
        }
        writeln!(
            f,
            "<g class=\"automat-eventless\" text-anchor=\"middle\" dominant-baseline=\"central\">"
        )?;
        for &(rule, id) in &layout.eventless {
            let (e, node) = (&d.eventless[rule], &layout.nodes[id]);
            f.write_str("<g class=\"automat-eventless-transition\">")?;
            if !e.docs.is_empty() {
                write!(f, "<title>{}</title>", Xml(e.docs))?;
            }
            let (left, top) = (node.x - node.w / 2.0, node.y - node.h / 2.0);
            write!(
                f,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"#ffffff\" stroke=\"#8e44ad\" stroke-width=\"1.2\" stroke-dasharray=\"1.5 3\"/>",
                Num(left),
                Num(top),
                Num(node.w),
                Num(node.h)
            )?;
            let head_y = if e.outputs.is_empty() {
                node.y
            } else {
                top + 11.0
            };
            write!(
                f,
                "<text x=\"{}\" y=\"{}\" font-style=\"italic\">",
                Num(node.x),
                Num(head_y)
            )?;
            match e.guard {
                Some(guard) => write!(f, "[{}]", Xml(guard))?,
                None => f.write_str("⟶")?,
            }
            f.write_str("</text>")?;
            if !e.outputs.is_empty() {
                write!(
                    f,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{SMALL_FONT}\" fill=\"#8a2a60\">",
                    Num(node.x),
                    Num(top + 30.0)
                )?;
                crate::rules::write_output_names(f, d, e.outputs, |f, name| {
                    write!(f, "{}", Xml(name))
                })?;
                f.write_str("</text>")?;
            }
            writeln!(f, "</g>")?;
        }
        for &(compound, deep, id) in &layout.histories {
            let node = &layout.nodes[id];
            let label = if deep { "H*" } else { "H" };
            writeln!(
                f,
                "<g class=\"automat-history\" data-compound=\"{}\"><circle cx=\"{x}\" cy=\"{y}\" r=\"{r}\" fill=\"#ffffff\" stroke=\"#1f4fd1\" stroke-width=\"1.3\"/><text x=\"{x}\" y=\"{y}\" font-size=\"{SMALL_FONT}\">{label}</text></g>",
                Xml(d.compounds.get(compound).map_or("", |c| c.name)),
                x = Num(node.x),
                y = Num(node.y),
                r = Num(HISTORY / 2.0),
            )?;
        }
        writeln!(f, "</g>")
    }

    fn write_edges(&self, f: &mut fmt::Formatter<'_>, layout: &Layout<'_>) -> fmt::Result {
        let name = Xml(self.description.name);
        writeln!(
            f,
            "<g class=\"automat-edges\" fill=\"none\" stroke=\"#444\" stroke-width=\"1.3\">"
        )?;
        for edge in &layout.edges {
            let dashes = if edge.dotted {
                Some("1.5 3")
            } else {
                edge.dashed.then_some("5 4")
            };
            route(layout, edge).write(f, edge.arrow.then_some(&name), dashes)?;
        }
        writeln!(f, "</g>")?;
        Ok(())
    }

    fn write_states(&self, f: &mut fmt::Formatter<'_>, layout: &Layout<'_>) -> fmt::Result {
        let d = self.description;
        let nodes = &layout.nodes;
        writeln!(
            f,
            "<g class=\"automat-states\" text-anchor=\"middle\" dominant-baseline=\"central\">"
        )?;
        for (i, state) in d.states.iter().enumerate() {
            let node = &nodes[i];
            let current = self.current == Some(i);
            write!(f, "<g class=\"automat-state")?;
            if state.initial {
                f.write_str(" automat-initial")?;
            }
            if state.is_final {
                f.write_str(" automat-final")?;
            }
            if current {
                f.write_str(" automat-current")?;
            }
            write!(f, "\" data-state=\"{}\">", Xml(state.name))?;
            if !state.docs.is_empty() {
                write!(f, "<title>{}</title>", Xml(state.docs))?;
            }
            let stroke_width = match (current, state.initial) {
                (true, _) => "3",
                (false, true) => "2.5",
                (false, false) => "1.3",
            };
            let fill = if current { "#fff3b0" } else { "#ffffff" };
            write!(
                f,
                "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\" fill=\"{fill}\" stroke=\"#1f4fd1\" stroke-width=\"{stroke_width}\"/>",
                Num(node.x),
                Num(node.y),
                Num(node.w / 2.0),
                Num(node.h / 2.0)
            )?;
            if state.is_final {
                write!(
                    f,
                    "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\" fill=\"none\" stroke=\"#1f4fd1\" stroke-width=\"1.3\"/>",
                    Num(node.x),
                    Num(node.y),
                    Num(node.w / 2.0 - 4.0),
                    Num(node.h / 2.0 - 4.0)
                )?;
            }
            let weight = if state.initial {
                " font-weight=\"bold\""
            } else {
                ""
            };
            // The name, with the fields, then the entry and exit actions under it.
            #[allow(clippy::cast_precision_loss)] // a few lines
            let name_y =
                node.y - 7.0 * (action_lines(state) + layout.listed.states[i].len()) as f64;
            write!(
                f,
                "<text x=\"{}\" y=\"{}\"{weight}>{}</text>",
                Num(node.x),
                Num(name_y),
                Xml(state.name)
            )?;
            write_fields(f, state, node.x, name_y)?;
            let lines = [("entry", state.entry), ("exit", state.exit)];
            for (line, (kind, actions)) in lines.iter().filter(|(_, a)| !a.is_empty()).enumerate() {
                #[allow(clippy::cast_precision_loss)] // a few lines
                let y = name_y + 14.0 * (line + 1 + state.fields.len()) as f64;
                write!(
                    f,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{SMALL_FONT}\" fill=\"#555\">{kind} / ",
                    Num(node.x),
                    Num(y)
                )?;
                crate::rules::write_output_names(f, d, actions, |f, name| {
                    write!(f, "{}", Xml(name))
                })?;
                f.write_str("</text>")?;
            }
            #[allow(clippy::cast_precision_loss)] // a few lines
            let last = name_y + 14.0 * action_lines(state) as f64;
            write_loop_lines(f, &layout.listed.states[i], node.x, last)?;
            writeln!(f, "</g>")?;
        }
        if let Some(any) = layout.any {
            write_any(f, layout, any)?;
        }
        writeln!(f, "</g>")?;
        Ok(())
    }

    fn write_transitions(&self, f: &mut fmt::Formatter<'_>, layout: &Layout<'_>) -> fmt::Result {
        let d = self.description;
        let n = d.states.len();
        writeln!(f, "<g class=\"automat-transitions\" text-anchor=\"middle\" dominant-baseline=\"central\">")?;
        for (k, rule) in layout.boxes.iter().enumerate() {
            let node = &layout.nodes[n + k];
            let t = rule.transition();
            let Some(input) = d.inputs.get(t.input) else {
                continue;
            };
            write!(
                f,
                "<g class=\"automat-transition\" data-input=\"{}\">",
                Xml(input.name)
            )?;
            if !t.docs.is_empty() {
                write!(f, "<title>{}</title>", Xml(t.docs))?;
            }
            let (left, top) = (node.x - node.w / 2.0, node.y - node.h / 2.0);
            let dash = if t.else_route {
                " stroke-dasharray=\"4 3\""
            } else {
                ""
            };
            write!(
                f,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"#ffffff\" stroke=\"#8e44ad\" stroke-width=\"1.2\"{dash}/>",
                Num(left),
                Num(top),
                Num(node.w),
                Num(node.h)
            )?;
            let has_outputs = rule.outputs().next().is_some();
            let head_y = if has_outputs { top + 11.0 } else { node.y };
            write!(
                f,
                "<text x=\"{}\" y=\"{}\" font-style=\"italic\">",
                Num(node.x),
                Num(head_y),
            )?;
            rule.write_head(f, Xml)?;
            if let Some(guard) = rule.guard() {
                write!(f, " [{}]", Xml(guard))?;
            }
            write!(f, "{}</text>", rule.mark())?;
            if has_outputs {
                write!(
                    f,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#e8a0c8\"/>",
                    Num(left),
                    Num(top + 22.0),
                    Num(left + node.w),
                    Num(top + 22.0)
                )?;
                write!(
                    f,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{SMALL_FONT}\" fill=\"#8a2a60\">",
                    Num(node.x),
                    Num(top + 30.0)
                )?;
                for (k, (name, fallible)) in rule.outputs().enumerate() {
                    if k > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{}", Xml(name))?;
                    if fallible {
                        f.write_str("?")?;
                    }
                }
                f.write_str("</text>")?;
            }
            writeln!(f, "</g>")?;
        }
        writeln!(f, "</g>")?;
        Ok(())
    }
}

/// The "any state" node wildcards leave from, with the collapsed wildcard self-loops under its
/// name.
fn write_any(f: &mut fmt::Formatter<'_>, layout: &Layout<'_>, any: usize) -> fmt::Result {
    let node = &layout.nodes[any];
    let loops = &layout.listed.any;
    #[allow(clippy::cast_precision_loss)] // a few lines
    let name_y = node.y - 7.0 * loops.len() as f64;
    write!(
            f,
            "<g class=\"automat-any\"><ellipse cx=\"{x}\" cy=\"{y}\" rx=\"{rx}\" ry=\"{ry}\" fill=\"#ffffff\" \
             stroke=\"#888\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/><text x=\"{x}\" y=\"{name_y}\" \
             fill=\"#555\">any state</text>",
            x = Num(node.x),
            y = Num(node.y),
            rx = Num(node.w / 2.0),
            ry = Num(node.h / 2.0),
            name_y = Num(name_y),
        )?;
    write_loop_lines(f, loops, node.x, name_y)?;
    writeln!(f, "</g>")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{ellipse_width, root};

    #[test]
    fn the_root_is_exact_on_its_range() {
        for k in 10..=100 {
            let x = f64::from(k) / 100.0;
            let r = root(x);
            assert!((r * r - x).abs() < 1e-12, "root({x}) = {r}");
        }
        assert!(
            (root(0.0) - root(0.1)).abs() < 1e-15,
            "below the range is 0.1"
        );
    }

    /// Every line of a state fits inside its ellipse with room, and a state with no lines is as
    /// wide as its name and 32 (at least 64).
    #[test]
    fn lines_fit_inside_the_ellipse() {
        assert!((ellipse_width(100.0, [].into_iter(), 36.0) - 132.0).abs() < 1e-9);
        assert!((ellipse_width(10.0, [].into_iter(), 36.0) - 64.0).abs() < 1e-9);
        let widths = [120.0, 300.0, 80.0];
        let height = 36.0 + 14.0 * 3.0;
        let a = ellipse_width(60.0, widths.into_iter(), height) / 2.0;
        let b = height / 2.0;
        for (k, w) in widths.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let dy = -21.0 + 14.0 * (k + 1) as f64;
            let x = w / 2.0 + 16.0;
            assert!(
                (x / a).powi(2) + (dy / b).powi(2) <= 1.0 + 1e-9,
                "line {k} fits"
            );
        }
    }
}
