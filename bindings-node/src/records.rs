//! Plain records the readers return: sources, explanations, warnings, layers.

use napi_derive::napi;

use crate::conv::ConfigNode;

/// Where a value was set.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Source {
    /// `defaults`, `file`, `string` or `env`.
    #[napi(ts_type = "SourceKind")]
    pub kind: String,
    /// File path, source name, `defaults`, or the environment variable's name.
    pub name: String,
    /// 1-based line, where the format gives one.
    pub line: Option<u32>,
}

impl From<superconfig::Source> for Source {
    fn from(s: superconfig::Source) -> Self {
        Source {
            kind: s.kind.as_str().to_string(),
            name: s.name,
            line: s.line,
        }
    }
}

/// A value (secrets redacted), where it was set, and the earlier sources it overrode.
#[napi(object, object_from_js = false)]
pub struct Explanation {
    /// The value, secrets shown as `***`.
    #[napi(ts_type = "ConfigValue")]
    pub value: ConfigNode,
    /// Where it was set.
    pub source: Source,
    /// Earlier sources that had a value at this path, oldest first.
    pub overridden: Vec<Source>,
}

impl From<superconfig::Explanation> for Explanation {
    fn from(x: superconfig::Explanation) -> Self {
        Explanation {
            value: ConfigNode(x.value),
            source: x.source.into(),
            overridden: x.overridden.into_iter().map(Source::from).collect(),
        }
    }
}

/// Something was skipped or ignored; the configuration still loads.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Warning {
    /// The warning kind.
    #[napi(ts_type = "WarningKind")]
    pub kind: String,
    /// Human-readable description (never a secret value).
    pub message: String,
    /// The file, variable or pattern it is about.
    pub source: Option<String>,
    /// The dotted key path it is about.
    pub key: Option<String>,
}

impl From<superconfig::Warning> for Warning {
    fn from(w: superconfig::Warning) -> Self {
        Warning {
            kind: w.kind.as_str().to_string(),
            message: w.message,
            source: w.source,
            key: w.key,
        }
    }
}

/// One layer and what became of it.
#[napi(object, object_from_js = false)]
pub struct LayerInfo {
    /// `defaults`, `file`, `string` or `env`.
    #[napi(ts_type = "SourceKind")]
    pub kind: String,
    /// Path, source name, `defaults`, or the environment prefix.
    pub name: String,
    /// `loaded`, `missing`, `ignored` or `empty`.
    #[napi(ts_type = "LayerStatus")]
    pub status: String,
}

impl From<superconfig::LayerInfo> for LayerInfo {
    fn from(l: superconfig::LayerInfo) -> Self {
        LayerInfo {
            kind: l.kind.as_str().to_string(),
            name: l.name,
            status: l.status.as_str().to_string(),
        }
    }
}
