//! Environment variables → key paths and typed values (docs/behaviour.md, "Environment values").
//! Also used for dotenv files.

use std::borrow::Cow;
use std::sync::Arc;

use crate::error::{Warning, WarningKind};
use crate::formats::parse_json_value;
use crate::value::{LayerId, Node, Origin, SmolStr, Value, refresh_ops};
use crate::{Details, Error, Result};

/// One variable a layer read (an env node's `origin.loc` is 1 + its index in the layer's list).
#[derive(Debug, Clone)]
pub(crate) struct Var {
    /// The variable's name (a secret file's name).
    pub name: Arc<str>,
    /// Typed as a number or a boolean: extraction into a string reads its text
    /// (docs/behaviour.md, "Original text"). A string is its own text.
    pub scalar: bool,
    /// That text, when the value's own spelling differs from it (`1.10`, `TRUE`, `-0`): most
    /// integers and booleans are written as they print, and keep nothing. A `SmolStr`: such
    /// texts are short, held inline without an allocation.
    pub text: Option<SmolStr>,
    /// The line of a dotenv file (0: none).
    pub line: u32,
}

/// The tree built from variables, the variables read, and collision warnings.
pub(crate) struct EnvTree {
    pub tree: Option<Node>,
    pub vars: Vec<Var>,
    pub warnings: Vec<Warning>,
}

/// Whether the variable `name` is read under `prefix`: it starts with it and has a rest (an
/// empty rest names no key).
pub(crate) fn has_prefix(name: &str, prefix: &str) -> bool {
    name.len() > prefix.len() && name.starts_with(prefix)
}

/// How variables become a tree: the prefix they must start with, the separator that nests.
pub(crate) struct Mapping<'a> {
    pub prefix: &'a str,
    pub separator: &'a str,
    pub ignore_empty: bool,
    /// Each variable's dotted key path, given (`with_env_aliases`) rather than taken from its
    /// name: parallel to the variables.
    pub paths: Option<&'a [String]>,
}

/// Builds the tree from `(name, value)` pairs (`lines[i]`, when given, is pair i's dotenv line).
/// Sorted by name first, so the result never depends on the order the OS lists variables in.
// Called from four loaders: one copy, not one inlined into each (the browser build's size).
#[inline(never)]
pub(crate) fn build_env_tree(
    vars: &[(String, String)],
    lines: Option<&[u32]>,
    mapping: &Mapping<'_>,
    layer: LayerId,
) -> Result<EnvTree> {
    let Mapping {
        prefix,
        separator,
        ignore_empty,
        paths,
    } = *mapping;
    if separator.is_empty() {
        return Err(Error::invalid_argument(
            "the env separator must not be empty",
        ));
    }
    // Indices, so that a dotenv variable finds its line: four bytes each to sort.
    let mut matched: Vec<usize> = vars
        .iter()
        .enumerate()
        .filter(|(_, (name, value))| {
            has_prefix(name, prefix) && !(ignore_empty && value.is_empty())
        })
        .map(|(i, _)| i)
        .collect();
    matched.sort_by(|&a, &b| vars[a].0.as_bytes().cmp(vars[b].0.as_bytes()));
    let mut root = Node::empty_table(Origin::new(layer, 0));
    let mut names: Vec<Var> = Vec::with_capacity(matched.len());
    let mut warnings = Vec::new();
    if let Some(w) = prefix_without_separator(&matched, vars, prefix, separator) {
        warnings.push(w);
    }
    for &index in &matched {
        let (name, raw) = &vars[index];
        log::debug!("env variable {name} matched prefix '{prefix}'");
        // ASCII letters only: portable names are ASCII, and this keeps any other character
        // byte-for-byte (no Unicode special cases), the same in every build.
        let (rest, separator) = match paths.and_then(|p| p.get(index)) {
            Some(given) => (given.clone(), "."),
            None => (name[prefix.len()..].to_ascii_lowercase(), separator),
        };
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
        let node = typed_value(raw, origin, name, || rest.replace(separator, "."))?;
        names.push(Var {
            name: Arc::from(name.as_str()),
            scalar: matches!(node.value, Value::Int(_) | Value::Float(_) | Value::Bool(_)),
            text: kept_text(&node, raw),
            line: lines.and_then(|l| l.get(index)).copied().unwrap_or(0),
        });
        insert(&mut root, &path, node, &names, &mut warnings);
    }
    if names.is_empty() {
        return Ok(EnvTree {
            tree: None,
            vars: names,
            warnings,
        });
    }
    refresh_ops(&mut root);
    Ok(EnvTree {
        tree: Some(root),
        vars: names,
        warnings,
    })
}

/// The text to keep beside a typed value: a number's or a boolean's that does not print as
/// written (an integer always does but `-0`, by the integer rule; a float may not).
fn kept_text(node: &Node, raw: &str) -> Option<SmolStr> {
    let differs = match node.value {
        Value::Int(_) => raw == "-0",
        Value::Bool(b) => raw != if b { "true" } else { "false" },
        Value::Float(_) => true,
        _ => false,
    };
    differs.then(|| SmolStr::new(raw))
}

