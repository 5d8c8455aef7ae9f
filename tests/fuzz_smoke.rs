//! The fuzz target's smoke run, in the normal test suite (and so in CI at no extra cost):
//! the very function `cargo fuzz` drives (`fuzz/entry.rs`) over the seed corpus
//! `fuzz/seed.sh` builds (every fixture, prefixed with the byte that selects its format),
//! the inputs that once crashed it (`tests/fixtures/fuzz/`), and a few thousand seeded
//! random mutations of them. The long runs are `cargo fuzz`'s (see fuzz/README.md).

#[path = "../fuzz/entry.rs"]
mod entry;

use std::path::{Path, PathBuf};

/// Mutated inputs per run: enough to cover what the seeds do not, few enough for a
/// debug build to take seconds.
const MUTATIONS: usize = 3_000;
/// Seeds over this size are left out, as `fuzz/seed.sh` does.
const MAX_SEED: u64 = 64 * 1024;

/// The selector byte of a fixture, by its path (as `fuzz/seed.sh` chooses it).
fn selector(p: &str) -> u8 {
    if p.contains("/.claude/commands/") {
        1
    } else if p.ends_with("/SKILL.md") {
        2
    } else if p.ends_with(".agent.md")
        || p.ends_with(".chatmode.md")
        || p.contains("/.github/agents/")
    {
        3
    } else if p.ends_with(".prompt.md") {
        4
    } else if p.ends_with(".instructions.md") {
        5
    } else if p.contains("/.opencode/") {
        6
    } else if p.ends_with(".mdc") {
        7
    } else if p.contains("/plugin") {
        8
    } else {
        0
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "md" || e == "mdc")
            && std::fs::metadata(&p).is_ok_and(|m| m.len() < MAX_SEED)
        {
            out.push(p);
        }
    }
}

/// The seed corpus: each fixture with its selector byte in front.
fn seeds() -> Vec<Vec<u8>> {
    let mut paths = Vec::new();
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        &mut paths,
    );
    paths
        .iter()
        .map(|p| {
            let mut bytes = vec![selector(&p.to_string_lossy())];
            bytes.extend(std::fs::read(p).unwrap_or_default());
            bytes
        })
        .collect()
}

/// xorshift64*: a fixed seed makes every run the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Fragments that matter to the readers: fences, YAML syntax, tags, line breaks, and
/// bytes that make multi-byte characters (and broken ones).
const TOKENS: &[&[u8]] = &[
    b"---\n",
    b"---",
    b": ",
    b":",
    b"\n",
    b"\r\n",
    b"\r",
    b"\t",
    b"  ",
    b"- ",
    b"#",
    b" #",
    b"|",
    b">",
    b"'",
    b"\"",
    b"[",
    b"]",
    b"{",
    b"}",
    b"&a ",
    b"*a",
    b"<<: ",
    b"!!str ",
    b"? ",
    b"\\n",
    b"<example>",
    b"</example>",
    b"<commentary>",
    b"</commentary>",
    b"user: ",
    b"assistant: ",
    b"name: ",
    b"description: ",
    b"tools: ",
    b"hooks:\n",
    b"model: ",
    b"mcp__",
    "é".as_bytes(),
    "😀".as_bytes(),
    "\u{2028}".as_bytes(),
    "\u{feff}".as_bytes(),
    b"\xc3",
    b"\xe2\x80",
    b"\x00",
    "â€™".as_bytes(),
];

/// One random change to `input`, sometimes borrowing from `other`.
fn mutate(rng: &mut Rng, input: &mut Vec<u8>, other: &[u8]) {
    let at = 1 + rng.below(input.len().saturating_sub(1).max(1));
    let at = at.min(input.len());
    match rng.below(6) {
        0 if input.len() > 1 => {
            let end = (at + 1 + rng.below(16)).min(input.len());
            input.drain(at..end);
        }
        1 => {
            let token = TOKENS[rng.below(TOKENS.len())];
            input.splice(at..at, token.iter().copied());
        }
        2 if at < input.len() => input[at] ^= 1 << rng.below(8),
        3 => {
            let start = rng.below(other.len().max(1)).min(other.len());
            let end = (start + rng.below(256)).min(other.len());
            input.splice(at..at, other[start..end].iter().copied());
        }
        4 => {
            let end = (at + rng.below(64)).min(input.len());
            let copy = input[at..end].to_vec();
            for _ in 0..1 + rng.below(8) {
                input.splice(at..at, copy.iter().copied());
            }
        }
        _ => input.truncate(at),
    }
}

#[test]
fn the_fuzz_target_survives_its_seeds_and_their_mutations() {
    let seeds = seeds();
    assert!(
        seeds.len() > 500,
        "expected the fixture seeds, found {}",
        seeds.len()
    );
    let crashers = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut replays = Vec::new();
    files(&crashers, &mut replays);
    for seed in &seeds {
        entry::analyze_bytes(seed);
    }
    for p in &replays {
        for selector in 0..entry::PATHS.len() as u8 {
            let mut bytes = vec![selector];
            bytes.extend(std::fs::read(p).unwrap_or_default());
            entry::analyze_bytes(&bytes);
        }
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..MUTATIONS {
        let mut input = seeds[rng.below(seeds.len())].clone();
        input.truncate(8 * 1024);
        let other = &seeds[rng.below(seeds.len())];
        for _ in 0..1 + rng.below(4) {
            mutate(&mut rng, &mut input, other);
        }
        entry::analyze_bytes(&input);
    }
}
