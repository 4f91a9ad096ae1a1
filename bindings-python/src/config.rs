//! `superconfig.SuperConfig`: a handle onto a core configuration. Builder methods return a new
//! object (the old one stays valid); readers convert what the core answers. No configuration rule
//! lives here: every method is argument conversion, one core call, result conversion.

use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use superconfig::{
    EnvOptions, FileOptions, Format, GlobOptions, HierarchicalOptions, SecretsOptions,
    StringOptions, SuperConfig as Core,
};

use crate::conv::{Fallback, env_pairs, from_py, string_list, to_py, with_path, with_str};
use crate::error::{IntoPy, guard};
use crate::{logging, records};

/// A layered configuration (docs/behaviour.md).
///
/// Build it by chaining layers, lowest priority first; each call returns a new ``SuperConfig``::
///
///     cfg = (SuperConfig()
///            .with_defaults({"server": {"port": 8080}})
///            .with_file("config.toml")
///            .with_env("APP_"))
///     cfg.get("server.port")
///
/// ``strict=True`` turns every warning into an error of the same kind.
#[pyclass(name = "SuperConfig", module = "superconfig", frozen, weakref)]
pub struct PySuperConfig {
    inner: Core,
}

impl PySuperConfig {
    pub(crate) fn wrap(inner: Core) -> Self {
        PySuperConfig { inner }
    }

    /// The core configuration.
    pub(crate) fn core(&self) -> &Core {
        &self.inner
    }

    /// `get`: the node at `path` converted, `default` when absent (and given), else `KeyNotFound`.
    #[inline]
    pub(crate) fn get_value<'py>(
        &self,
        py: Python<'py>,
        path: &Bound<'py, PyAny>,
        default: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        with_path(path, |p| match self.inner.find_node(p) {
            Ok(Some(node)) => to_py(py, &node),
            Ok(None) => match &default {
                Some(default) => Ok(default.clone()),
                None => Err(self.inner.missing(p)).py_err(),
            },
            Err(e) => Err(e).py_err(),
        })?
    }
}

fn parse_format(format: Option<&str>) -> PyResult<Option<Format>> {
    format.map(|f| f.parse::<Format>()).transpose().py_err()
}

#[pymethods]
impl PySuperConfig {
    #[new]
    #[pyo3(signature = (strict = false, *, max_file_bytes = None, secret_keys = None))]
    fn new(
        strict: bool,
        max_file_bytes: Option<u64>,
        secret_keys: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let defaults = superconfig::ConfigOptions::default();
        Ok(Self::wrap(Core::with_options(
            &superconfig::ConfigOptions {
                strict,
                max_file_bytes: max_file_bytes.unwrap_or(defaults.max_file_bytes),
                secret_keys: secret_keys
                    .map(string_list)
                    .transpose()?
                    .unwrap_or_default(),
            },
        )))
    }

    // ----- layers --------------------------------------------------------------------------

