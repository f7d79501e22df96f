//! Reading the files a score input refers to, confined to a base directory.
//!
//! The library never opens a path on its own: [`score_json`](super::score_json) reads JSON
//! text only, and [`resolve_input_paths`](super::resolve_input_paths) calls the reader it is
//! given. [`read_confined`] is the one reader the bindings and the command line use when a
//! caller names a base directory: a reference is read only if it is
//!
//! * a relative path with no `..` (no absolute path, no drive, no root),
//! * inside the base directory once links are resolved (a link out is refused),
//! * a regular file (never a FIFO, a socket or a device: nothing blocks, nothing is endless),
//! * at most [`MAX_FILE_BYTES`] bytes, and UTF-8 text.
//!
//! A refused reference is an [`Error::InvalidInput`] that names the reference (cut to 80
//! characters) and never repeats anything read from the file system.

use std::io::Read;
use std::path::{Component, Path};

use crate::error::{excerpt, Error, Location, Result};

/// The largest file a score input may refer to (64 MiB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads the file `reference` (as written in the input) inside `base`, under the rules of the
/// [module](self).
///
/// ```
/// use thidua_core::scoring::read_confined;
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
    let refuse = |reason: &str| {
        Error::invalid_input(
            Location::new().with_context(format!("file {:?}", excerpt(reference))),
            reason,
        )
    };
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
    let root = base
        .canonicalize()
        .map_err(|_| refuse("the base directory cannot be opened"))?;
    let full = root
        .join(rel)
        .canonicalize()
        .map_err(|_| refuse("no such file in the base directory"))?;
    if !full.starts_with(&root) {
        return Err(refuse(
            "the path leads outside the base directory (through a link)",
        ));
    }
    let meta = std::fs::metadata(&full).map_err(|_| refuse("cannot be read"))?;
    if !meta.is_file() {
        return Err(refuse("not a regular file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(refuse("larger than 64 MiB"));
    }
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
        return Err(refuse("larger than 64 MiB"));
    }
    String::from_utf8(bytes).map_err(|_| refuse("not UTF-8 text"))
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
        let _ = std::fs::remove_dir_all(&dir);
    }
}
