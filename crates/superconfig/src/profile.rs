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
                        "top-level key '{key}' in profiled {source} is not a profile table; ignored"
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

pub(crate) fn not_found(profile: &str) -> Warning {
    Warning::new(
        WarningKind::ProfileNotFound,
        format!("profile '{profile}' is defined in no profiled layer"),
        None,
    )
    .with_key(profile)
}
