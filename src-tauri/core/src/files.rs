//! Every file JobGate writes: where it may go, and how it is made.
//!
//! - [`DataFolder::check_destination`] is the one check that every writer of a
//!   file the recruiter chose runs first (links export, list export, backup,
//!   dry-run `.eml`): never the database, its `-wal`/`-shm`/`-journal`, the data
//!   folder itself, or inside its own files (`sauvegardes/`, `logs/`, `leases/`,
//!   the private copies a restore checks). Paths are compared by file identity
//!   (same-file crate) after resolving `..` and symbolic links, so no other
//!   spelling of the same place gets through.
//! - [`write_private_file`] writes a file whole or not at all: into a `.part`
//!   file created new (`O_EXCL`) under a random name beside the destination
//!   (tempfile crate), so no symbolic link or file already there can redirect
//!   it, then synced and renamed over the destination.
//! - On Unix, the data folder is `0700` and everything JobGate creates in it or
//!   for the recruiter (database and journals, logs, backups, safety copies,
//!   `.eml` files, exports) is `0600`; a folder or database found wider is
//!   tightened. On Windows these calls change no rights: files inherit the
//!   access list of the per-user profile folder they are created in.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{CoreError, Result};

/// `rw-------`: files only their owner can read.
pub const PRIVATE_FILE_MODE: u32 = 0o600;
/// `rwx------`: folders only their owner can enter.
pub const PRIVATE_DIR_MODE: u32 = 0o700;

/// The suffixes SQLite gives a database's journals.
pub const JOURNAL_SUFFIXES: [&str; 3] = ["-journal", "-wal", "-shm"];

/// The entries of the data folder that are JobGate's own, beside the database
/// and its journals: nothing the recruiter chooses replaces them or goes inside.
const OWN_FOLDERS: &[&str] = &[crate::store::backup::SAFETY_DIR, "logs", "leases"];

/// The data folder, as the writers protect it.
#[derive(Debug, Clone)]
pub struct DataFolder {
    dir: PathBuf,
    /// The log folder, when it lies outside the data folder (macOS, Windows).
    logs: PathBuf,
}

impl DataFolder {
    pub fn new(dir: impl Into<PathBuf>) -> DataFolder {
        let dir = dir.into();
        let logs = crate::paths::log_dir(&dir);
        DataFolder { dir, logs }
    }

    /// The folder holding the database at `database` (none in memory).
    pub fn of_database(database: &Path) -> Option<DataFolder> {
        let dir = database.parent().filter(|d| !d.as_os_str().is_empty())?;
        Some(DataFolder::new(dir))
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Refuses `destination` when writing there could replace or mix with the
    /// recruiter's data: [`CoreError::DestinationIsJobGateData`].
    pub fn check_destination(&self, destination: &Path) -> Result<()> {
        if self.protects(destination) {
            return Err(CoreError::DestinationIsJobGateData {
                path: destination.display().to_string(),
                data_dir: self.dir.display().to_string(),
            });
        }
        Ok(())
    }

    fn protects(&self, destination: &Path) -> bool {
        let Some(name) = destination.file_name() else {
            // `/`, `..`: not a file name; the write itself fails.
            return false;
        };
        let parent = destination
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        // Where the name lands, and, for a symbolic link already there, where it leads.
        let places = [resolve(parent).map(|p| p.join(name)), resolve(destination)];
        places.iter().flatten().any(|place| self.covers(place))
    }

    /// True when `place` (absolute, its parent resolved) is the data folder,
    /// one of its own entries or inside one, or inside the log folder.
    fn covers(&self, place: &Path) -> bool {
        let same = |a: &Path, b: &Path| same_file::is_same_file(a, b).unwrap_or(false);
        if same(place, &self.dir) {
            return true;
        }
        let mut entry = place;
        for folder in place.ancestors().skip(1) {
            if same(folder, &self.logs) {
                return true;
            }
            if same(folder, &self.dir) {
                return entry.file_name().is_some_and(is_own_entry);
            }
            entry = folder;
        }
        false
    }
}

/// `path` made absolute with every link and `..` of its existing part
/// resolved; the part that does not exist yet (folders a writer would
/// create) is appended as written.
fn resolve(path: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let absolute = std::path::absolute(path).ok()?;
    let parts: Vec<Component> = absolute.components().collect();
    (1..=parts.len()).rev().find_map(|n| {
        let existing: PathBuf = parts[..n].iter().collect();
        let mut resolved = existing.canonicalize().ok()?;
        for part in &parts[n..] {
            match part {
                Component::ParentDir => {
                    resolved.pop();
                }
                Component::Normal(name) => resolved.push(name),
                _ => {}
            }
        }
        Some(resolved)
    })
}

/// The database, its journals, the erasure register, the folders JobGate
/// keeps, the restore's copies.
/// Compared without case: on macOS and Windows `JobGate.SQLITE3` is the same file.
fn is_own_entry(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy().to_lowercase();
    let database = crate::paths::DATABASE_FILE;
    name == database
        || name == crate::erasures::REGISTER_FILE
        || JOURNAL_SUFFIXES
            .iter()
            .any(|suffix| name == format!("{database}{suffix}"))
        || OWN_FOLDERS.contains(&name.as_str())
        || name.starts_with(crate::store::backup::COPY_PREFIX)
}

/// A new private (`0600`) file beside `destination`, under a random name
/// starting with `.NAME.` and ending with `.part`, created with `O_EXCL`:
/// deleted when dropped unless persisted.
pub fn part_file_for(destination: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let parent = destination
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = destination
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    private_temp_file(parent, &format!(".{name}."), ".part")
}

/// A new private file in `dir` named `PREFIX<random>SUFFIX`, created with `O_EXCL`.
fn private_temp_file(
    dir: &Path,
    prefix: &str,
    suffix: &str,
) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(PRIVATE_FILE_MODE));
    }
    builder.tempfile_in(dir)
}

