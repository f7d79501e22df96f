//! The twenty corpus texts (`tests/corpus/*.txt`), in name order: the input of the parse
//! bench and of the instruction-counting example `parse_corpus_once`.

/// The corpus texts, read at start-up.
pub fn corpus() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("corpus text"))
        .collect()
}
