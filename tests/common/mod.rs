//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different part")]

use std::path::PathBuf;

/// The folder of the official OpenAPI specs and examples (`../shared/spec` beside the repo),
/// or `IEJOBS_SPEC_DIR`.
pub fn spec_dir() -> PathBuf {
    std::env::var_os("IEJOBS_SPEC_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/spec"),
        PathBuf::from,
    )
}

/// Reads one example file as JSON.
pub fn example(version: &str, file: &str) -> serde_json::Value {
    let path = spec_dir().join(version).join("examples").join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The body of the example's response with `status`.
pub fn example_body(version: &str, file: &str, status: &str) -> serde_json::Value {
    example(version, file)["responses"][status]["body"].clone()
}
