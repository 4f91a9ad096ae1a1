//! Option objects (camelCase in JS) → the core's option structs. An absent option (`undefined`)
//! takes its default; an option of the wrong type is an `InvalidArgument` error naming it and
//! the method; unknown options are ignored. `undefined` or `null` for the whole object means
//! every default; any other non-object is an `InvalidArgument` error.

use superconfig::{ConfigOptions, EnvOptions, FileOptions, StringOptions};

use crate::errors::invalid;
use crate::host::{Host, JsType};

/// Reads one options object.
struct Reader<'a, H: Host> {
    host: &'a H,
    object: Option<&'a H::Value>,
    what: &'static str,
}

impl<'a, H: Host> Reader<'a, H> {
    fn new(host: &'a H, value: &'a H::Value, what: &'static str) -> Result<Self, H::Error> {
        let object = match host.classify(value)? {
            JsType::Undefined | JsType::Null => None,
            JsType::Object => Some(value),
            _ => return Err(invalid(host, format!("{what} must be an object"))),
        };
        Ok(Reader { host, object, what })
    }

    /// The option's value, `None` when absent (`undefined`).
    fn field(&self, name: &str) -> Result<Option<JsType>, H::Error> {
        let Some(object) = self.object else {
            return Ok(None);
        };
        match self.host.classify(&self.host.named(object, name)?)? {
            JsType::Undefined => Ok(None),
            other => Ok(Some(other)),
        }
    }

    fn wrong(&self, name: &str, expected: &str) -> H::Error {
        invalid(
            self.host,
            format!("{}: '{name}' must be {expected}", self.what),
        )
    }

    fn bool(&self, name: &str) -> Result<Option<bool>, H::Error> {
        match self.field(name)? {
            None => Ok(None),
            Some(JsType::Bool(b)) => Ok(Some(b)),
            Some(_) => Err(self.wrong(name, "a boolean")),
        }
    }

    fn string(&self, name: &str) -> Result<Option<String>, H::Error> {
        match self.field(name)? {
            None => Ok(None),
            Some(JsType::String(s)) => Ok(Some(s)),
            Some(_) => Err(self.wrong(name, "a string")),
        }
    }

    fn path(&self, name: &str) -> Result<Option<std::path::PathBuf>, H::Error> {
        Ok(self.string(name)?.map(std::path::PathBuf::from))
    }

    /// An array of strings.
    fn strings(&self, name: &str) -> Result<Option<Vec<String>>, H::Error> {
        match (self.field(name)?, self.object) {
            (Some(_), Some(object)) => {
                let value = self.host.named(object, name)?;
                crate::args::string_list(self.host, &value, name).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// A non-negative whole number (a number or a BigInt).
    fn count(&self, name: &str) -> Result<Option<u64>, H::Error> {
        let n = match self.field(name)? {
            None => return Ok(None),
            Some(JsType::Number(f)) if f >= 0.0 && f.fract() == 0.0 && f < u64::MAX as f64 => {
                f as u64
            }
            Some(JsType::BigInt(Some(i))) if i >= 0 => i as u64,
            Some(_) => return Err(self.wrong(name, "a non-negative whole number")),
        };
        Ok(Some(n))
    }
}

/// `new SuperConfig({ strict, maxFileBytes, secretKeys })`.
pub fn config<H: Host>(host: &H, value: &H::Value) -> Result<ConfigOptions, H::Error> {
    let o = Reader::new(host, value, "SuperConfig options")?;
    let defaults = ConfigOptions::default();
    Ok(ConfigOptions {
        strict: o.bool("strict")?.unwrap_or(defaults.strict),
        max_file_bytes: o.count("maxFileBytes")?.unwrap_or(defaults.max_file_bytes),
        secret_keys: o.strings("secretKeys")?.unwrap_or_default(),
    })
}

/// `withFile(path, { required, format, profiles })`.
pub fn file<H: Host>(host: &H, value: &H::Value) -> Result<FileOptions, H::Error> {
    let o = Reader::new(host, value, "withFile options")?;
    let format = match o.object {
        Some(object) => crate::args::optional_format(host, &host.named(object, "format")?)?,
        None => None,
    };
    Ok(FileOptions {
        required: o.bool("required")?.unwrap_or(false),
        format,
        profiles: o.bool("profiles")?.unwrap_or(false),
        max_bytes: None,
    })
}

/// `withString(text, format, { name, profiles })`.
pub fn string<H: Host>(host: &H, value: &H::Value) -> Result<StringOptions, H::Error> {
    let o = Reader::new(host, value, "withString options")?;
    Ok(StringOptions {
        name: o.string("name")?,
        profiles: o.bool("profiles")?.unwrap_or(false),
    })
}

/// `withEnv(prefix, { separator, ignoreEmpty, dotenv })` and `withEnvMap(vars, prefix, …)`.
pub fn env<H: Host>(host: &H, value: &H::Value) -> Result<EnvOptions, H::Error> {
    let o = Reader::new(host, value, "environment options")?;
    let mut out = EnvOptions::default();
    if let Some(separator) = o.string("separator")? {
        out.separator = separator;
    }
    out.ignore_empty = o.bool("ignoreEmpty")?.unwrap_or(false);
    out.dotenv = o.path("dotenv")?;
    Ok(out)
}

/// `withSecretsDir(path, { prefix })`.
#[cfg(feature = "fs")]
pub fn secrets<H: Host>(
    host: &H,
    value: &H::Value,
) -> Result<superconfig::SecretsOptions, H::Error> {
    let o = Reader::new(host, value, "withSecretsDir options")?;
    Ok(superconfig::SecretsOptions {
        prefix: o.string("prefix")?.unwrap_or_default(),
    })
}

/// `withGlob(pattern, { baseDir })`.
#[cfg(feature = "fs")]
pub fn glob<H: Host>(host: &H, value: &H::Value) -> Result<superconfig::GlobOptions, H::Error> {
    let o = Reader::new(host, value, "withGlob options")?;
    let mut out = superconfig::GlobOptions::default();
    if let Some(base) = o.path("baseDir")? {
        out.base_dir = base;
    }
    Ok(out)
}

/// `withHierarchical(app, { systemDir, userDir, startDir, stopDir })`.
#[cfg(feature = "fs")]
pub fn hierarchical<H: Host>(
    host: &H,
    value: &H::Value,
) -> Result<superconfig::HierarchicalOptions, H::Error> {
    let o = Reader::new(host, value, "withHierarchical options")?;
    Ok(superconfig::HierarchicalOptions {
        system_dir: o.path("systemDir")?,
        user_dir: o.path("userDir")?,
        start_dir: o.path("startDir")?,
        stop_dir: o.path("stopDir")?,
    })
}
