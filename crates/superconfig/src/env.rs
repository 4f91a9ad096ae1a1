//! Environment variables → key paths and typed values (docs/behaviour.md, "Environment values").
//! Also used for dotenv files.

use std::sync::Arc;

use crate::error::{Warning, WarningKind};
use crate::formats::parse_json_value;
use crate::value::{LayerId, Node, Origin, SmolStr, Value, refresh_ops};
use crate::{Details, Error, Result};

/// The tree built from variables, the variable names (an env node's `origin.loc` is 1 + its index
/// here) and collision warnings.
pub(crate) struct EnvTree {
    pub tree: Option<Node>,
    pub names: Vec<Arc<str>>,
    pub warnings: Vec<Warning>,
}

/// Builds the tree from `(name, value)` pairs. Sorted by name first, so the result never depends
/// on the order the OS lists variables in.
/// Whether the variable `name` is read under `prefix`: it starts with it and has a rest (an
/// empty rest names no key).
pub(crate) fn has_prefix(name: &str, prefix: &str) -> bool {
    name.len() > prefix.len() && name.starts_with(prefix)
}

pub(crate) fn build_env_tree(
    vars: &[(String, String)],
    prefix: &str,
    separator: &str,
    ignore_empty: bool,
    layer: LayerId,
) -> Result<EnvTree> {
    if separator.is_empty() {
        return Err(Error::invalid_argument(
            "the env separator must not be empty",
        ));
    }
    let mut matched: Vec<&(String, String)> = vars
        .iter()
        .filter(|(name, value)| has_prefix(name, prefix) && !(ignore_empty && value.is_empty()))
        .collect();
    matched.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut root = Node::empty_table(Origin::new(layer, 0));
    let mut names = Vec::with_capacity(matched.len());
    let mut warnings = Vec::new();
    for (name, raw) in &matched {
        log::debug!("env variable {name} matched prefix '{prefix}'");
        // ASCII letters only: portable names are ASCII, and this keeps any other character
        // byte-for-byte (no Unicode special cases), the same in every build.
        let rest = name[prefix.len()..].to_ascii_lowercase();
        let path: Vec<&str> = rest.split(separator).collect();
        if path.iter().any(|seg| seg.is_empty()) {
            warnings.push(Warning::new(
                WarningKind::SuspiciousEnv,
                format!(
                    "{name} has an empty key segment (separator '{separator}' at an end or doubled); skipped"
                ),
                Some(name.clone()),
            ));
            continue;
        }
        // A name nesting deeper than any document may is an error, as in files: never a stack
        // overflow in the recursive merge, drop and conversions that follow.
        if path.len() > crate::limits::MAX_DEPTH {
            return Err(Error::ParseError(
                Details::new(format!(
                    "{name}: nesting deeper than {} levels",
                    crate::limits::MAX_DEPTH
                ))
                .key(rest.replace(separator, ".")),
            ));
        }
        let origin = Origin::new(layer, names.len() as u32 + 1);
        names.push(Arc::<str>::from(name.as_str()));
        let node = typed_value(raw, origin, name, || rest.replace(separator, "."))?;
        insert(&mut root, &path, node, &names, &mut warnings);
    }
    if names.is_empty() {
        return Ok(EnvTree {
            tree: None,
            names,
            warnings,
        });
    }
    refresh_ops(&mut root);
    Ok(EnvTree {
        tree: Some(root),
        names,
        warnings,
    })
}

fn var_name(names: &[Arc<str>], origin: Origin) -> String {
    names
        .get((origin.loc as usize).wrapping_sub(1))
        .map(|s| s.to_string())
        .unwrap_or_default()
}

fn conflict(names: &[Arc<str>], a: Origin, b: Origin, key: &str) -> Warning {
    let (first, second) = (var_name(names, a), var_name(names, b));
    Warning::new(
        WarningKind::KeyConflict,
        format!("{first} and {second} both set '{key}'; the table wins"),
        Some(second),
    )
    .with_key(key)
}

fn insert(
    root: &mut Node,
    path: &[&str],
    node: Node,
    names: &[Arc<str>],
    warnings: &mut Vec<Warning>,
) {
    let mut current = root;
    for (depth, seg) in path.iter().enumerate() {
        let key = || path[..=depth].join(".");
        let Value::Table(t) = &mut current.value else {
            return;
        };
        let table = Arc::make_mut(t);
        let last = depth + 1 == path.len();
        if last {
            match table.get_mut(seg) {
                None => {
                    table.insert(*seg, node);
                }
                Some(existing) => combine(existing, node, &key(), names, warnings),
            }
            return;
        }
        let needs_table = !matches!(table.get(seg).map(|n| &n.value), Some(Value::Table(_)));
        if needs_table {
            if let Some(existing) = table.get(seg) {
                warnings.push(conflict(names, existing.origin, node.origin, &key()));
            }
            table.insert(*seg, Node::empty_table(node.origin));
        }
        match table.get_mut(seg) {
            Some(next) => current = next,
            None => return,
        }
    }
}

