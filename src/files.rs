//! Files kader writes and reads on a caller's behalf: every write goes to a
//! temporary file in the same folder and is renamed over the target, so an
//! error (a full disk, a file-size limit, a failing writer) leaves the
//! original untouched; every read stops one byte past its size limit.
//!
//! ```
//! let dir = std::env::temp_dir().join(format!("kader-files-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let path = dir.join("out.txt");
//! kader::files::write_atomic(&path, |w| w.write_all(b"written whole"))?;
//! assert_eq!(std::fs::read_to_string(&path)?, "written whole");
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), std::io::Error>(())
//! ```

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `path` whole or not at all: `write` fills a temporary file in the
/// same folder, which is renamed over `path` (after it is flushed to disk,
/// when it replaces a file). When `write` or any step fails, the temporary
/// file is removed and `path` keeps what it held. An existing file keeps its permissions; a symbolic link is
/// followed, so the file it points to is replaced and the link stays.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let target = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let (temp, file) = create_temp(&target)?;
    let written = fill(file, &target, write).and_then(|()| fs::rename(&temp, &target));
    if written.is_err() {
        // Nothing more can be done about a temporary file that cannot be
        // removed; the error that matters is the write's.
        let _ = fs::remove_file(&temp);
    }
    written
}

fn fill(
    file: File,
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let existing = fs::metadata(target).ok();
    if let Some(meta) = &existing {
        file.set_permissions(meta.permissions())?;
    }
    let mut out = BufWriter::with_capacity(1 << 16, file);
    write(&mut out)?;
    let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
    // Replacing a file, the new text reaches the disk before the rename, so
    // that a crash cannot leave an empty file in the original's place. A
    // new file has no original to lose, and skips the wait (a third of the
    // time of `samples generate`).
    if existing.is_some() {
        file.sync_all()?;
    }
    Ok(())
}

/// A new file beside `target`, named after it, that no one else has: a
/// hidden name with the process id and a counter, created exclusively.
fn create_temp(target: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy());
    let mut tries = 0;
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = folder.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && tries < 100 => tries += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Why [`read_limited`] returned no text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The input could not be read.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The input is longer than the limit; reading stopped one byte past it.
    #[error("it is larger than {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The input is not UTF-8.
    #[error("line {line}, column {column}: not valid UTF-8")]
    NotUtf8 {
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based column (in characters) of the first invalid byte.
        column: usize,
    },
}

impl ReadError {
    /// The help that says how to fix it.
    pub fn help(&self) -> &'static str {
        match self {
            ReadError::Io(_) => "check that the file exists and can be read",
            ReadError::TooLarge { .. } => "split the input into smaller files",
            ReadError::NotUtf8 { .. } => "save the file as UTF-8",
        }
    }
}

/// The paths of a directory's entries, sorted by name. `what` names the
/// directory in the error: "the samples directory".
pub fn entries(dir: &Path, what: &str) -> Result<Vec<PathBuf>, String> {
    let cannot = |e: io::Error| format!("cannot read {what} `{}`: {e}", dir.display());
    let mut paths = fs::read_dir(dir)
        .map_err(cannot)?
        .map(|entry| entry.map(|e| e.path()).map_err(cannot))
        .collect::<Result<Vec<_>, _>>()?;
    paths.sort();
    Ok(paths)
}

/// Reads at most `limit` bytes of UTF-8 text from `reader`: never more than
/// `limit + 1` bytes are read, whatever the input (`/dev/zero`, a pipe, a
/// file of gigabytes).
pub fn read_limited(reader: impl Read, limit: usize) -> Result<String, ReadError> {
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    text_of(bytes)
}

/// Reads a file of at most `limit` bytes of UTF-8 text (see [`read_limited`]).
pub fn read_file_limited(path: &Path, limit: usize) -> Result<String, ReadError> {
    read_limited(File::open(path)?, limit)
}

/// `bytes` as text, or where the first byte that is not UTF-8 stands.
pub fn text_of(bytes: Vec<u8>) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = e.as_bytes().get(..valid).unwrap_or_default();
        // Everything before `valid` is UTF-8, so this never fails.
        let before = std::str::from_utf8(before).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        ReadError::NotUtf8 {
            line: before.matches('\n').count() + 1,
            column: before.get(line_start..).unwrap_or_default().chars().count() + 1,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("kader-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn a_failing_write_leaves_the_original_untouched_and_no_temporary_file() {
        let dir = scratch("fail");
        let path = dir.join("fw.kader");
        fs::write(&path, "the original").unwrap();
        let result = write_atomic(&path, |w| {
            w.write_all(b"half of the new")?;
            Err(io::Error::other("disk full"))
        });
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        assert_eq!(fs::read_to_string(&path).unwrap(), "the original");
        assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_write_replaces_the_file_whole_and_keeps_its_permissions() {
        let dir = scratch("ok");
        let path = dir.join("fw.kader");
        fs::write(&path, "old").unwrap();
        let mut permissions = fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions).unwrap();
        write_atomic(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert!(fs::metadata(&path).unwrap().permissions().readonly());
        assert!(leftovers(&dir).is_empty());
        // A new file is created too.
        write_atomic(&dir.join("fresh"), |w| w.write_all(b"x")).unwrap();
        assert_eq!(fs::read_to_string(dir.join("fresh")).unwrap(), "x");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_stays_a_link() {
        let dir = scratch("link");
        let real = dir.join("real.kader");
        fs::write(&real, "old").unwrap();
        let link = dir.join("link.kader");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, |w| w.write_all(b"new")).unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reading_stops_one_byte_past_the_limit() {
        // An endless input: only `limit + 1` bytes are ever read.
        let endless = io::repeat(b'a');
        assert!(matches!(
            read_limited(endless, 1000),
            Err(ReadError::TooLarge { limit: 1000 })
        ));
        assert_eq!(read_limited(&b"abc"[..], 3).unwrap(), "abc");
    }

    #[test]
    fn invalid_utf8_is_placed_by_line_and_column() {
        let error = read_limited(&b"{\n  \"a\": \"caf\xe9\"\n}"[..], 100).unwrap_err();
        assert_eq!(error.to_string(), "line 2, column 12: not valid UTF-8");
    }
}
