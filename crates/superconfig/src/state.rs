//! One immutable configuration snapshot: its layers, the merged tree, the active profile.
//! Builder steps make a new snapshot from an old one; the old one is untouched.

use std::sync::{Arc, OnceLock};

use wildmatch::WildMatch;

use crate::Result;
use crate::error::Warning;
use crate::layers::{Layer, SourceKind};
use crate::live::Live;
use crate::merge::{MergeCtx, merge_table};
use crate::profile::{self, DEFAULT_PROFILE};
use crate::redact::Redactor;
use crate::registry::REGISTRY;
use crate::value::{LayerId, Node, Origin};

/// Warning filters of `suppress_warnings`: wildcard patterns (`*`, `?`) over the kind or the
/// message. `*` matches any text, `/` included, so a pattern can name part of a path.
#[derive(Debug, Default)]
pub(crate) struct Suppress {
    patterns: Vec<String>,
    matchers: Vec<WildMatch>,
}

impl Suppress {
    fn matches(&self, w: &Warning) -> bool {
        self.matchers
            .iter()
            .any(|m| m.matches(w.kind.as_str()) || m.matches(&w.message))
    }
}

#[derive(Debug)]
pub(crate) struct State {
    pub strict: bool,
    /// Largest file a layer of this configuration reads (docs/behaviour.md, "Files").
    pub max_file_bytes: u64,
    pub profile: Arc<str>,
    pub layers: Vec<Arc<Layer>>,
    /// Merge warnings of each layer under the active profile (parallel to `layers`).
    pub merge_warnings: Vec<Arc<[Warning]>>,
    pub suppress: Arc<Suppress>,
    /// Key-path patterns whose values are secrets (`secret_keys`); `None` when there are none,
    /// so that a configuration without them allocates nothing for them.
    pub secret_keys: Option<Arc<[String]>>,
    pub root: Node,
    /// Reloads applied to this configuration since it was built (docs/behaviour.md, "Reload").
    pub version: u64,
    /// What reloads of this configuration share (their lock, the event listeners): made the
    /// first time it is reloaded or watched, handed on by every reload, never by builder steps.
    pub live: OnceLock<Arc<Live>>,
}

impl State {
    pub(crate) fn empty(strict: bool, max_file_bytes: u64, secret_keys: &[String]) -> State {
        State {
            strict,
            max_file_bytes,
            secret_keys: (!secret_keys.is_empty()).then(|| secret_keys.into()),
            profile: Arc::from(DEFAULT_PROFILE),
            layers: Vec::new(),
            merge_warnings: Vec::new(),
            suppress: Arc::new(Suppress::default()),
            root: Node::empty_table(Origin::default()),
            version: 0,
            live: OnceLock::new(),
        }
    }

    /// The reload state shared by this configuration's snapshots.
    pub(crate) fn live(&self) -> Arc<Live> {
        Arc::clone(self.live.get_or_init(Arc::default))
    }

    /// The same snapshot, for a new handle: it keeps the version of the tree it holds and
    /// follows its own reloads from here (docs/behaviour.md, "Reload").
    pub(crate) fn copy(&self) -> State {
        let mut copy = self.derive();
        copy.version = self.version;
        copy
    }

    /// The snapshot a reload makes: these layers (made again from their recipes) merged under
    /// this snapshot's profile, suppressions and options. Every warning they raise is this
    /// step's (in strict mode the first shown is the error). Version and `live` are left to
    /// the reload.
    pub(crate) fn rebuilt(&self, layers: Vec<Layer>) -> Result<State> {
        let mut state = self.derive();
        state.root = Node::empty_table(Origin::default());
        state.layers = Vec::with_capacity(layers.len());
        state.merge_warnings = Vec::with_capacity(layers.len());
        let mut raised = state.merge_on_top(layers);
        raised.extend(state.profile_missing());
        state.raise(raised)?;
        Ok(state)
    }

    /// Estimated size for the registry's `memory_bytes`.
    pub(crate) fn bytes(&self) -> usize {
        std::mem::size_of::<State>()
            + self
                .layers
                .iter()
                .map(|l| l.nodes * std::mem::size_of::<Node>())
                .sum::<usize>()
    }

    /// Merges `layers` on top, keeping them; returns their warnings and their merges'.
    fn merge_on_top(&mut self, layers: Vec<Layer>) -> Vec<Warning> {
        let mut raised = Vec::new();
        for layer in layers {
            let warnings = apply(&mut self.root, &layer, &self.profile);
            raised.extend(layer.warnings.iter().cloned());
            raised.extend(warnings.iter().cloned());
            self.layers.push(Arc::new(layer));
            self.merge_warnings.push(warnings.into());
        }
        raised
    }

    /// A snapshot with `new` layers applied on top (only they are merged: cost follows their size).
    pub(crate) fn with_layers(&self, new: Vec<Layer>) -> Result<State> {
        let mut state = self.derive();
        // This step's warnings are the new layers' own and their merges': nothing earlier is
        // looked at again, and a warning equal to an earlier one still counts.
        let raised = state.merge_on_top(new);
        state.report(self, raised)?;
        Ok(state)
    }

    /// A snapshot with `profile` active: every layer re-applied.
    pub(crate) fn with_profile(&self, profile: &str) -> Result<State> {
        let mut state = self.derive();
        state.profile = Arc::from(profile);
        state.root = Node::empty_table(Origin::default());
        state.merge_warnings.clear();
        for layer in &state.layers {
            let warnings = apply(&mut state.root, layer, profile);
            state.merge_warnings.push(warnings.into());
        }
        log::info!("profile '{profile}' selected");
        // Layers' own warnings do not change with the profile; merges' and the missing
        // profile's may: those not raised under the previous profile are this step's.
        let raised = state
            .merge_warnings
            .iter()
            .flat_map(|w| w.iter())
            .filter(|w| !self.merge_warnings.iter().any(|old| old.contains(w)))
            .cloned()
            .collect();
        state.report(self, raised)?;
        Ok(state)
    }

