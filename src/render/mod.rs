//! From a plan to documents: Tera renders the clauses and the handbook template into
//! one Markdown document; each output format is made from that document.
pub mod context;
pub mod document;
pub mod docx;
pub mod engine;
pub mod html;
pub mod markdown;
pub mod pdf;
