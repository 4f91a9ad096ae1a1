//! `with_hierarchical`: Git-style discovery, lowest priority first: system dir, user dir, then
//! every directory from the outermost down to the start directory (nearest wins).

use std::path::{Path, PathBuf};

use super::file;
use super::options::{FileOptions, HierarchicalOptions};
use super::{Layer, LayerStatus, Reuse, SourceKind};
use crate::error::{Warning, WarningKind};
use crate::{Details, Error, Result};

impl HierarchicalOptions {
    /// The options with `user_dir` taken from the environment now (`XDG_CONFIG_HOME`, `HOME`)
    /// when it is not set: a binding calls this while it holds its interpreter's lock, so the
    /// discovery itself can run without it and never reads the environment while the host's
    /// other threads may change it.
    pub fn with_user_dir_resolved(mut self) -> Self {
        if self.user_dir.is_none() {
            self.user_dir = xdg_config_home();
        }
        self
    }
}

const EXTENSIONS: [&str; 4] = ["toml", "yaml", "yml", "json"];

pub(crate) fn load(
    app: &str,
    opts: &HierarchicalOptions,
    limit: u64,
    reuse: Reuse<'_>,
) -> Result<Vec<Layer>> {
    let dirs = candidates(app, opts)?;
    let mut layers = Vec::new();
    let mut loaded_any = false;
    for candidates in dirs {
        let mut chosen: Option<String> = None;
        for path in candidates {
            if !path.is_file() {
                continue;
            }
            let name = path.display().to_string();
            if let Some(why) = unsafe_owner(&path) {
                log::warn!("discovery: {name} skipped: {why}");
                let mut layer = Layer::new(SourceKind::File, name.clone(), LayerStatus::Ignored);
                layer.warnings.push(Warning::new(
                    WarningKind::IgnoredFile,
                    format!("{name} ignored: {why}"),
                    Some(name),
                ));
                layers.push(layer);
                continue;
            }
            match &chosen {
                None => {
                    log::debug!("discovery: found {name}");
                    layers.push(file::load(
                        &path,
                        &name,
                        &FileOptions::default(),
                        limit,
                        reuse,
                    )?);
                    loaded_any = true;
                    chosen = Some(name);
                }
                Some(winner) => {
                    let mut layer =
                        Layer::new(SourceKind::File, name.clone(), LayerStatus::Ignored);
                    layer.warnings.push(Warning::new(
                        WarningKind::IgnoredFile,
                        format!("{name} ignored: {winner} in the same directory takes precedence"),
                        Some(name),
                    ));
                    layers.push(layer);
                }
            }
        }
    }
    if !loaded_any {
        let mut layer = Layer::new(SourceKind::File, app, LayerStatus::Missing);
        layer.warnings.push(Warning::new(
            WarningKind::NoMatch,
            format!("no configuration file for '{app}' found in any searched directory"),
            Some(app.to_string()),
        ));
        layers.push(layer);
    }
    Ok(layers)
}

/// The candidate files of discovery, one list per searched directory (system, user, then the
/// project directories from the outermost down): what loading picks from and what the watcher
/// watches (docs/behaviour.md, "Reload").
pub(crate) fn candidates(app: &str, opts: &HierarchicalOptions) -> Result<Vec<Vec<PathBuf>>> {
    // The name becomes a file and directory name under system_dir and user_dir: never a path.
    if app.is_empty() || app == "." || app.contains(['/', '\\', '\0']) || app.contains("..") {
        return Err(Error::invalid_argument(format!(
            "invalid application name '{app}': a name, without '/', '\\' or '..'"
        )));
    }
    let cwd = std::env::current_dir()
        .map_err(|e| Error::IoError(Details::new(format!("no current directory: {e}"))))?;
    let absolute = |p: &Path| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            cwd.join(p)
        }
    };
    let mut dirs: Vec<Vec<PathBuf>> = Vec::new();
    let system = opts
        .system_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from("/etc"));
    dirs.push(named(&absolute(&system).join(app), "config"));
    match opts.user_dir.clone().or_else(xdg_config_home) {
        Some(user) => dirs.push(named(&absolute(&user).join(app), "config")),
        None => log::debug!("no user config directory (HOME unset); skipped"),
    }
    let start = canonical(&absolute(
        opts.start_dir.as_deref().unwrap_or(Path::new(".")),
    ))?;
    let stop = match &opts.stop_dir {
        Some(s) => Some(canonical(&absolute(s))?),
        None => None,
    };
    if let Some(stop) = &stop
        && !start.starts_with(stop)
    {
        return Err(Error::invalid_argument(format!(
            "stop_dir {} is not an ancestor of start_dir {}",
            stop.display(),
            start.display()
        )));
    }
    let mut project: Vec<&Path> = Vec::new();
    for dir in start.ancestors() {
        project.push(dir);
        if stop.as_deref() == Some(dir) {
            break;
        }
    }
    for dir in project.into_iter().rev() {
        let mut candidates = named(dir, &format!(".{app}"));
        candidates.extend(named(dir, app));
        dirs.push(candidates);
    }
    Ok(dirs)
}

/// Why a discovered file must not be trusted, as Git refuses a repository another user owns:
/// discovery walks up from the working directory, so under a shared directory such as `/tmp`
/// any user could plant `.app.toml` for everyone below it. A file is trusted when it belongs to
/// the current user or to root and is not writable by every user.
#[cfg(unix)]
fn unsafe_owner(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me && meta.uid() != 0 {
        return Some(format!(
            "owned by another user (uid {}), not by you (uid {me}) or root",
            meta.uid()
        ));
    }
    if meta.mode() & 0o002 != 0 {
        return Some("writable by every user".to_string());
    }
    None
}

#[cfg(not(unix))]
fn unsafe_owner(_path: &Path) -> Option<String> {
    None
}

fn named(dir: &Path, stem: &str) -> Vec<PathBuf> {
    EXTENSIONS
        .iter()
        .map(|ext| dir.join(format!("{stem}.{ext}")))
        .collect()
}

fn canonical(p: &Path) -> Result<PathBuf> {
    p.canonicalize().map_err(|e| {
        Error::invalid_argument(format!("directory {} cannot be used: {e}", p.display()))
    })
}

fn xdg_config_home() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir())
}