/// Writes `destination` whole or not at all, private: `write` fills a new
/// [`part_file_for`] file, which is synced and renamed over `destination`. A
/// failure leaves no `.part` file and whatever was at `destination` untouched.
pub fn write_private_file(
    destination: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let part = part_file_for(destination)?;
    let mut out = std::io::BufWriter::new(part);
    write(&mut out)?;
    let part = out.into_inner().map_err(|e| e.into_error())?;
    part.as_file().sync_all()?;
    part.persist(destination).map_err(|e| e.error)?;
    Ok(())
}

/// Creates `dir` (and its parents) with the new folder itself `0700`; a
/// folder already there keeps its rights (see [`tighten`]).
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(PRIVATE_DIR_MODE);
    }
    match builder.create(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        other => other,
    }
}

/// Takes away every right of group and others on `path` (a folder gets
/// `0700`, a file `0600`). Returns the mode it had when it was wider, `None`
/// when it was already private (or on Windows).
pub fn tighten(path: &Path) -> std::io::Result<Option<u32>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let metadata = std::fs::metadata(path)?;
        let mode = metadata.permissions().mode() & 0o7777;
        if mode & 0o077 == 0 {
            return Ok(None);
        }
        let private = if metadata.is_dir() {
            PRIVATE_DIR_MODE
        } else {
            PRIVATE_FILE_MODE
        };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(private))?;
        Ok(Some(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(None)
    }
}

/// Creates `path` empty and private (`0600`) when it does not exist; an
/// existing file is left as it is (neither truncated nor re-moded).
pub fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(PRIVATE_FILE_MODE);
    }
    options.open(path).map(drop)
}

/// Makes sure a database file exists and is private before SQLite opens it:
/// on Unix SQLite gives its `-wal`, `-shm` and `-journal` the main file's
/// rights, so they are private too. An existing database and journals found
/// wider are tightened (and said in the log). Errors are left to SQLite,
/// which says them better (a read-only folder, a missing one).
pub fn prepare_database_file(database: &Path) {
    if create_private_file(database).is_err() {
        return;
    }
    let mut files = vec![database.to_path_buf()];
    files.extend(JOURNAL_SUFFIXES.iter().map(|suffix| {
        let mut name = database.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    }));
    for file in files.iter().filter(|f| f.exists()) {
        if let Ok(Some(mode)) = tighten(file) {
            tracing::warn!(
                from = format!("{mode:o}"),
                to = format!("{PRIVATE_FILE_MODE:o}"),
                "a database file was readable by other users: made private"
            );
        }
    }
}

