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
mod example_workspace;
mod examples;
mod fixtures;
mod formats_corpus;
#[cfg(target_os = "linux")]
mod growth;
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
mod support;
#[cfg(unix)]
mod workspace;
