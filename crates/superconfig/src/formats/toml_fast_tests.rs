//! The TOML fast path against the toml crate's parser: same values, same key order, same
//! origin lines, on every TOML document in the repository and on crafted ones.

use std::path::{Path, PathBuf};

use super::toml::parse_full;
use super::toml_fast::parse;
use super::{Interner, LineIndex};
use crate::value::{LayerId, Node, Value};

/// Same values, same key order, same origin lines, all the way down.
fn same(a: &Node, b: &Node, path: &str) -> Result<(), String> {
    if a.origin != b.origin {
        return Err(format!("{path}: origin {:?} vs {:?}", a.origin, b.origin));
    }
    if a.value.has_ops() != b.value.has_ops() {
        return Err(format!("{path}: has_ops differs"));
    }
    match (&a.value, &b.value) {
        (Value::Table(x), Value::Table(y)) => {
            let kx: Vec<&str> = x.keys().collect();
            let ky: Vec<&str> = y.keys().collect();
            if kx != ky {
                return Err(format!("{path}: keys {kx:?} vs {ky:?}"));
            }
            for (k, v) in x.iter() {
                same(v, y.get(k).expect("same keys"), &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Err(format!("{path}: lengths {} vs {}", x.len(), y.len()));
            }
            for (i, (v, w)) in x.iter().zip(y.iter()).enumerate() {
                same(v, w, &format!("{path}.{i}"))?;
            }
            Ok(())
        }
        (x, y) if x.deep_eq(y) => Ok(()),
        (x, y) => Err(format!("{path}: {x:?} vs {y:?}")),
    }
}

/// `Some(true)`: fast path agreed; `Some(false)`: it left the document to the full parser.
fn check(text: &str) -> Result<bool, String> {
    let layer = LayerId(7);
    let lines = LineIndex::new(text);
    let fast = parse(text, layer, &lines, &mut Interner::default());
    let full = parse_full(text, layer, &LineIndex::new(text), Interner::default());
    match (fast, full) {
        (None, _) => Ok(false),
        (Some(_), Err(e)) => Err(format!(
            "fast path accepted a document the toml crate rejects: {e}"
        )),
        (Some(f), Ok(None)) => match f.as_table().is_some_and(|t| t.is_empty()) {
            true => Ok(true),
            false => Err("fast path found keys in an empty document".into()),
        },
        (Some(f), Ok(Some(g))) => same(&f, &g, "$").map(|()| true),
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.toml` file embedded in a conformance case, read with this crate's YAML parser.
fn conformance_documents() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let cases = repo().join("tests-conformance/cases");
    let mut stack = vec![cases];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Ok(Some(case)) = super::parse(&text, Some(super::Format::Yaml), LayerId(1)) else {
                continue;
            };
            let Some(Node {
                value: Value::Table(files),
                ..
            }) = case.as_table().and_then(|t| t.get("files"))
            else {
                continue;
            };
            for (name, body) in files.iter() {
                if let (true, Value::String(s)) = (name.ends_with(".toml"), &body.value) {
                    out.push((format!("{}:{name}", path.display()), s.to_string()));
                }
            }
        }
    }
    out
}

/// The fixture's and the example service's TOML (both must be there), and the generated
/// 1 MB document when a benchmark run has written it.
fn file_documents() -> Vec<(String, String)> {
    let read = |p: &Path| std::fs::read_to_string(p).map(|t| (p.display().to_string(), t));
    let mut docs: Vec<(String, String)> = [
        repo().join("../shared/bench-fixture/base.toml"),
        repo().join("examples/service/config.toml"),
    ]
    .iter()
    .map(|p| read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
    .collect();
    docs.extend(read(&repo().join("target/bench-large/large.toml")).ok());
    docs
}

const VALID: &[&str] = &[
    "a = 1\nb = \"x\"\n",
    "a.b.c = 1\na.b.d = 2\na.e = 3\n",
    "[a]\nx = 1\n[a.b]\ny = 2\n",
    "[a.b]\ny = 2\n[a]\nx = 1\n",
    "[[p]]\nn = 1\n[[p]]\nn = 2\n[p.q]\nz = 3\n",
    "[[a.b]]\nx = 1\n[[a.b]]\nx = 2\n",
    "t = {a = 1, b.c = 2, b.d = [1, {e = 3}]}\n",
    "arr = [\n  1,\n  2, # comment\n]\nnested = [[1, 2], [\"a\"]]\n",
    "s1 = 'lit'\ns2 = \"esc\\t\\u00e9\"\ns3 = \"\"\"\nmulti\nline\"\"\"\ns4 = '''\nraw\\n'''\n",
    "i = 0x1F\no = 0o17\nb = 0b101\nn = -42\nu = 1_000\n",
    "f = 3.14\ne = 1e10\ninf1 = inf\nninf = -inf\nnan1 = nan\nf2 = -0.0\n",
    "d = 1979-05-27T07:32:00Z\nld = 1979-05-27\nlt = 07:32:00\nldt = 1979-05-27 07:32:00\noff = 1979-05-27T00:32:00.999999-07:00\n",
    "\"quoted key\" = 1\n'lit.key' = 2\n\"a\".\"b\" = 3\n",
    "[x.\"y.z\"]\nw = 1\n",
    "# only a comment\n",
    "",
    "[a]\n[a.b]\n[a.b.c]\nk = 1\n",
    "[a]\nb.c = 1\nb.d = 2\n",
    "x = []\ny = {}\n",
    "bool1 = true\nbool2 = false\n",
    // The builder's shortcuts: bare keys and escape-free basic strings pass undecoded.
    "bare-key_9 = \"tab\there\"\nu = \"é ü\"\nempty = \"\"\n",
    "tags_add = [\"x\"]\n[s]\nitems_remove = [1]\n[t]\nplain = [1]\n",
];

const INVALID: &[&str] = &[
    "a = 1\na = 2\n",
    "[a]\n[a]\n",
    "a.b = 1\n[a]\n",
    "a.b = 1\n[a.b]\n",
    "[a]\nb.c = 1\n[a.b]\n",
    "t = {a = 1}\nt.b = 2\n",
    "t = {a = {b = 1}, a.c = 2}\n",
    "[[a]]\n[a]\n",
    "a = [1]\n[[a]]\n",
    "x = 99999999999999999999\n",
    "x = 1979-13-45\n",
    "x = \n",
    "[a\n",
    "x = 'unterminated\n",
    "a = 1 b = 2\n",
    "[a]\nx = 1\n[a.x]\n",
    "a = {b = 1}\n[a.c]\n",
    "x = \"ctl\u{1}char\"\n",
    // 5 inline tables under 32-part dotted keys: 160 levels, past the limit.
    concat!(
        "k1.k2.k3.k4.k5.k6.k7.k8.k9.k10.k11.k12.k13.k14.k15.k16.k17.k18.k19.k20.k21.k22.k23.k24.k25.k26.k27.k28.k29.k30.k31.k32 = ",
        "{k1.k2.k3.k4.k5.k6.k7.k8.k9.k10.k11.k12.k13.k14.k15.k16.k17.k18.k19.k20.k21.k22.k23.k24.k25.k26.k27.k28.k29.k30.k31.k32 = ",
        "{k1.k2.k3.k4.k5.k6.k7.k8.k9.k10.k11.k12.k13.k14.k15.k16.k17.k18.k19.k20.k21.k22.k23.k24.k25.k26.k27.k28.k29.k30.k31.k32 = ",
        "{k1.k2.k3.k4.k5.k6.k7.k8.k9.k10.k11.k12.k13.k14.k15.k16.k17.k18.k19.k20.k21.k22.k23.k24.k25.k26.k27.k28.k29.k30.k31.k32 = ",
        "{k1.k2.k3.k4.k5.k6.k7.k8.k9.k10.k11.k12.k13.k14.k15.k16.k17.k18.k19.k20.k21.k22.k23.k24.k25.k26.k27.k28.k29.k30.k31.k32 = 1}}}}\n"
    ),
    "x = \"del\u{7f}char\"\n",
    "x = \"bad \\q escape\"\n",
];

#[test]
fn fast_path_matches_the_toml_crate() {
    let mut docs: Vec<(String, String)> = VALID
        .iter()
        .map(|d| ("VALID".to_string(), d.to_string()))
        .collect();
    docs.extend(
        INVALID
            .iter()
            .map(|d| ("INVALID".to_string(), d.to_string())),
    );
    docs.extend(conformance_documents());
    docs.extend(file_documents());
    assert!(docs.len() > 60, "corpus too small: {}", docs.len());
    let mut taken = 0;
    for (origin, text) in &docs {
        match check(text) {
            Ok(true) => taken += 1,
            Ok(false) => {}
            Err(e) => panic!("{origin}: {e}\n---\n{text}"),
        }
    }
    // The fast path must actually be the path for ordinary documents.
    for d in VALID {
        assert_eq!(check(d), Ok(true), "fast path should take:\n{d}");
    }
    assert!(
        taken * 10 >= docs.len() * 7,
        "fast path took only {taken} of {}",
        docs.len()
    );
}