/// Copies the bytes of `source` into a new private file of `dir`, named
/// `PREFIX<random>.sqlite3` and created with `O_EXCL` (never the source's
/// rights: a read-only backup gives a writable private copy). The copy is
/// the caller's to delete; nothing is left when this fails.
pub fn copy_into_new_private_file(
    source: &Path,
    dir: &Path,
    prefix: &str,
) -> std::io::Result<PathBuf> {
    let mut from = std::fs::File::open(source)?;
    let mut copy = private_temp_file(dir, prefix, ".sqlite3")?;
    std::io::copy(&mut from, copy.as_file_mut())?;
    copy.as_file().sync_all()?;
    let (_, path) = copy.keep().map_err(|e| e.error)?;
    Ok(path)
}

/// What the disk holding a folder says, when SQLite only reports a "disk I/O
/// error" (a full disk often shows as one: the `-shm` or `-wal` file cannot grow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskState {
    /// Less than 1 MiB left for JobGate.
    Full,
    /// Mounted read-only.
    ReadOnly,
    /// Nothing to say (or the OS cannot tell).
    Unremarkable,
}

pub fn disk_state(dir: &Path) -> DiskState {
    #[cfg(unix)]
    {
        use rustix::fs::StatVfsMountFlags;
        let Ok(disk) = rustix::fs::statvfs(dir) else {
            return DiskState::Unremarkable;
        };
        if disk.f_flag.contains(StatVfsMountFlags::RDONLY) {
            DiskState::ReadOnly
        } else if disk.f_bavail.saturating_mul(disk.f_frsize) < 1 << 20 {
            DiskState::Full
        } else {
            DiskState::Unremarkable
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        DiskState::Unremarkable
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_data_folders_own_files_are_refused_however_spelled() {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("données");
        std::fs::create_dir_all(data.join("sauvegardes")).unwrap();
        std::fs::create_dir_all(data.join("sous")).unwrap();
        std::fs::write(data.join("jobgate.sqlite3"), b"").unwrap();
        let folder = DataFolder::new(&data);
        std::os::unix::fs::symlink(data.join("jobgate.sqlite3"), root.path().join("lien.csv"))
            .unwrap();
        std::os::unix::fs::symlink(&data, root.path().join("raccourci")).unwrap();
        for refused in [
            data.join("jobgate.sqlite3"),
            data.join("jobgate.sqlite3-wal"),
            data.join("jobgate.sqlite3-shm"),
            data.join("jobgate.sqlite3-journal"),
            data.join("JobGate.SQLite3"),
            data.join("sous/../jobgate.sqlite3"),
            data.join("sauvegardes/x.sqlite3"),
            data.join("leases"),
            data.join(".restauration-1-2.sqlite3"),
            data.clone(),
            root.path().join("lien.csv"),
            root.path().join("raccourci/jobgate.sqlite3"),
            data.join("sauvegardes/pas-encore/x.eml"),
            data.join("logs/pas-encore"),
        ] {
            assert!(
                matches!(
                    folder.check_destination(&refused),
                    Err(CoreError::DestinationIsJobGateData { .. })
                ),
                "{}",
                refused.display()
            );
        }
        for allowed in [
            root.path().join("liens.csv"),
            data.join("export.csv"),
            data.join("dry-run/message.eml"),
            data.join("sous/liens.csv"),
            root.path().join("absent/liens.csv"),
        ] {
            assert!(
                folder.check_destination(&allowed).is_ok(),
                "{}",
                allowed.display()
            );
        }
    }

    #[test]
    fn a_private_file_is_new_random_and_0600_and_a_failure_leaves_nothing() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("liens.csv");
        std::fs::write(&target, b"ancien").unwrap();
        let a = part_file_for(&target).unwrap();
        let b = part_file_for(&target).unwrap();
        assert_ne!(a.path(), b.path());
        let name = a.path().file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with(".liens.csv.") && name.ends_with(".part"),
            "{name}"
        );
        drop((a, b));

        let failed = write_private_file(&target, |out| {
            out.write_all(b"moitie")?;
            Err(std::io::Error::other("disque plein"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"ancien");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no .part left"
        );

        write_private_file(&target, |out| out.write_all(b"nouveau")).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"nouveau");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}