/// Two variables set the same key (`APP_A='{"x":1}'` with `APP_A__Y=2`, or `APP_A` with
/// `APP_A__B`): tables merge; otherwise a table wins over a value and, between values, the later
/// one wins, each collision a `KeyConflict` warning, however deep inside a JSON value it is.
fn combine(
    existing: &mut Node,
    node: Node,
    key: &str,
    names: &[Arc<str>],
    warnings: &mut Vec<Warning>,
) {
    match (&mut existing.value, &node.value) {
        (Value::Table(dst), Value::Table(src)) => {
            let dst = Arc::make_mut(dst);
            for (k, v) in src.iter_arc() {
                match dst.get_mut(k) {
                    None => {
                        dst.insert(k.clone(), v.clone());
                    }
                    Some(e) => combine(e, v.clone(), &format!("{key}.{k}"), names, warnings),
                }
            }
        }
        (Value::Table(_), _) => warnings.push(conflict(names, node.origin, existing.origin, key)),
        _ => {
            warnings.push(conflict(names, existing.origin, node.origin, key));
            *existing = node;
        }
    }
}

/// Types one variable's text: JSON, bool, integer, float, else the string as written.
/// `key` names the value's dotted key path; it is built only for an error message.
pub(crate) fn typed_value(
    raw: &str,
    origin: Origin,
    name: &str,
    key: impl FnOnce() -> String,
) -> Result<Node> {
    if raw.starts_with('[') || raw.starts_with('{') {
        match parse_json_value(raw, origin, false) {
            Ok(node) => return Ok(node),
            // Valid JSON that breaks a limit (depth, integer range) is an error, as in files;
            // text that is not JSON at all stays a string.
            Err(Error::ParseError(d))
                if d.key.is_some() || d.message.starts_with("nesting deeper") =>
            {
                let key = match d.key.as_deref().filter(|k| !k.is_empty()) {
                    Some(inner) => format!("{}.{inner}", key()),
                    None => key(),
                };
                return Err(Error::ParseError(
                    Details::new(format!("{name}: {}", d.message)).key(key),
                ));
            }
            Err(_) => {}
        }
    }
    let value = if raw.eq_ignore_ascii_case("true") {
        Value::Bool(true)
    } else if raw.eq_ignore_ascii_case("false") {
        Value::Bool(false)
    } else if let Some(i) = is_integer(raw).then(|| raw.parse::<i64>().ok()).flatten() {
        // Digits beyond 64 bits (an account id, a token) stay the text as written: in a
        // variable nobody wrote a number for us to refuse.
        Value::Int(i)
    } else if let Some(f) = as_decimal(raw) {
        Value::Float(f)
    } else {
        Value::String(SmolStr::new(raw))
    };
    Ok(Node::at(value, origin))
}

/// `-?(0|[1-9][0-9]*)`
fn is_integer(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    match digits.as_bytes() {
        [] => false,
        [b'0'] => true,
        [b'1'..=b'9', rest @ ..] => rest.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` with a fraction or an exponent, finite.
fn as_decimal(s: &str) -> Option<f64> {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let int_ok = is_integer(int);
    let frac_ok = frac.is_none_or(digits);
    let exp_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    if !(int_ok && frac_ok && exp_ok) || (frac.is_none() && exponent.is_none()) {
        return None;
    }
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// A dotenv document as a tree: its pairs, mapped as variables without a prefix.
pub(crate) fn dotenv_tree(text: &str, layer: LayerId) -> Result<Option<EnvTree>> {
    let vars = crate::formats::read_dotenv(text)?;
    if vars.is_empty() {
        return Ok(None);
    }
    build_env_tree(&vars, "", "__", false, layer).map(Some)
}

/// Reads the process environment (names and values that are not UTF-8 are skipped with a log line).
pub(crate) fn process_env(prefix: &str) -> Vec<(String, String)> {
    std::env::vars_os()
        .filter(|(k, _)| k.as_encoded_bytes().starts_with(prefix.as_bytes()))
        .filter_map(|(k, v)| match (k.into_string(), v.into_string()) {
            (Ok(k), Ok(v)) => Some((k, v)),
            (k, _) => {
                let name = k.unwrap_or_else(|raw| raw.to_string_lossy().into_owned());
                log::warn!("environment variable {name} is not valid UTF-8; skipped");
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_rules() {
        let o = Origin::default();
        let t = |s: &str| typed_value(s, o, "APP_X", || "x".to_string()).map(|n| n.value);
        assert!(matches!(t("42"), Ok(Value::Int(42))));
        assert!(matches!(t("-7"), Ok(Value::Int(-7))));
        assert!(matches!(t("TRUE"), Ok(Value::Bool(true))));
        assert!(matches!(t("1.5"), Ok(Value::Float(f)) if f == 1.5));
        assert!(matches!(t("-2e3"), Ok(Value::Float(f)) if f == -2000.0));
        for s in [
            "007", "yes", "1.0.0", "inf", "nan", "1.", ".5", "+1", "1_000", "", "0x10",
        ] {
            assert!(matches!(t(s), Ok(Value::String(ref v)) if &**v == s), "{s}");
        }
        for s in ["99999999999999999999", "-99999999999999999999"] {
            assert!(matches!(t(s), Ok(Value::String(ref v)) if &**v == s), "{s}");
        }
        assert!(matches!(t("[1, 2]"), Ok(Value::Array(_))));
        assert!(matches!(t("[not json"), Ok(Value::String(_))));
    }
}
