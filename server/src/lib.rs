//! agent-lsp: a language server and checker for agent definition files.
//!
//! Layers, from the bottom (ARCHITECTURE.md's table, checked by tests/layering.rs):
//! `text` and `escape`; `discovery` (the only code that lists and reads workspace files)
//! and `syntax` (frontmatter and body); `catalog` (what each format accepts, as data);
//! `rules` (every diagnostic code, declared once); `loader` (what Claude Code registers);
//! `workspace` (what the workspace's files declare); `settings` (what the user
//! configured); `analysis` (diagnostics and editor features as plain structs with byte
//! ranges); then the two front ends: `cli` and `lsp` (the only module that knows LSP
//! types).
#![deny(clippy::print_stdout)]

pub mod analysis;
pub mod catalog;
pub mod cli;
pub mod discovery;
pub mod escape;
pub mod loader;
pub mod lsp;
pub mod rules;
pub mod settings;
pub mod syntax;
pub mod text;
pub mod workspace;
