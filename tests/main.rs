//! The one integration test binary: each module is one group of tests, all sharing
//! `support` and one build (one binary links once, where seven took minutes).

mod completion_hover;
mod corpus;
mod examples;
mod fixtures;
mod layering;
mod lsp_features;
mod lsp_stdio;
mod support;
