//! `with_glob`: every file matching a pattern, in byte order of the path relative to `base_dir`.
//! Matching by `globset` (`*` stays within a path segment, `**` spans any depth), walking by `walkdir`.

use std::path::{Path, PathBuf};

use globset::GlobBuilder;
use walkdir::WalkDir;

use super::file;
use super::options::{FileOptions, GlobOptions};
use super::{Layer, LayerStatus, Reuse, SourceKind};
use crate::error::{Warning, WarningKind};
use crate::{Error, Result};

const META: &[char] = &['*', '?', '[', '{'];

pub(crate) fn load(
    pattern: &str,
    opts: &GlobOptions,
    limit: u64,
    reuse: Reuse<'_>,
) -> Result<Vec<Layer>> {
    let Walked {
        base,
        pattern,
        root,
        max_depth,
    } = walked(pattern, opts);
    let matcher = GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| Error::invalid_argument(format!("invalid glob pattern '{pattern}': {e}")))?
        .compile_matcher();
    let mut found: Vec<(String, PathBuf)> = Vec::new();
    let mut problems: Vec<Warning> = Vec::new();
    // Links are followed only while they stay inside the base directory: a link to `/` must
    // not walk the whole filesystem (walkdir itself refuses link loops).
    let fence = base.canonicalize().ok();
    let walk = WalkDir::new(&root)
        .follow_links(true)
        .max_depth(max_depth)
        .into_iter()
        .filter_entry(|e| {
            !e.path_is_symlink()
                || match (&fence, e.path().canonicalize()) {
                    (Some(fence), Ok(target)) => target.starts_with(fence),
                    _ => false,
                }
        });
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            // A root that does not exist is what `NoMatch` says; a file gone mid-walk is gone.
            Err(e)
                if e.io_error().map(std::io::Error::kind) == Some(std::io::ErrorKind::NotFound) =>
            {
                continue;
            }
            Err(e) => {
                // An unreadable directory (or a link loop) means the layers would silently
                // miss files: a warning, so strict mode refuses it.
                let at = e
                    .path()
                    .map_or_else(|| root.display().to_string(), |p| p.display().to_string());
                log::warn!("glob '{pattern}': cannot read {at}: {e}");
                problems.push(Warning::new(
                    WarningKind::SourceUnavailable,
                    format!("glob '{pattern}': cannot read {at}; files there are not loaded"),
                    Some(at),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&base) else {
            continue;
        };
        let rel = rel_string(rel);
        if matcher.is_match(&rel) {
            found.push((rel, entry.path().to_path_buf()));
        }
    }
    found.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut layers = problem_layers(pattern, problems);
    if found.is_empty() {
        log::info!("glob '{pattern}' matched nothing");
        let mut layer = Layer::new(SourceKind::File, pattern, LayerStatus::Missing);
        layer.warnings.push(Warning::new(
            WarningKind::NoMatch,
            format!("no file matches '{pattern}'"),
            Some(pattern.to_string()),
        ));
        layers.push(layer);
        return Ok(layers);
    }
    for (rel, path) in &found {
        layers.push(file::load(
            path,
            &display_name(&base, rel),
            &FileOptions::default(),
            limit,
            reuse,
        )?);
    }
    Ok(layers)
}

/// Where a pattern is walked from.
pub(crate) struct Walked<'p> {
    /// The directory matches are relative to.
    pub base: PathBuf,
    /// The pattern relative to `base`.
    pub pattern: &'p str,
    /// The literal part of the pattern: only below it can anything match.
    pub root: PathBuf,
    /// How deep below `root` a match can be (1: directly in it).
    pub max_depth: usize,
}

/// The walk a pattern needs: the loader's and the watcher's (docs/behaviour.md, "Reload").
pub(crate) fn walked<'p>(pattern: &'p str, opts: &GlobOptions) -> Walked<'p> {
    let (base, pattern) = match pattern.strip_prefix('/') {
        Some(rest) => (PathBuf::from("/"), rest),
        None => (opts.base_dir.clone(), pattern),
    };
    // Walk only below the literal part of the pattern, and no deeper than it can match.
    let parts: Vec<&str> = pattern.split('/').collect();
    let literal = parts
        .iter()
        .take_while(|p| !p.contains(META))
        .count()
        .min(parts.len().saturating_sub(1));
    let root = parts[..literal]
        .iter()
        .fold(base.clone(), |acc, p| acc.join(p));
    let max_depth = if pattern.contains("**") {
        usize::MAX
    } else {
        parts.len() - literal
    };
    Walked {
        base,
        pattern,
        root,
        max_depth,
    }
}

/// Unreadable places, each reported by a missing layer that carries its warning.
fn problem_layers(pattern: &str, problems: Vec<Warning>) -> Vec<Layer> {
    problems
        .into_iter()
        .map(|w| {
            let name = w.source.clone().unwrap_or_else(|| pattern.to_string());
            let mut layer = Layer::new(SourceKind::File, name, LayerStatus::Missing);
            layer.warnings.push(w);
            layer
        })
        .collect()
}

fn rel_string(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn display_name(base: &Path, rel: &str) -> String {
    if base == Path::new(".") || base.as_os_str().is_empty() {
        rel.to_string()
    } else if base == Path::new("/") {
        format!("/{rel}")
    } else {
        format!("{}/{rel}", base.display().to_string().trim_end_matches('/'))
    }
}
