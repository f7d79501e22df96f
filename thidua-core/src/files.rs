//! Reading the files that input refers to, confined to a base directory (one rule for the
//! command line and both bindings).
//!
//! The library never opens a path on its own: [`score_json`](crate::scoring::score_json) and
//! [`decide_json`](crate::award::decide_json) read JSON text only, and the
//! `resolve_input_paths` of [`scoring`](crate::scoring::resolve_input_paths) and
//! [`award`](crate::award::resolve_input_paths) call the reader they are given. [`BaseDir`]
//! is the one reader the bindings and the command line give them when a caller names a base
//! directory (`base_dir=` in Python, the input's folder on the command line). A reference is
//! read only if it is
//!
//! * a relative path with no `..` (no absolute path, no drive, no root),
//! * inside the base directory — canonicalised once, when the [`BaseDir`] is made — once
//!   links are resolved (a link out is refused),
//! * a regular file (never a FIFO, a socket or a device: nothing blocks, nothing is endless;
//!   on Linux the file is opened with `O_NONBLOCK` and checked again once open),
//! * at most [`MAX_FILE_BYTES`] bytes (a larger one is
//!   [`Limit::FileSize`]), and UTF-8 text.
//!
//! A refused reference is an [`Error::InvalidInput`] (or [`Error::LimitExceeded`] for the
//! size) that names the reference (cut to 80 characters) and never repeats anything read from
//! the file system.
//!
//! ```
//! use thidua_core::files::BaseDir;
//! let dir = std::env::temp_dir().join(format!("thidua-doc-files-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(dir.join("history.json"), "[]")?;
//! let base = BaseDir::new(&dir)?;
//! assert_eq!(base.read("history.json")?, "[]");
//! let input = serde_json::json!({"history": "history.json"});
//! let input = thidua_core::award::resolve_input_paths(input, &mut |p: &str| base.read(p))?;
//! assert_eq!(input["history"], serde_json::json!([]));
//! for bad in ["/etc/passwd", "../etc/passwd", "", "nothing.json"] {
//!     let e = base.read(bad).unwrap_err();
//!     assert_eq!(e.code(), "invalid_input");
//!     assert!(!e.to_string().contains("root:"));
//! }
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::error::{excerpt, Error, Location, Result};
use crate::limits::Limit;

/// The largest file an input may refer to (64 MiB).
pub const MAX_FILE_BYTES: u64 = crate::limits::MAX_FILE_BYTES as u64;

/// A base directory, canonicalised, that references in input are read from under the rules
/// of the [module](self).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseDir {
    root: PathBuf,
}

impl BaseDir {
    /// The directory `path`, canonicalised (links resolved, made absolute). An error
    /// ([`Error::InvalidInput`]) if it cannot be opened or is not a directory.
    pub fn new(path: impl AsRef<Path>) -> Result<BaseDir> {
        let refuse = |reason: &str| {
            Error::invalid_input(Location::new().with_context("base directory"), reason)
        };
        let root = path
            .as_ref()
            .canonicalize()
            .map_err(|_| refuse("the base directory cannot be opened"))?;
        if !root.is_dir() {
            return Err(refuse("the base directory is not a directory"));
        }
        Ok(BaseDir { root })
    }

    /// The canonical path of the directory.
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Reads the file `reference` (as written in the input) inside the directory, as UTF-8
    /// text.
    pub fn read(&self, reference: &str) -> Result<String> {
        let bytes = self.read_bytes(reference)?;
        String::from_utf8(bytes).map_err(|_| refusal(reference, "not UTF-8 text"))
    }

