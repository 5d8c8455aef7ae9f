//! Parsing and analysis of any bytes as every format agent-lsp knows: see `../entry.rs`,
//! which the normal test suite's smoke run (tests/fuzz_smoke.rs) drives too.
#![no_main]

#[path = "../entry.rs"]
mod entry;

libfuzzer_sys::fuzz_target!(|data: &[u8]| entry::analyze_bytes(data));
