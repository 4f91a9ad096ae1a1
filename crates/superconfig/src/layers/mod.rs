//! Layers (docs/behaviour.md, "Layers"): each builder step loads one or more layers; this module
//! holds what a layer
//! is, and one file per kind says how it is loaded.

pub(crate) mod defaults;
pub(crate) mod env;
#[cfg(feature = "fs")]
pub(crate) mod file;
#[cfg(feature = "fs")]
pub(crate) mod glob;
#[cfg(feature = "fs")]
pub(crate) mod hierarchical;
pub(crate) mod make;
pub(crate) mod options;
pub(crate) mod recipe;
#[cfg(feature = "fs")]
pub(crate) mod secrets;
pub(crate) mod string;

use std::fmt;
use std::sync::Arc;

use crate::env::Var;
use crate::error::Warning;
use crate::value::{LayerId, Node};

/// The error of a file-reading layer in a build without files (the browser's).
#[cfg(not(feature = "fs"))]
pub(crate) fn no_files() -> crate::Error {
    crate::Error::invalid_argument("this build reads no files (load text with with_string)")
}

/// What kind of source a layer (and a value's provenance) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// `with_defaults`.
    Defaults,
    /// A file (also found by a glob or by discovery).
    File,
    /// `with_string`.
    String,
    /// Environment variables (`with_env`, `with_env_map`).
    Env,
}

impl SourceKind {
    /// Every kind: the list each face's types are checked against.
    pub const ALL: [SourceKind; 4] = [
        SourceKind::Defaults,
        SourceKind::File,
        SourceKind::String,
        SourceKind::Env,
    ];

    /// `defaults`, `file`, `string` or `env`.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Defaults => "defaults",
            SourceKind::File => "file",
            SourceKind::String => "string",
            SourceKind::Env => "env",
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What became of a layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LayerStatus {
    /// Loaded and contributing.
    Loaded,
    /// Looked for and not there.
    Missing,
    /// Found but not used (a second discovery candidate in one directory).
    Ignored,
    /// Loaded and empty.
    Empty,
}

impl LayerStatus {
    /// Every status: the list each face's types are checked against.
    pub const ALL: [LayerStatus; 4] = [
        LayerStatus::Loaded,
        LayerStatus::Missing,
        LayerStatus::Ignored,
        LayerStatus::Empty,
    ];

    /// `loaded`, `missing`, `ignored` or `empty`.
    pub fn as_str(self) -> &'static str {
        match self {
            LayerStatus::Loaded => "loaded",
            LayerStatus::Missing => "missing",
            LayerStatus::Ignored => "ignored",
            LayerStatus::Empty => "empty",
        }
    }
}

impl fmt::Display for LayerStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a node's `origin.loc` is read in this layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Locs {
    /// Lines.
    Lines,
    /// 1-based index into the layer's `vars`.
    Vars(VarSource),
    /// Nothing known (defaults).
    Unknown,
}

/// What the source of a value read from a variable is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VarSource {
    /// The environment variable itself (`with_env`, `with_env_map`, aliases).
    Variable,
    /// The layer's dotenv file, at the variable's line.
    DotenvLine,
    /// The secret file the variable names, in the layer's directory.
    #[cfg_attr(not(feature = "fs"), allow(dead_code))] // no secrets directory without files
    SecretFile,
}

/// The layers grouped by the builder step that made them (the layers of one step share its
/// recipe, kept by the same `Arc`); a layer without a recipe is a step of its own.
pub(crate) fn steps(layers: &[Arc<Layer>]) -> impl Iterator<Item = &[Arc<Layer>]> {
    layers.chunk_by(|a, b| match (&a.recipe, &b.recipe) {
        (Some(x), Some(y)) => Arc::ptr_eq(x, y),
        _ => false,
    })
}

/// The layers a reload may keep: the earlier layers of the same step (empty on a first load).
pub(crate) type Reuse<'a> = &'a [Arc<Layer>];

