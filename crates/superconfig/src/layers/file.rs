//! `with_file`: one file; format from the option, else the extension, else sniffed.

use std::io::{ErrorKind, Read};
use std::path::Path;

use super::options::FileOptions;
use super::string::parse_into;
use super::{Layer, LayerStatus, Reuse, SourceKind};
use crate::error::{Warning, WarningKind};
use crate::formats::Format;
use crate::{Details, Error, Result};

fn not_regular(name: &str, what: &str) -> Error {
    Error::IoError(Details::new(format!("{what}, not a regular file; not read")).file(name))
}

/// Loads the file at `path`, naming it `name` in provenance and errors; `limit` is the
/// configuration's size limit, which `opts.max_bytes` overrides. A layer of `reuse` with the
/// same name and text is kept as it is (a reload of an unchanged file parses nothing).
pub(crate) fn load(
    path: &Path,
    name: &str,
    opts: &FileOptions,
    limit: u64,
    reuse: Reuse<'_>,
) -> Result<Layer> {
    let mut layer = Layer::new(SourceKind::File, name, LayerStatus::Loaded);
    layer.profiles = opts.profiles;
    let limit = opts.max_bytes.unwrap_or(limit);
    let Some(text) = read_text(path, name, opts.required, limit, &mut layer)? else {
        return Ok(layer);
    };
    let hash = content_hash(&text);
    if let Some(same) = reuse
        .iter()
        .find(|old| old.hash == hash && old.name == name && old.profiles == opts.profiles)
    {
        log::debug!("{name} unchanged; kept");
        return Ok(Layer::clone(same));
    }
    let format = opts.format.or_else(|| Format::from_path(path));
    let mut layer = parse_into(layer, &text, format, name)?;
    layer.hash = hash;
    Ok(layer)
}

#[cfg(feature = "watch")]
/// Whether the file at `path` holds the text whose hash is `hash` (a reload's check that a
/// file it read empty still is).
pub(crate) fn has_text(path: &Path, hash: u64) -> bool {
    matches!(text(path, "", crate::limits::DEFAULT_MAX_FILE_BYTES), Ok(Some(t)) if content_hash(&t) == hash)
}

/// The hash a reload compares a file's text by (never 0, which marks "no text").
fn content_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x5eed)
        .hash_one(text.as_bytes())
        .max(1)
}

/// The dotenv file of `with_env(dotenv=…)`: its variables mapped with the env layer's prefix
/// and separator; a missing file is a `FileNotFound` warning.
pub(crate) fn load_dotenv(
    path: &Path,
    name: &str,
    mapping: &crate::env::Mapping<'_>,
    limit: u64,
) -> Result<Layer> {
    let mut layer = Layer::new(SourceKind::File, name, LayerStatus::Loaded);
    let Some(text) = read_text(path, name, false, limit, &mut layer)? else {
        return Ok(layer);
    };
    if !mapping.prefix.is_empty() {
        layer.prefixed = true;
    }
    super::string::dotenv_into(layer, &text, mapping, name)
}

/// The text of the file at `path`; `None` when it does not exist and is not required (the
/// layer then records it missing, with a `FileNotFound` warning).
fn read_text(
    path: &Path,
    name: &str,
    required: bool,
    limit: u64,
    layer: &mut Layer,
) -> Result<Option<String>> {
    let text = text(path, name, limit)?;
    if text.is_none() {
        log::debug!("looked for {name}: not found");
        if required {
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
    }
    Ok(text)
}

/// The UTF-8 text of the regular file at `path` (at most `limit` bytes), named `name` in
/// errors; `None` when it does not exist. Every file layer reads through here.
pub(super) fn text(path: &Path, name: &str, limit: u64) -> Result<Option<String>> {
    let bytes = match read(path, limit) {
        Ok(b) => b,
        Err(ReadError::Io(e)) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(ReadError::Io(e)) if e.kind() == ErrorKind::IsADirectory => {
            return Err(not_regular(name, "a directory"));
        }
        Err(ReadError::Io(e)) => {
            return Err(Error::IoError(
                Details::new(format!("cannot read: {e}")).file(name),
            ));
        }
        Err(ReadError::NotRegular(what)) => return Err(not_regular(name, what)),
        Err(ReadError::TooLarge(size)) => {
            return Err(Error::IoError(
                Details::new(format!(
                    "file is larger than the limit of {limit} bytes ({size} bytes or more); not read"
                ))
                .file(name),
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
    Ok(Some(text))
}

/// Why a path could not be read as a configuration file.
enum ReadError {
    Io(std::io::Error),
    NotRegular(&'static str),
    TooLarge(u64),
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// The bytes of a regular file of at most `limit` bytes. The file is opened without blocking
/// (a FIFO would otherwise wait for a writer forever), its type and size are taken from the
/// open descriptor (so a path swapped between a check and the read cannot slip through), and
/// the read itself stops one byte past the limit (a file that grows while read, or lies about
/// its size like `/proc` files, cannot make it unbounded).
fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    let kind = meta.file_type();
    if !kind.is_file() {
        return Err(ReadError::NotRegular(file_type_name(&kind)));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

fn file_type_name(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}
