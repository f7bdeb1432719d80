//! Small helpers that know nothing of the directory: reading text files as contributors'
//! editors write them, slugs, web addresses, the order of files, scans of bytes. Every other
//! module may use them; they use none of the program's own modules.

pub mod bytes;
pub mod slug;
pub mod text;
pub mod url;

/// Order of the entries of one folder, as walkdir's `sort_by_file_name`: siblings' paths share
/// their folder, so their whole paths compare as their names do, byte by byte, without taking
/// each path apart at every comparison (that was a third of a walk of 10,000 files).
pub fn by_name(a: &walkdir::DirEntry, b: &walkdir::DirEntry) -> std::cmp::Ordering {
    a.path().as_os_str().cmp(b.path().as_os_str())
}