/// One loaded (or looked-for) source.
#[derive(Debug, Clone)]
pub struct Layer {
    pub(crate) id: LayerId,
    pub(crate) kind: SourceKind,
    pub(crate) name: String,
    pub(crate) status: LayerStatus,
    pub(crate) profiles: bool,
    pub(crate) tree: Option<Node>,
    pub(crate) warnings: Vec<Warning>,
    pub(crate) locs: Locs,
    /// The variables read (env, dotenv, secret files): names, kept texts, lines.
    pub(crate) vars: Arc<[Var]>,
    /// Variables read with a prefix (an env layer, `with_env`'s dotenv file): its keys get the
    /// `SuspiciousEnv` check made when the layer is merged (docs/behaviour.md, "Environment
    /// variables"), with the prefix and separator of its recipe.
    pub(crate) prefixed: bool,
    /// Every value is a secret, whatever its key (a secrets directory).
    pub(crate) secret: bool,
    pub(crate) nodes: usize,
    #[cfg_attr(not(feature = "fs"), allow(dead_code))] // only files have texts to compare
    /// A hash of a file layer's text (0 for other layers): a reload that reads the same text
    /// again keeps this layer instead of parsing it again (docs/behaviour.md, "Reload").
    pub(crate) hash: u64,
    /// How the step that made this layer was given: what reloading needs to make it again
    /// (shared by the layers of one step).
    pub(crate) recipe: Option<Arc<recipe::Recipe>>,
}

impl Layer {
    /// The prefix and separator a prefixed layer's variables were read with.
    pub(crate) fn env_mapping(&self) -> Option<(&str, &str)> {
        if !self.prefixed {
            return None;
        }
        match self.recipe.as_deref()? {
            recipe::Recipe::Env { prefix, options }
            | recipe::Recipe::EnvMap {
                prefix, options, ..
            } => Some((prefix, &options.separator)),
            _ => None,
        }
    }

    pub(crate) fn new(kind: SourceKind, name: impl Into<String>, status: LayerStatus) -> Layer {
        Layer {
            id: LayerId::next(),
            kind,
            name: name.into(),
            status,
            profiles: false,
            tree: None,
            warnings: Vec::new(),
            locs: Locs::Lines,
            vars: Arc::from(Vec::new()),
            prefixed: false,
            secret: false,
            nodes: 0,
            hash: 0,
            recipe: None,
        }
    }

    /// Gives the layer its parsed tree (`None`: empty) and sets the status to match.
    /// `size_hint` estimates the node count when the caller knows it cheaply (source length).
    pub(crate) fn with_tree_sized(mut self, tree: Option<Node>, size_hint: usize) -> Layer {
        self.nodes = size_hint;
        self.with_tree_inner(tree)
    }

    /// Like [`with_tree_sized`](Self::with_tree_sized), counting nodes (for small trees).
    pub(crate) fn with_tree(mut self, tree: Option<Node>) -> Layer {
        self.nodes = tree.as_ref().map_or(0, Node::count);
        self.with_tree_inner(tree)
    }

    fn with_tree_inner(mut self, tree: Option<Node>) -> Layer {
        let empty = tree
            .as_ref()
            .and_then(Node::as_table)
            .is_none_or(|t| t.is_empty());
        self.status = if empty {
            LayerStatus::Empty
        } else {
            LayerStatus::Loaded
        };
        self.tree = tree;
        self
    }

    /// The public summary.
    pub fn info(&self) -> LayerInfo {
        LayerInfo {
            kind: self.kind,
            name: self.name.clone(),
            status: self.status,
        }
    }
}

/// What `layers()` lists for each layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerInfo {
    /// Source kind.
    pub kind: SourceKind,
    /// Path, source name, `defaults`, or the env prefix.
    pub name: String,
    /// Loaded, missing, ignored or empty.
    pub status: LayerStatus,
}
