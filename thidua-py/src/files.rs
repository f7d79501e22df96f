//! The one reader of files named in input data (`score(..., base_dir=)`,
//! `check_awards`/`decide_awards(..., base_dir=)`): the core does no I/O and resolves the
//! paths through a callback (`thidua_core::scoring::resolve_input_paths`,
//! `thidua_core::award::resolve_input_paths`); every binding entry point passes this one.
//! Without `base_dir` no file is ever read.

use std::io::Read;

use thidua_core::error::excerpt;
use thidua_core::Error;

/// The largest file read for a path in an input.
pub const MAX_INPUT_FILE: u64 = 64 * 1024 * 1024;

/// Reads `p`, a path from an input (score or award), confined to `base`: relative, no `..`,
/// inside `base` after resolving links, a regular file (never a FIFO or a device, so no
/// blocking or endless read; checked before opening and again on the open handle) of at most
/// [`MAX_INPUT_FILE`] bytes (never more is read), UTF-8. A refused path never echoes content.
pub fn confined_read(base: &std::path::Path, p: &str) -> Result<String, Error> {
    use std::path::Component;
    let refuse = |reason: &str| Error::InvalidInput {
        location: format!("file {:?}", excerpt(p)).into(),
        reason: reason.to_string(),
    };
    let rel = std::path::Path::new(p);
    if p.is_empty()
        || rel
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(refuse(
            "only a relative path inside base_dir is read (no absolute path, no `..`)",
        ));
    }
    let root = base
        .canonicalize()
        .map_err(|_| refuse("base_dir cannot be opened"))?;
    let full = root
        .join(rel)
        .canonicalize()
        .map_err(|_| refuse("no such file in base_dir"))?;
    if !full.starts_with(&root) {
        return Err(refuse("the path leads outside base_dir (through a link)"));
    }
    let meta = std::fs::metadata(&full).map_err(|_| refuse("cannot be read"))?;
    if !meta.is_file() {
        return Err(refuse("not a regular file"));
    }
    if meta.len() > MAX_INPUT_FILE {
        return Err(refuse("larger than 64 MiB"));
    }
    let file = std::fs::File::open(&full).map_err(|_| refuse("cannot be read"))?;
    match file.metadata() {
        Ok(m) if m.is_file() => {}
        _ => return Err(refuse("not a regular file")),
    }
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| refuse("cannot be read"))?;
    if bytes.len() as u64 > MAX_INPUT_FILE {
        return Err(refuse("larger than 64 MiB"));
    }
    String::from_utf8(bytes).map_err(|_| refuse("not UTF-8 text"))
}