/// `SuspiciousEnv` for a prefix given without its trailing separator (`MYAPP` reading
/// `MYAPP_SERVER__PORT` as `_server.port`): one warning for the layer, naming the first such
/// variable.
fn prefix_without_separator(
    matched: &[usize],
    vars: &[(String, String)],
    prefix: &str,
    separator: &str,
) -> Option<Warning> {
    if prefix.is_empty() || prefix.ends_with('_') || prefix.ends_with(separator) {
        return None;
    }
    let (name, _) = matched
        .iter()
        .map(|&i| &vars[i])
        .find(|(name, _)| name[prefix.len()..].starts_with('_'))?;
    let rest = name[prefix.len()..].to_ascii_lowercase();
    Some(Warning::new(
        WarningKind::SuspiciousEnv,
        format!(
            "{name} becomes the key '{}': prefix '{prefix}' has no trailing '_' (did you mean prefix '{prefix}_'?)",
            rest.replace(separator, ".")
        ),
        Some(name.clone()),
    ))
}

fn var_name(names: &[Var], origin: Origin) -> String {
    names
        .get((origin.loc as usize).wrapping_sub(1))
        .map(|v| v.name.to_string())
        .unwrap_or_default()
}

fn conflict(names: &[Var], a: Origin, b: Origin, key: &str) -> Warning {
    let (first, second) = (var_name(names, a), var_name(names, b));
    // Starts with its source, so that a strict-mode error names it once.
    Warning::new(
        WarningKind::KeyConflict,
        format!("{second} and {first} both set '{key}'; the table wins"),
        Some(second),
    )
    .with_key(key)
}

fn insert(root: &mut Node, path: &[&str], node: Node, names: &[Var], warnings: &mut Vec<Warning>) {
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
fn combine(existing: &mut Node, node: Node, key: &str, names: &[Var], warnings: &mut Vec<Warning>) {
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

/// Words joined by `_` in a variable beyond its prefix can be a typo for the separator:
/// `SuspiciousEnv` for each top-level key `tree` (an env layer's) adds that `root` (the layers
/// before it) lacks, when splitting its words with the separator names a key path `root` has:
/// `APP_DATABASE_POOL_SIZE` beside `database.pool_size`.
pub(crate) fn joined_words(
    root: &Node,
    tree: &Node,
    vars: &[Var],
    (prefix, separator): (&str, &str),
    warnings: &mut Vec<Warning>,
) {
    // Up to 2^11 splits of one key: enough for any real name, bounded for a hostile one.
    const MAX_WORDS: usize = 12;
    let (Some(new), Some(old)) = (tree.as_table(), root.as_table()) else {
        return;
    };
    for (key, node) in new.iter() {
        if old.get(key).is_some() || !key.contains('_') {
            continue;
        }
        // Any reading starts with a table the configuration has, named by the first words:
        // checked without allocating, as most variables have none.
        let opens_a_table = key.match_indices('_').any(|(at, _)| {
            old.get(&key[..at])
                .is_some_and(|n| matches!(n.value, Value::Table(_)))
        });
        if !opens_a_table {
            continue;
        }
        let words: Vec<&str> = key.split('_').collect();
        if words.len() > MAX_WORDS {
            continue;
        }
        let gaps = words.len() - 1;
        // Fewest cuts first: the nearest reading wins.
        let Some(mask) = (1..=gaps as u32)
            .flat_map(|cuts| (1..(1u32 << gaps)).filter(move |m| m.count_ones() == cuts))
            .find(|mask| {
                let path = split_words(&words, *mask, ".");
                crate::read::lookup(root, path.as_str()).is_some()
            })
        else {
            continue;
        };
        let Some(var) = vars.get((node.origin.loc as usize).wrapping_sub(1)) else {
            continue;
        };
        let name = &*var.name;
        // The variable's own spelling of the key: its first segment after the prefix.
        let Some(rest) = name.get(prefix.len()..) else {
            continue;
        };
        let first = rest.split(separator).next().unwrap_or(rest);
        let first_words: Vec<&str> = first.split('_').collect();
        let meant = format!(
            "{prefix}{}{}",
            split_words(&first_words, mask, separator),
            &rest[first.len()..]
        );
        let path = split_words(&words, mask, ".");
        warnings.push(
            Warning::new(
                WarningKind::SuspiciousEnv,
                format!(
                    "{name} sets the new key '{key}', but '{path}' exists: did you mean {meant}?"
                ),
                Some(name.to_string()),
            )
            .with_key(key),
        );
    }
}

/// `words` joined by `_`, except at the gaps set in `mask` (bit i: after word i), joined by `cut`.
fn split_words(words: &[&str], mask: u32, cut: &str) -> String {
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push_str(if mask & (1 << (i - 1)) != 0 { cut } else { "_" });
        }
        out.push_str(word);
    }
    out
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

/// A dotenv document as a tree: its pairs, mapped as variables (`with_file`: no prefix;
/// `with_env(dotenv=…)`: the env layer's prefix and separator), each keeping its line.
pub(crate) fn dotenv_tree(
    text: &str,
    mapping: &Mapping<'_>,
    layer: LayerId,
) -> Result<Option<EnvTree>> {
    let (vars, lines) = crate::formats::read_dotenv(text)?;
    if vars.is_empty() {
        return Ok(None);
    }
    build_env_tree(&vars, Some(&lines), mapping, layer).map(Some)
}

/// The mapping of a dotenv file read by `with_file`: every variable, `__` nests.
pub(crate) const DOTENV_FILE: Mapping<'static> = Mapping {
    prefix: "",
    separator: "__",
    ignore_empty: false,
    paths: None,
};

/// The value of the variable `name` in `vars` (the last, if set twice), or, without `vars`, in
/// the process environment.
pub(crate) fn var_in<'a>(name: &str, vars: Option<&'a [(String, String)]>) -> Option<Cow<'a, str>> {
    match vars {
        Some(vars) => vars
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| Cow::Borrowed(v.as_str())),
        None => std::env::var(name).ok().map(Cow::Owned),
    }
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
