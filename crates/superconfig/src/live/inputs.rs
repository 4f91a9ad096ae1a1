//! What a watcher watches for one snapshot (docs/behaviour.md, "Reload"): the directories that
//! hold its inputs — never the files themselves, which editors and Kubernetes replace — and
//! which event paths concern it.

use std::path::{Path, PathBuf};

use crate::layers::recipe::Recipe;
use crate::layers::{glob, hierarchical, steps};
use crate::state::State;

/// The inputs of a snapshot, as absolute paths.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Inputs {
    /// Directories to watch, and whether below them too.
    pub dirs: Vec<(PathBuf, bool)>,
    /// Files read (or looked for), and the targets of those that are links.
    files: Vec<PathBuf>,
    /// Directories any change below which matters (glob roots, secrets directories).
    trees: Vec<PathBuf>,
}

impl Inputs {
    pub(crate) fn of(state: &State) -> Inputs {
        let mut inputs = Inputs::default();
        for recipe in steps(&state.layers).filter_map(|step| step[0].recipe.as_deref()) {
            match recipe {
                Recipe::File { path, .. } => inputs.file(path),
                Recipe::Env { options, .. } => {
                    if let Some(path) = &options.dotenv {
                        inputs.file(path);
                    }
                }
                Recipe::SecretsDir { path, .. } => inputs.tree(&absolute(path), false),
                Recipe::Glob { pattern, options } => {
                    let walked = glob::walked(pattern, options);
                    inputs.tree(&absolute(&walked.root), walked.max_depth > 1);
                }
                Recipe::Hierarchical { app, options } => {
                    for path in hierarchical::candidates(app, options)
                        .unwrap_or_default()
                        .iter()
                        .flatten()
                    {
                        inputs.file(path);
                    }
                }
                Recipe::Defaults
                | Recipe::Text { .. }
                | Recipe::EnvMap { .. }
                | Recipe::EnvAliases { .. } => {}
            }
        }
        inputs.dirs.sort();
        inputs.dirs.dedup();
        inputs
    }

    /// A file: its directory is watched; a link's target directory too (an edit there changes
    /// what the link reads).
    fn file(&mut self, path: &Path) {
        let path = absolute(path);
        if let Some(parent) = path.parent() {
            self.watch(parent, false);
        }
        if let Ok(target) = path.canonicalize()
            && target != path
        {
            if let Some(parent) = target.parent() {
                self.watch(parent, false);
            }
            self.files.push(target);
        }
        self.files.push(path);
    }

    fn tree(&mut self, dir: &Path, recursive: bool) {
        self.watch(dir, recursive);
        if let Some(parent) = dir.parent() {
            self.watch(parent, false);
        }
        self.trees.push(dir.to_path_buf());
    }

    /// Watches `dir`, or while it does not exist its nearest existing ancestor (whose events
    /// say when it appears).
    fn watch(&mut self, dir: &Path, recursive: bool) {
        match dir.ancestors().find(|d| d.is_dir()) {
            Some(d) if d == dir => self.dirs.push((d.to_path_buf(), recursive)),
            Some(d) => self.dirs.push((d.to_path_buf(), false)),
            None => {}
        }
    }

    /// Whether an event at `path` may change what the snapshot reads.
    pub(crate) fn concern(&self, path: &Path) -> bool {
        let named = |p: &PathBuf| p == path || p.starts_with(path);
        self.files.iter().any(named)
            || self.trees.iter().any(|t| path.starts_with(t) || t.starts_with(path))
            // A Kubernetes ConfigMap swaps its `..data` link next to the files it serves.
            || path.file_name().is_some_and(|n| n.as_encoded_bytes().starts_with(b".."))
                && self.files.iter().any(|f| f.parent() == path.parent())
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
