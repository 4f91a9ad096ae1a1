//! `with_secrets_dir`: one value per regular file of a directory (Docker and Kubernetes secret
//! mounts), every value a secret (docs/behaviour.md, "Secrets directories").

use std::path::Path;

use super::options::SecretsOptions;
use super::{Layer, LayerStatus, Locs, SourceKind, VarSource};
use crate::env::{Mapping, build_env_tree, has_prefix};
use crate::error::{Warning, WarningKind};
use crate::{Details, Error, Result};

pub(crate) fn load(dir: &Path, opts: &SecretsOptions, limit: u64) -> Result<Layer> {
    let name = dir.display().to_string();
    let mut layer = Layer::new(SourceKind::File, name.as_str(), LayerStatus::Loaded);
    layer.locs = Locs::Vars(VarSource::SecretFile);
    layer.secret = true;
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            layer.status = LayerStatus::Missing;
            layer.warnings.push(Warning::new(
                WarningKind::FileNotFound,
                format!("{name} does not exist; layer skipped"),
                Some(name.clone()),
            ));
            return Ok(layer);
        }
        Err(e) => {
            return Err(Error::IoError(
                Details::new(format!("cannot read the secrets directory: {e}")).file(name),
            ));
        }
    };
    let mut vars = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| {
            Error::IoError(
                Details::new(format!("cannot list the secrets directory: {e}")).file(&name),
            )
        })?;
        let Ok(file_name) = entry.file_name().into_string() else {
            log::warn!("{name}: a file name that is not UTF-8; skipped");
            continue;
        };
        // Dotfiles are the mount's own bookkeeping (Kubernetes' `..data`), never a secret.
        if file_name.starts_with('.') || !has_prefix(&file_name, &opts.prefix) {
            continue;
        }
        let path = entry.path();
        // Kubernetes mounts each secret as a symlink into `..data/`: follow links, skip
        // directories and anything else that is not a regular file.
        if !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            log::debug!("{}: not a regular file; skipped", path.display());
            continue;
        }
        vars.push((file_name, read_secret(&path, limit)?));
    }
    let built = build_env_tree(
        &vars,
        None,
        &Mapping {
            prefix: &opts.prefix,
            separator: "__",
            ignore_empty: false,
            paths: None,
        },
        layer.id,
    )?;
    log::info!("secrets directory {name}: {} files read", built.vars.len());
    Ok(layer.with_vars(built))
}

/// A secret file's text, one trailing line break dropped (`echo` and editors add one). A file
/// removed since the directory was listed is a `FileNotFound` error.
fn read_secret(path: &Path, limit: u64) -> Result<String> {
    let shown = path.display().to_string();
    let mut text = super::file::text(path, &shown, limit)?.ok_or_else(|| {
        Error::FileNotFound(Details::new("secret file removed while read").file(shown.as_str()))
    })?;
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    Ok(text)
}