    /// Adds defaults given as a dict (lowest priority when called first).
    fn with_defaults(&self, py: Python<'_>, defaults: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(|| {
            logging::refresh(py);
            let tree = from_py(defaults, "defaults")?;
            self.inner
                .with_defaults_owned(tree)
                .py_err()
                .map(Self::wrap)
        })
    }

    /// Adds a file. Format from ``format``, else the extension, else sniffed. A missing file is a
    /// ``FileNotFound`` warning unless ``required=True`` (or strict mode).
    #[pyo3(signature = (path, *, required = false, format = None, profiles = false))]
    fn with_file(
        &self,
        py: Python<'_>,
        path: PathBuf,
        required: bool,
        format: Option<&str>,
        profiles: bool,
    ) -> PyResult<Self> {
        guard(|| {
            logging::refresh(py);
            let opts = FileOptions {
                required,
                format: parse_format(format)?,
                profiles,
                max_bytes: None,
            };
            py.detach(|| self.inner.with_file_opts(&path, &opts))
                .py_err()
                .map(Self::wrap)
        })
    }

    /// Adds a document given as text; ``name`` is its source name in provenance and errors.
    #[pyo3(signature = (text, format, *, name = None, profiles = false))]
    fn with_string(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyString>,
        format: &str,
        name: Option<String>,
        profiles: bool,
    ) -> PyResult<Self> {
        guard(|| {
            logging::refresh(py);
            let format = parse_format(Some(format))?.unwrap_or(Format::Json);
            let opts = StringOptions { name, profiles };
            with_str(text, |text| {
                py.detach(|| self.inner.with_string_opts(text, format, &opts))
            })?
            .py_err()
            .map(Self::wrap)
        })
    }

    /// Adds the process environment's variables starting with ``prefix`` (docs/behaviour.md,
    /// "Environment values").
    #[pyo3(signature = (prefix, *, separator = "__", ignore_empty = false, dotenv = None))]
    fn with_env(
        &self,
        py: Python<'_>,
        prefix: &str,
        separator: &str,
        ignore_empty: bool,
        dotenv: Option<PathBuf>,
    ) -> PyResult<Self> {
        guard(|| {
            logging::refresh(py);
            let opts = EnvOptions {
                separator: separator.to_string(),
                ignore_empty,
                dotenv,
            };
            // The GIL stays held: Python's os.environ writes are serialised by it alone.
            self.inner
                .with_env_opts(prefix, &opts)
                .py_err()
                .map(Self::wrap)
        })
    }

    /// The rules of ``with_env`` over a given mapping of variable names to values.
    #[pyo3(signature = (mapping, prefix, *, separator = "__", ignore_empty = false))]
    fn with_env_map(
        &self,
        py: Python<'_>,
        mapping: &Bound<'_, PyAny>,
        prefix: &str,
        separator: &str,
        ignore_empty: bool,
    ) -> PyResult<Self> {
        guard(|| {
            logging::refresh(py);
            let vars = env_pairs(mapping)?;
            let opts = EnvOptions {
                separator: separator.to_string(),
                ignore_empty,
                dotenv: None,
            };
            self.inner
                .with_env_map_opts(vars, prefix, &opts)
                .py_err()
                .map(Self::wrap)
        })
    }

    /// Adds unprefixed variables by name, each at its key path: ``{"PORT": "server.port"}``;
    /// ``env`` stands for the process environment when given.
    #[pyo3(signature = (aliases, *, env = None))]
    fn with_env_aliases(
        &self,
        py: Python<'_>,
        aliases: &Bound<'_, PyAny>,
        env: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        guard(|| {
            logging::refresh(py);
            let aliases = env_pairs(aliases)?;
            match env {
                None => self.inner.with_env_aliases(&aliases),
                Some(env) => self.inner.with_env_aliases_map(&aliases, &env_pairs(env)?),
            }
            .py_err()
            .map(Self::wrap)
        })
    }

    /// Adds a secrets directory (Docker, Kubernetes): one secret value per file, named by its
    /// file name after ``prefix`` (``__`` nests); every value redacted.
    #[pyo3(signature = (path, *, prefix = ""))]
    fn with_secrets_dir(&self, py: Python<'_>, path: PathBuf, prefix: &str) -> PyResult<Self> {
        guard(|| {
            logging::refresh(py);
            let opts = SecretsOptions {
                prefix: prefix.to_string(),
            };
            py.detach(|| self.inner.with_secrets_dir_opts(&path, &opts))
                .py_err()
                .map(Self::wrap)
        })
    }

    /// Adds every file matching ``pattern`` (relative to ``base_dir``), each as its own layer.
    #[pyo3(signature = (pattern, *, base_dir = None))]
    fn with_glob(
        &self,
        py: Python<'_>,
        pattern: &str,
        base_dir: Option<PathBuf>,
    ) -> PyResult<Self> {
        guard(|| {
            logging::refresh(py);
            let mut opts = GlobOptions::default();
            if let Some(base) = base_dir {
                opts.base_dir = base;
            }
            py.detach(|| self.inner.with_glob_opts(pattern, &opts))
                .py_err()
                .map(Self::wrap)
        })
    }

    /// Git-style discovery of ``app``'s files: system dir, user dir, then every directory from
    /// ``stop_dir`` (or the root) down to ``start_dir`` (or the cwd); nearest wins.
    #[pyo3(signature = (app, *, system_dir = None, user_dir = None, start_dir = None, stop_dir = None))]
    fn with_hierarchical(
        &self,
        py: Python<'_>,
        app: &str,
        system_dir: Option<PathBuf>,
        user_dir: Option<PathBuf>,
        start_dir: Option<PathBuf>,
        stop_dir: Option<PathBuf>,
    ) -> PyResult<Self> {
        guard(|| {
            logging::refresh(py);
            // The environment (HOME, XDG_CONFIG_HOME) is read with the GIL held, so no Python
            // thread changes it meanwhile; the file reads then run without the GIL.
            let opts = HierarchicalOptions {
                system_dir,
                user_dir,
                start_dir,
                stop_dir,
            }
            .with_user_dir_resolved();
            py.detach(|| self.inner.with_hierarchical_opts(app, &opts))
                .py_err()
                .map(Self::wrap)
        })
    }

    /// Activates a profile; every layer is re-applied under it.
    fn select_profile(&self, py: Python<'_>, name: &str) -> PyResult<Self> {
        guard(|| {
            logging::refresh(py);
            py.detach(|| self.inner.select_profile(name))
                .py_err()
                .map(Self::wrap)
        })
    }

    /// Activates the profile named by the variable ``var`` (``default`` when unset or empty);
    /// ``env`` stands for the process environment when given.
    #[pyo3(signature = (var = "APP_ENV", default = "default", *, env = None))]
    fn select_profile_from_env(
        &self,
        py: Python<'_>,
        var: &str,
        default: &str,
        env: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        guard(|| {
            logging::refresh(py);
            match env {
                None => self.inner.select_profile_from_env(var, default),
                Some(env) => self
                    .inner
                    .select_profile_from_env_map(var, default, &env_pairs(env)?),
            }
            .py_err()
            .map(Self::wrap)
        })
    }

    /// Hides warnings whose kind or message matches one of the glob ``patterns``.
    fn suppress_warnings(&self, patterns: &Bound<'_, PyAny>) -> PyResult<Self> {
        guard(|| {
            let patterns = string_list(patterns)?;
            self.inner
                .suppress_warnings(&patterns)
                .py_err()
                .map(Self::wrap)
        })
    }

    // ----- reading -------------------------------------------------------------------------

    /// The value at ``path`` (dotted str, or a list of segments); ``default`` when absent, else
    /// ``KeyNotFound`` (a ``KeyError``). (At import, `fastget` installs a vectorcall entry point
    /// over this method; both call [`Self::get_value`].)
    #[pyo3(signature = (path, default = Fallback(None)))]
    fn get<'py>(
        &self,
        py: Python<'py>,
        path: &Bound<'py, PyAny>,
        default: Fallback<'py>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.get_value(py, path, default.0))
    }

    fn __getitem__<'py>(
        &self,
        py: Python<'py>,
        path: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| self.get_value(py, path, None))
    }

    fn __contains__(&self, path: &Bound<'_, PyAny>) -> PyResult<bool> {
        if !crate::extract::is_path_arg(path) {
            return Ok(false);
        }
        guard(|| with_path(path, |p| self.inner.has(p))?.py_err())
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        guard(|| {
            let keys = self.inner.keys("").py_err()?;
            PyList::new(py, keys)?.try_iter().map(Bound::into_any)
        })
    }

    /// Whether a value (null included) is at ``path``.
    fn has(&self, path: &Bound<'_, PyAny>) -> PyResult<bool> {
        guard(|| with_path(path, |p| self.inner.has(p))?.py_err())
    }

    /// The keys of the table at ``path``, in order.
    #[pyo3(signature = (path = None))]
    fn keys(&self, path: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<String>> {
        guard(|| match path {
            None => self.inner.keys("").py_err(),
            Some(p) => with_path(p, |p| self.inner.keys(p))?.py_err(),
        })
    }

    /// The subtree at ``path`` as plain ``dict``/``list``/scalars; or, given a model (a
    /// dataclass, a TypedDict, a pydantic model, or any type hint), the subtree converted into
    /// it — a value of the wrong type is a ``TypeMismatch`` naming the key path.
    #[pyo3(signature = (target = None, path = None))]
    fn extract<'py>(
        slf: &Bound<'py, Self>,
        py: Python<'py>,
        target: Option<&Bound<'py, PyAny>>,
        path: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        guard(|| crate::extract::extract(py, slf.as_any(), &slf.get().inner, target, path))
    }

    /// The original texts of env, dotenv and secret-file values typed as numbers or booleans
    /// under ``path``: ``[(segments below path, text)]`` (for ``extract(Model)``).
    #[pyo3(signature = (path = None))]
    fn _texts(&self, path: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<(Vec<String>, String)>> {
        guard(|| crate::extract::texts(&self.inner, path))
    }

    /// The ``TypeMismatch`` (not raised) for every invalid field of an extraction, given as
    /// ``(segments from the root, message)``: the core names each value's source.
    fn _type_mismatch(&self, fields: Vec<(Vec<String>, String)>) -> PyErr {
        crate::error::to_pyerr(self.inner.type_mismatch(&fields))
    }

    /// Where the value at ``path`` was set: ``{kind, name, line}``.
    fn source<'py>(
        &self,
        py: Python<'py>,
        path: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        guard(|| {
            let s = with_path(path, |p| self.inner.source(p))?.py_err()?;
            records::source(py, &s)
        })
    }

    /// The value at ``path`` (secrets redacted), its source, and the sources it overrode, oldest
    /// first: ``{value, source, overridden}``.
    fn explain<'py>(
        &self,
        py: Python<'py>,
        path: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        guard(|| {
            let x = with_path(path, |p| self.inner.explain(p))?.py_err()?;
            records::explanation(py, &x)
        })
    }

    /// The merged configuration as ``json``, ``toml`` or ``yaml`` text, secrets shown as ``***``
    /// unless ``redact=False``.
    #[pyo3(signature = (format = "json", redact = true))]
    fn dump(&self, py: Python<'_>, format: &str, redact: bool) -> PyResult<String> {
        guard(|| {
            let format = parse_format(Some(format))?.unwrap_or(Format::Json);
            py.detach(|| self.inner.dump(format, redact)).py_err()
        })
    }

    /// Warnings in the order they arose (suppressed ones left out): ``{kind, message, source, key}``.
    fn warnings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        guard(|| {
            let list = PyList::empty(py);
            for w in self.inner.warnings().py_err()? {
                list.append(records::warning(py, &w)?)?;
            }
            Ok(list)
        })
    }

    /// Every layer with its status: ``{kind, name, status}``.
    fn layers<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        guard(|| {
            let list = PyList::empty(py);
            for l in self.inner.layers().py_err()? {
                list.append(records::layer(py, &l)?)?;
            }
            Ok(list)
        })
    }

    /// Profile names seen in profiled layers.
    fn profiles(&self) -> PyResult<Vec<String>> {
        guard(|| self.inner.profiles().py_err())
    }

    /// The active profile (``"default"`` until one is selected).
    #[getter]
    fn active_profile(&self) -> PyResult<String> {
        guard(|| self.inner.active_profile().py_err())
    }

    /// Whether warnings are errors.
    #[getter]
    fn strict(&self) -> PyResult<bool> {
        guard(|| self.inner.is_strict().py_err())
    }

    /// The registry handle id of this configuration.
    #[getter]
    fn handle(&self) -> u64 {
        self.inner.handle_id()
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.inner)
    }
}
