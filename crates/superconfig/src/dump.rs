//! Writing the merged tree back out as JSON, TOML or YAML, secrets redacted by default.

use yaml_rust2::{Yaml, YamlEmitter};

use crate::formats::Format;
use crate::redact::redacted;
use crate::value::{Node, SmolStr, Value};
use crate::{Error, Result};

pub(crate) fn dump(root: &Node, format: Format, redact: bool) -> Result<String> {
    let owned;
    let node = if redact {
        owned = redacted(root);
        &owned
    } else {
        root
    };
    match format {
        Format::Json => {
            serde_json::to_string_pretty(node).map_err(|e| Error::invalid_argument(e.to_string()))
        }
        Format::Toml => {
            if let Some(path) = find_null(node, &mut Vec::new()) {
                return Err(Error::invalid_argument(format!(
                    "TOML has no null: cannot write '{path}'"
                )));
            }
            toml::to_string_pretty(node)
                .map_err(|e| Error::invalid_argument(format!("cannot write TOML: {e}")))
        }
        Format::Yaml => {
            let mut out = String::new();
            YamlEmitter::new(&mut out)
                .dump(&to_yaml(node))
                .map_err(|e| Error::invalid_argument(format!("cannot write YAML: {e:?}")))?;
            out.push('\n');
            Ok(out)
        }
        Format::Dotenv => Err(Error::invalid_argument("dump supports json, toml and yaml")),
    }
}

fn find_null(node: &Node, path: &mut Vec<SmolStr>) -> Option<String> {
    match &node.value {
        Value::Null => Some(crate::formats::join_path(path)),
        Value::Table(t) => t.iter_arc().find_map(|(k, v)| {
            path.push(k.clone());
            let found = find_null(v, path);
            path.pop();
            found
        }),
        Value::Array(a) => a.iter().enumerate().find_map(|(i, v)| {
            path.push(SmolStr::new(i.to_string()));
            let found = find_null(v, path);
            path.pop();
            found
        }),
        _ => None,
    }
}

fn to_yaml(node: &Node) -> Yaml {
    match &node.value {
        Value::Null => Yaml::Null,
        Value::Bool(b) => Yaml::Boolean(*b),
        Value::Int(i) => Yaml::Integer(*i),
        Value::Float(f) if f.is_nan() => Yaml::Real(".nan".into()),
        Value::Float(f) if f.is_infinite() => {
            Yaml::Real(if *f > 0.0 { ".inf" } else { "-.inf" }.into())
        }
        Value::Float(f) => Yaml::Real(format!("{f:?}")),
        Value::String(s) => Yaml::String(s.to_string()),
        Value::Array(a) => Yaml::Array(a.iter().map(to_yaml).collect()),
        Value::Table(t) => {
            let mut h = yaml_rust2::yaml::Hash::new();
            for (k, v) in t.iter() {
                h.insert(Yaml::String(k.to_string()), to_yaml(v));
            }
            Yaml::Hash(h)
        }
    }
}