    /// Reads the file `reference` inside the directory, as bytes (a workbook).
    pub fn read_bytes(&self, reference: &str) -> Result<Vec<u8>> {
        let full = self.locate(reference)?;
        let refuse = |reason: &str| refusal(reference, reason);
        let mut file = open_no_block(&full).map_err(|_| refuse("cannot be read"))?;
        // The file may have been swapped between the checks and the opening: check the opened
        // one, and never read more than the limit.
        match file.metadata() {
            Ok(m) if m.is_file() => {}
            _ => return Err(refuse("not a regular file")),
        }
        let mut bytes = Vec::new();
        (&mut file)
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| refuse("cannot be read"))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(reference));
        }
        Ok(bytes)
    }

    /// The canonical path of the file `reference` inside the directory, after every check of
    /// the [module](self) that can be made without reading it (for a reader that needs a
    /// path; [`read`](Self::read) and [`read_bytes`](Self::read_bytes) check the opened file
    /// again).
    pub fn locate(&self, reference: &str) -> Result<PathBuf> {
        let refuse = |reason: &str| refusal(reference, reason);
        let rel = Path::new(reference);
        if reference.is_empty()
            || rel
                .components()
                .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        {
            return Err(refuse(
                "only a relative path inside the base directory is read (no absolute path, no `..`)",
            ));
        }
        let full = self
            .root
            .join(rel)
            .canonicalize()
            .map_err(|_| refuse("no such file in the base directory"))?;
        if !full.starts_with(&self.root) {
            return Err(refuse(
                "the path leads outside the base directory (through a link)",
            ));
        }
        let meta = std::fs::metadata(&full).map_err(|_| refuse("cannot be read"))?;
        if !meta.is_file() {
            return Err(refuse("not a regular file"));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(too_large(reference));
        }
        Ok(full)
    }
}

/// Where a refused reference is: the reference as written, cut.
fn at_file(reference: &str) -> Location {
    Location::new().with_context(format!("file {:?}", excerpt(reference)))
}

fn refusal(reference: &str, reason: &str) -> Error {
    Error::invalid_input(at_file(reference), reason)
}

fn too_large(reference: &str) -> Error {
    Limit::FileSize.exceeded(at_file(reference))
}

/// Reads the file `reference` inside `base` (a [`BaseDir`] made for one read).
///
/// ```
/// use thidua_core::files::read_confined;
/// let dir = std::env::temp_dir().join(format!("thidua-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("roster.json"), "[]")?;
/// assert_eq!(read_confined(&dir, "roster.json")?, "[]");
/// for bad in ["/etc/passwd", "../etc/passwd", "", "nothing.json"] {
///     assert_eq!(read_confined(&dir, bad).unwrap_err().code(), "invalid_input");
/// }
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_confined(base: &Path, reference: &str) -> Result<String> {
    BaseDir::new(base)?.read(reference)
}

/// Opens for reading without blocking on a FIFO (Linux: `O_NONBLOCK`).
fn open_no_block(p: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        const O_NONBLOCK: i32 = 0o4000;
        o.custom_flags(O_NONBLOCK);
    }
    o.open(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confinement() {
        let dir = std::env::temp_dir().join(format!("thidua-files-{}", std::process::id()));
        let inner = dir.join("in");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::write(inner.join("a.json"), "{}").unwrap();
        std::fs::write(dir.join("secret.json"), "SECRET").unwrap();
        std::fs::write(inner.join("bad.txt"), [0xff, 0xfe]).unwrap();
        assert_eq!(read_confined(&inner, "a.json").unwrap(), "{}");
        assert_eq!(read_confined(&inner, "./a.json").unwrap(), "{}");
        for bad in [
            "../secret.json",
            "/etc/passwd",
            "a.json/..",
            ".",
            "bad.txt",
            "missing",
        ] {
            let e = read_confined(&inner, bad).unwrap_err();
            assert_eq!(e.code(), "invalid_input", "{bad}");
            assert!(!e.to_string().contains("SECRET") && !e.to_string().contains("root:"));
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("secret.json"), inner.join("link.json")).unwrap();
            let e = read_confined(&inner, "link.json").unwrap_err();
            assert!(e.to_string().contains("outside"), "{e}");
            std::os::unix::fs::symlink("/dev/zero", inner.join("zero")).unwrap();
            assert!(read_confined(&inner, "zero").is_err());
            // A FIFO inside the base directory is refused without blocking.
            let fifo = inner.join("fifo");
            if std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .is_ok_and(|s| s.success())
            {
                let e = read_confined(&inner, "fifo").unwrap_err();
                assert!(e.to_string().contains("regular"), "{e}");
            }
        }
        // Larger than the limit (a sparse file: nothing is written): refused before reading.
        let big = std::fs::File::create(inner.join("big.json")).unwrap();
        big.set_len(MAX_FILE_BYTES + 1).unwrap();
        let e = read_confined(&inner, "big.json").unwrap_err();
        assert_eq!(e.code(), "limit_exceeded", "{e}");
        assert!(matches!(
            e,
            Error::LimitExceeded {
                limit: Limit::FileSize,
                ..
            }
        ));
        assert!(e.to_string().contains("big.json"), "{e}");
        // The base directory itself must be one.
        assert!(BaseDir::new(inner.join("a.json")).is_err());
        assert!(BaseDir::new(dir.join("none")).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
