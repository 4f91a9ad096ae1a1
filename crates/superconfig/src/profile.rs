//! Profiles (docs/behaviour.md, "Profiles"): a profiled layer contributes `default`, the active
//! profile, then `global`.

use crate::error::{Warning, WarningKind};
use crate::value::{Node, Value};

/// The profile active when none is selected.
pub const DEFAULT_PROFILE: &str = "default";
/// The section every profile receives last.
pub const GLOBAL_SECTION: &str = "global";

/// The sections of a profiled layer's tree to merge, in order, plus `IgnoredKey` warnings for
/// top-level keys that are not tables (and so cannot be profiles).
pub(crate) fn sections<'a>(
    tree: &'a Node,
    profile: &str,
    source: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<&'a Node> {
    let Some(table) = tree.as_table() else {
        return Vec::new();
    };
    for (key, node) in table.iter() {
        if !matches!(node.value, Value::Table(_)) {
            warnings.push(
                Warning::new(
                    WarningKind::IgnoredKey,
                    format!(
                        "{source} is profiled, but its top-level key '{key}' is not a profile table; ignored"
                    ),
                    Some(source.to_string()),
                )
                .with_key(key),
            );
        }
    }
    let mut names = vec![DEFAULT_PROFILE];
    if profile != DEFAULT_PROFILE && profile != GLOBAL_SECTION {
        names.push(profile);
    }
    names.push(GLOBAL_SECTION);
    names
        .into_iter()
        .filter_map(|n| {
            table
                .get(n)
                .filter(|node| matches!(node.value, Value::Table(_)))
        })
        .collect()
}

/// Profile names a profiled layer defines (its top-level tables except `global`).
pub(crate) fn names(tree: &Node) -> impl Iterator<Item = &str> {
    tree.as_table()
        .into_iter()
        .flat_map(|t| t.iter())
        .filter(|(k, n)| *k != GLOBAL_SECTION && matches!(n.value, Value::Table(_)))
        .map(|(k, _)| k)
}

/// `ProfileNotFound` for `profile`, naming the closest of the `known` profiles, if one is close.
pub(crate) fn not_found(profile: &str, known: &[String]) -> Warning {
    let hint = closest(profile, known)
        .map(|name| format!(" (did you mean '{name}'?)"))
        .unwrap_or_default();
    Warning::new(
        WarningKind::ProfileNotFound,
        format!("profile '{profile}' is defined in no profiled layer{hint}"),
        None,
    )
    .with_key(profile)
}

/// `ProfileNotFound` for `profile` when no layer is profiled but `layer` has a table of that
/// name at its top level.
pub(crate) fn unprofiled(profile: &str, layer: &str) -> Warning {
    Warning::new(
        WarningKind::ProfileNotFound,
        format!(
            "{layer} has a top-level '{profile}' table, but no layer is profiled: load it with profiles=True to select profile '{profile}'"
        ),
        Some(layer.to_string()),
    )
    .with_key(profile)
}

/// The candidate nearest to `name` by edit distance (ASCII case folded: no Unicode tables in the
/// browser build), if it is near enough to be a
/// likely slip: at most a third of the longer name's length, and at least one edit away.
pub(crate) fn closest<'a>(name: &str, candidates: &'a [String]) -> Option<&'a str> {
    // Bounded work: no suggestion for a name longer than any real key or for a huge table, and
    // a candidate whose length alone puts it too far is never compared.
    const MAX_NAME: usize = 64;
    const MAX_CANDIDATES: usize = 10_000;
    if name.len() > MAX_NAME || candidates.len() > MAX_CANDIDATES {
        return None;
    }
    let folded = name.to_ascii_lowercase();
    let len = name.chars().count();
    candidates
        .iter()
        .filter(|c| {
            let n = c.chars().count();
            n.abs_diff(len) <= len.max(n) / 3
        })
        .map(|c| {
            (
                strsim::osa_distance(&folded, &c.to_ascii_lowercase()),
                c.as_str(),
            )
        })
        .filter(|(d, c)| *d <= name.chars().count().max(c.chars().count()) / 3 && *c != name)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_near_profile_and_nothing_far() {
        let known = vec![String::from("production"), String::from("staging")];
        assert_eq!(closest("prodution", &known), Some("production"));
        assert_eq!(closest("Staging", &known), Some("staging"));
        assert_eq!(closest("dev", &known), None);
        let w = not_found("prodution", &known);
        assert_eq!(
            w.message,
            "profile 'prodution' is defined in no profiled layer (did you mean 'production'?)"
        );
        assert_eq!(
            not_found("dev", &known).message,
            "profile 'dev' is defined in no profiled layer"
        );
    }
}
