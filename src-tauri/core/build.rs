//! Embeds the message catalog: every `locales/<lang>/*.ftl` file at the
//! workspace root becomes part of the core, so the binary needs no files at run
//! time and adding a file (or a language folder) needs no code change here.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut languages: Vec<_> = std::fs::read_dir(&root)
        .expect("locales/ sits at the workspace root")
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_dir())
        .collect();
    languages.sort_by_key(|entry| entry.file_name());
    let mut out = String::from("/// `(language, [(file name, FTL source)])`, sorted.\npub static FTL_FILES: &[(&str, &[(&str, &str)])] = &[\n");
    for language in languages {
        let dir = language.path();
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("a language folder can be read")
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
            .collect();
        files.sort();
        let lang = language.file_name().to_string_lossy().into_owned();
        let _ = writeln!(out, "    ({lang:?}, &[");
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let name = file
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let abs = file.canonicalize().expect("an FTL file can be resolved");
            let _ = writeln!(
                out,
                "        ({name:?}, include_str!({:?})),",
                abs.display().to_string()
            );
        }
        out.push_str("    ]),\n");
    }
    out.push_str("];\n");
    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("ftl_files.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
