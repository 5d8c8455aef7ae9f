//! The one integration test binary: each module is one group of tests, all sharing
//! `support` and one build (one binary links once, where seven took minutes).

mod bun_yaml;
#[cfg(unix)]
mod cli_safety;
mod completion_hover;
mod corpus;
mod corpus_resolved;
#[cfg(unix)]
mod discovery;
#[cfg(unix)]
mod duplicates;
mod example_workspace;
mod examples;
mod fixtures;
mod formats_corpus;
mod formats_opencode_cursor;
mod fuzz_smoke;
#[cfg(target_os = "linux")]
mod growth;
#[cfg(unix)]
mod index;
mod integrations;
mod layering;
mod lines;
mod loader_oracle;
mod lsp_features;
mod lsp_robustness;
mod lsp_stdio;
mod mcp;
mod outputs;
mod rules;
#[cfg(unix)]
mod scopes;
mod support;
mod vscode_oracle;
#[cfg(unix)]
mod workspace;
