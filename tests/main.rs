//! The one integration test binary: each module is one group of tests, all sharing
//! `support` and one build (one binary links once, where seven took minutes).

mod bun_yaml;
#[cfg(unix)]
mod cli_safety;
mod completion_hover;
mod corpus;
#[cfg(unix)]
mod discovery;
#[cfg(unix)]
mod duplicates;
mod examples;
mod fixtures;
#[cfg(target_os = "linux")]
mod growth;
mod layering;
mod lines;
mod loader_oracle;
mod lsp_features;
mod lsp_robustness;
mod lsp_stdio;
mod outputs;
mod rules;
mod support;
mod vscode_oracle;
#[cfg(unix)]
mod workspace;
