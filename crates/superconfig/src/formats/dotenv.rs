//! Dotenv files through `dotenvy` (comments, quotes, `export`); each variable maps to a key path
//! exactly as environment variables do (SPEC §4), without a prefix.

use crate::env::{EnvTree, build_env_tree};
use crate::value::{LayerId, Node};
use crate::{Details, Error, Result};

pub(crate) fn parse(text: &str, layer: LayerId) -> Result<Option<Node>> {
    Ok(parse_dotenv(text, layer)?.and_then(|t| t.tree))
}

/// Parses dotenv text into a tree plus variable names and conflict warnings.
pub(crate) fn parse_dotenv(text: &str, layer: LayerId) -> Result<Option<EnvTree>> {
    let mut vars = Vec::new();
    for item in dotenvy::from_read_iter(text.as_bytes()) {
        match item {
            Ok(pair) => vars.push(pair),
            Err(dotenvy::Error::LineParse(line_text, col)) => {
                let line = text
                    .lines()
                    .position(|l| l.contains(line_text.trim()))
                    .map(|i| i as u32 + 1);
                return Err(Error::parse(
                    // The line's text is not quoted: it may hold a secret.
                    Details::new("invalid dotenv syntax").at(line, Some(col as u32 + 1)),
                ));
            }
            Err(e) => return Err(Error::parse(Details::new(e.to_string()))),
        }
    }
    if vars.is_empty() {
        return Ok(None);
    }
    let tree = build_env_tree(vars, "", "__", false, layer)?;
    Ok(Some(tree))
}
