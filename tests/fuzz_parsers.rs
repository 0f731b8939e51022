//! A byte fuzzer over every parser of service input: a job, a list page, an ARM error body
//! (as the client reads them, then into the model), and the `Retry-After` headers. Inputs
//! are mutations of the official examples (flips, inserts, cuts, splices, JSON tokens,
//! deep nesting, huge numbers) and random bytes. No input may panic, and memory must stay
//! bounded.
//!
//! CI runs a short round. The long run (see RELIABILITY.md):
//! `IEJOBS_FUZZ_INPUTS=1000000 cargo test --test fuzz_parsers -- --nocapture`
//! (`IEJOBS_FUZZ_SEED` picks another seed.)

#![allow(
    clippy::unwrap_used,
    clippy::print_stderr,
    reason = "a test that cannot go on should stop loudly; the long run reports its figures"
)]

mod common;

use std::time::Instant;

use iejobs::arm::wire::{ErrorResponse, JobResponse, ListJobsResponse};
use iejobs::arm::{error_text, job_from_wire, retry_after};
use rand::rngs::StdRng;
use rand::{RngExt as _, SeedableRng as _};

/// Inputs per CI run.
const CI_INPUTS: u64 = 30_000;

/// Longest input made: the client reads at most 64 MiB, far more than any test needs.
const MAX_INPUT_BYTES: usize = 256 * 1024;

/// Tokens that stress a JSON reader.
const TOKENS: [&[u8]; 16] = [
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"null",
    b",",
    b":",
    b"1e999999",
    b"-9223372036854775809",
    b"18446744073709551616",
    b"\"\\ud800\"",
    b"\"state\":\"",
    b"\"nextLink\":",
    b"\"driveList\":[{}]",
    b"\xff\xfe",
];

fn seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    for (version, file) in [
        ("2020-08-01", "GetJob.json"),
        ("2020-08-01", "GetExportJob.json"),
        ("2020-08-01", "ListJobsInSubscription.json"),
        ("2020-08-01", "ListJobsInResourceGroup.json"),
        ("2021-01-01-preview", "GetJob.json"),
    ] {
        let body = common::example_body(version, file, "200");
        seeds.push(serde_json::to_vec(&body).unwrap());
    }
    seeds.push(
        br#"{"error":{"code":"JobCannotBeCancelled","message":"no","details":[{"code":"x"}]}}"#
            .to_vec(),
    );
    seeds.push(br#"{"code":"Flat","message":"flat error"}"#.to_vec());
    seeds.push(br#"{"nextLink":"http://127.0.0.1:1/x?$skiptoken=1","value":[]}"#.to_vec());
    seeds
}

/// One input: a mutated seed, or random bytes.
fn input(rng: &mut StdRng, seeds: &[Vec<u8>]) -> Vec<u8> {
    if rng.random_bool(0.05) {
        let len = rng.random_range(0..512);
        return (0..len).map(|_| rng.random()).collect();
    }
    let mut data = seeds[rng.random_range(0..seeds.len())].clone();
    for _ in 0..rng.random_range(1..6) {
        let at = rng.random_range(0..=data.len());
        match rng.random_range(0..8) {
            0 if !data.is_empty() => {
                let i = rng.random_range(0..data.len());
                data[i] ^= 1 << rng.random_range(0..8);
            }
            1 => data.insert(at, rng.random()),
            2 => {
                let end = rng.random_range(at..=data.len().min(at + 64));
                data.drain(at..end);
            }
            3 => data.truncate(at),
            4 => {
                let token = TOKENS[rng.random_range(0..TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            5 => {
                let other = &seeds[rng.random_range(0..seeds.len())];
                let from = rng.random_range(0..other.len());
                let end = rng.random_range(from..other.len().min(from + 256));
                data.splice(at..at, other[from..end].iter().copied());
            }
            6 => {
                // Deep nesting: the reader must refuse it, not overflow the stack.
                let depth = rng.random_range(100..5_000);
                let open: Vec<u8> = std::iter::repeat_n(b'[', depth).collect();
                data.splice(at..at, open);
            }
            _ => {
                let end = rng.random_range(at..=data.len().min(at + 32));
                let copy = data[at..end].to_vec();
                data.splice(at..at, copy);
            }
        }
    }
    data.truncate(MAX_INPUT_BYTES);
    data
}

/// Every parser, as the client and the worker run them.
fn parse_all(body: &[u8]) -> usize {
    let mut jobs = 0;
    if let Ok(job) = serde_json::from_slice::<JobResponse>(body) {
        jobs += usize::from(job_from_wire(&job).is_ok());
    }
    if let Ok(page) = serde_json::from_slice::<ListJobsResponse>(body) {
        jobs += page
            .value
            .iter()
            .filter(|j| job_from_wire(j).is_ok())
            .count();
        if let Some(link) = page.next_link {
            let _ = url::Url::parse(&link);
        }
    }
    let _ = serde_json::from_slice::<ErrorResponse>(body);
    let _ = error_text(body);
    let mut headers = reqwest::header::HeaderMap::new();
    let cut = &body[..body.len().min(64)];
    if let Ok(value) = reqwest::header::HeaderValue::from_bytes(cut) {
        headers.insert("retry-after", value.clone());
        let _ = retry_after(&headers);
        headers.insert("x-ms-retry-after-ms", value);
        let _ = retry_after(&headers);
    }
    jobs
}

/// Peak resident memory of this process so far, in KiB (`VmHWM`).
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[test]
fn no_service_input_makes_a_parser_panic_or_grow_without_bound() {
    let inputs: u64 = std::env::var("IEJOBS_FUZZ_INPUTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CI_INPUTS);
    let seed: u64 = std::env::var("IEJOBS_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    let seeds = seeds();
    for s in &seeds {
        assert!(
            parse_all(s) > 0
                || s.starts_with(b"{\"error\"")
                || s.starts_with(b"{\"code\"")
                || s.starts_with(b"{\"nextLink\""),
            "seeds parse"
        );
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let started = Instant::now();
    let rss_before = peak_rss_kib();
    let (mut parsed_jobs, mut bytes) = (0_u64, 0_u64);
    for i in 0..inputs {
        let data = input(&mut rng, &seeds);
        bytes += data.len() as u64;
        let result = std::panic::catch_unwind(|| parse_all(&data));
        let Ok(n) = result else {
            panic!(
                "input {i} (seed {seed}) panicked: {:?}",
                String::from_utf8_lossy(&data)
            );
        };
        parsed_jobs += n as u64;
    }
    let rss_after = peak_rss_kib();
    eprintln!(
        "fuzz_parsers: {inputs} inputs ({} MB) in {:.1} s, seed {seed}; {parsed_jobs} jobs parsed; \
         peak RSS {rss_before} KiB before, {rss_after} KiB after",
        bytes / 1_000_000,
        started.elapsed().as_secs_f64()
    );
    assert!(
        parsed_jobs > inputs / 20,
        "the mutations keep many inputs valid: {parsed_jobs}"
    );
    assert!(
        rss_after - rss_before < 64 * 1024,
        "peak memory grew by {} KiB",
        rss_after - rss_before
    );
}