    pub(crate) fn with_suppress(&self, patterns: &[String]) -> Result<State> {
        let mut all = self.suppress.patterns.clone();
        all.extend(patterns.iter().cloned());
        let matchers = all.iter().map(|p| WildMatch::new(p)).collect();
        let mut state = self.derive();
        state.suppress = Arc::new(Suppress {
            patterns: all,
            matchers,
        });
        Ok(state)
    }

    fn derive(&self) -> State {
        State {
            strict: self.strict,
            max_file_bytes: self.max_file_bytes,
            profile: self.profile.clone(),
            layers: self.layers.clone(),
            merge_warnings: self.merge_warnings.clone(),
            suppress: self.suppress.clone(),
            secret_keys: self.secret_keys.clone(),
            root: self.root.clone(),
            // A builder step makes a new configuration: it has no reloads yet.
            version: 0,
            live: OnceLock::new(),
        }
    }

    /// Counts and logs the warnings this step raised (`new`, and a missing profile that was not
    /// missing `before`); in strict mode the first one shown is the error.
    fn report(&self, before: &State, mut new: Vec<Warning>) -> Result<()> {
        if before.profile_missing().is_none() {
            new.extend(self.profile_missing());
        }
        self.raise(new)
    }

    /// Counts and logs `new`; in strict mode the first one shown is the error.
    fn raise(&self, new: Vec<Warning>) -> Result<()> {
        if new.is_empty() {
            return Ok(());
        }
        REGISTRY.count_warnings(new.len());
        let mut shown = new.into_iter().filter(|w| !self.suppress.matches(w));
        if self.strict
            && let Some(first) = shown.next()
        {
            return Err(first.into_error());
        }
        for w in shown {
            log::warn!("{w}");
        }
        Ok(())
    }

    /// Every warning, suppressed ones included, in the order they arose.
    pub(crate) fn all_warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        for (layer, merged) in self.layers.iter().zip(&self.merge_warnings) {
            out.extend(layer.warnings.iter().cloned());
            out.extend(merged.iter().cloned());
        }
        out.extend(self.profile_missing());
        out
    }

    /// The warnings a user sees.
    pub(crate) fn warnings(&self) -> Vec<Warning> {
        self.all_warnings()
            .into_iter()
            .filter(|w| !self.suppress.matches(w))
            .collect()
    }

    fn profile_missing(&self) -> Option<Warning> {
        if &*self.profile == DEFAULT_PROFILE {
            return None;
        }
        let mut profiled = self
            .layers
            .iter()
            .filter(|l| l.profiles)
            .filter_map(|l| l.tree.as_ref())
            .peekable();
        if profiled.peek().is_none() {
            return self.profile_hint();
        }
        let found = profiled.any(|tree| profile::names(tree).any(|n| n == &*self.profile));
        (!found).then(|| profile::not_found(&self.profile, &self.profiles()))
    }

    /// No layer is profiled, yet one has a top-level table named like the active profile: it
    /// was most likely meant to be loaded with profiles.
    fn profile_hint(&self) -> Option<Warning> {
        // Only a document can be loaded with profiles: not variables, not defaults.
        let layer = self.layers.iter().find(|l| {
            matches!(l.kind, SourceKind::File | SourceKind::String)
                && matches!(l.locs, crate::layers::Locs::Lines)
                && l.tree
                    .as_ref()
                    .and_then(Node::as_table)
                    .and_then(|t| t.get(&self.profile))
                    .is_some_and(|n| n.as_table().is_some())
        })?;
        Some(profile::unprofiled(&self.profile, &layer.name))
    }

    /// Profile names seen in profiled layers, first-seen order.
    pub(crate) fn profiles(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for tree in self
            .layers
            .iter()
            .filter(|l| l.profiles)
            .filter_map(|l| l.tree.as_ref())
        {
            for name in profile::names(tree) {
                if !out.iter().any(|n| n == name) {
                    out.push(name.to_string());
                }
            }
        }
        out
    }

    /// What is secret here besides secret-named keys.
    pub(crate) fn redactor(&self) -> Redactor {
        let secret_layers = self
            .layers
            .iter()
            .filter(|l| l.secret)
            .map(|l| l.id)
            .collect();
        Redactor::new(
            self.secret_keys.as_deref().unwrap_or_default(),
            secret_layers,
        )
    }

    pub(crate) fn layer(&self, id: LayerId) -> Option<&Layer> {
        self.layers.iter().map(|l| &**l).find(|l| l.id == id)
    }
}

/// The trees a layer contributes under `profile`, in merge order.
pub(crate) fn contributions<'a>(
    layer: &'a Layer,
    profile: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<&'a Node> {
    match &layer.tree {
        None => Vec::new(),
        Some(tree) if layer.profiles => profile::sections(tree, profile, &layer.name, warnings),
        Some(tree) => vec![tree],
    }
}

fn apply(root: &mut Node, layer: &Layer, profile: &str) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let trees = contributions(layer, profile, &mut warnings);
    if let Some(mapping) = layer.env_mapping() {
        for tree in &trees {
            crate::env::joined_words(root, tree, &layer.vars, mapping, &mut warnings);
        }
    }
    for tree in trees {
        let mut ctx = MergeCtx::new(&mut warnings, &layer.name);
        merge_table(root, tree, &mut ctx);
        // The root follows the table rule: its source is the latest layer that changed it.
        root.origin = tree.origin;
    }
    warnings
}
