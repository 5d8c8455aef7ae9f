//! agent-lsp: a language server and checker for agent definition files.
#![deny(clippy::print_stdout)]
