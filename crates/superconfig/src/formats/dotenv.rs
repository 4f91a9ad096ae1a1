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
                let line = line_of(text, &line_text);
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

/// The 1-based line where the statement `statement` (as dotenvy reports it, perhaps spanning
/// lines) begins: the first line that starts with it, so a comment or a value that merely
/// contains the same text is not taken for it.
fn line_of(text: &str, statement: &str) -> Option<u32> {
    let wanted = statement.trim();
    let mut start = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if text[start..]
            .trim_start_matches([' ', '\t'])
            .starts_with(wanted)
        {
            return Some(i as u32 + 1);
        }
        start += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_the_statement_line_not_an_earlier_mention() {
        let text = "# BAD=it's here\nA=1\nNOTE=\"BAD=it's\"\n  BAD=it's here\n";
        let e = parse_dotenv(text, LayerId(1)).err().expect("an error");
        assert_eq!(e.details().line, Some(4), "{e}");
    }
}
