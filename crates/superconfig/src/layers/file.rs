//! `with_file`: one file; format from the option, else the extension, else sniffed.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

use super::string::parse_into;
use super::{Layer, LayerStatus, SourceKind};
use crate::error::{Warning, WarningKind};
use crate::formats::Format;
use crate::{Details, Error, Result};

/// Options of [`crate::SuperConfig::with_file_opts`].
#[derive(Debug, Clone, Default)]
pub struct FileOptions {
    /// A missing file is an error rather than a warning.
    pub required: bool,
    /// The format, overriding the extension.
    pub format: Option<Format>,
    /// Top-level keys are profile names (SPEC §5).
    pub profiles: bool,
}

/// Loads the file at `path`, naming it `name` in provenance and errors.
pub(crate) fn load(path: &Path, name: &str, opts: &FileOptions) -> Result<Layer> {
    let mut layer = Layer::new(SourceKind::File, name, LayerStatus::Loaded);
    layer.profiles = opts.profiles;
    let bytes = match read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            log::debug!("looked for {name}: not found");
            if opts.required {
                return Err(Error::FileNotFound(
                    Details::new("required file does not exist").file(name),
                ));
            }
            layer.status = LayerStatus::Missing;
            layer.warnings.push(Warning::new(
                WarningKind::FileNotFound,
                format!("{name} does not exist; layer skipped"),
                Some(name.to_string()),
            ));
            return Ok(layer);
        }
        Err(e) => {
            return Err(Error::IoError(
                Details::new(format!("cannot read: {e}")).file(name),
            ));
        }
    };
    log::debug!("looked for {name}: found ({} bytes)", bytes.len());
    let text = String::from_utf8(bytes).map_err(|e| {
        // The valid prefix is UTF-8: place the bad byte the way every other error is placed
        // (1-based line, column in characters).
        let valid =
            std::str::from_utf8(&e.as_bytes()[..e.utf8_error().valid_up_to()]).unwrap_or_default();
        let (line, col) = crate::formats::LineIndex::new(valid).line_col(valid, valid.len());
        Error::parse(
            Details::new("file is not valid UTF-8")
                .file(name)
                .at(Some(line), Some(col)),
        )
    })?;
    let format = opts.format.or_else(|| Format::from_path(path));
    parse_into(layer, &text, format, name)
}

/// The file's bytes in open, read, read (the end), close. `std::fs::read` also asks the kernel
/// for the size first: a fifth system call, and on these VMs one costs about as much as
/// reading a small configuration file.
fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(8 * 1024);
    // Through `Take`, which has no size hint to ask for (`File`'s own `read_to_end` does).
    File::open(path)?.take(u64::MAX).read_to_end(&mut bytes)?;
    Ok(bytes)
}
