//! Keys and helpers shared by the scanner's tests. Every key here is made up.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

use zexa_core::secret::SecretString;
use zexa_scan::{AccountKey, Finding, KnownKey, Options, Report, Scanner, What};

/// A profile's key, plain alphanumerics as the sandbox makes them.
pub const PRODUCTION: &str = "zx_live_Q8xr2mN7vB4kL9pZ3tY6wE1sD5fG0hJ2kL4m7c1d";
/// A key with the characters that URL-encoding and JSON escaping change.
pub const ODD: &str = "zx_test_Ab1/Cd2+Ef3=Gh4\"Ij5Kl6";
pub const ODD_URL: &str = "zx_test_Ab1%2FCd2%2BEf3%3DGh4%22Ij5Kl6";
pub const ODD_JSON: &str = r#"zx_test_Ab1\/Cd2+Ef3=Gh4\"Ij5Kl6"#;
/// A key the account lists as "Staging" (prefix `zx_live_St4g`), not on this computer.
pub const STAGING: &str = "zx_live_St4gR9mK2xW7qP3vL8nB5tY1cZ6hJ0dF4sA9e2b";
pub const STAGING_PREFIX: &str = "zx_live_St4g";
/// Nobody's: found only by the assignment and Bearer rules.
pub const STRAY: &str = "q8Xr2mN7vB4kL9pZ3tY6aa11";
pub const STRAY_BEARER: &str = "Zt5Kp2Wq8Lm3Xn7Vb1Rc9Hd4";

pub fn scanner(options: Options) -> Scanner {
    let known = vec![
        KnownKey { secret: SecretString::new(PRODUCTION.into()), label: "your key for profile Production".into() },
        KnownKey { secret: SecretString::new(ODD.into()), label: "your key for profile Odd".into() },
    ];
    let account = vec![AccountKey { prefix: STAGING_PREFIX.into(), label: "the account's key 'Staging'".into() }];
    Scanner::new(known, account, options)
}

pub fn write(path: &Path, contents: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

/// The finding with this label (or the unknown one with this masked tail).
pub fn finding<'r>(report: &'r Report, what: &What) -> &'r Finding {
    let found: Vec<&Finding> = report.findings.iter().filter(|f| &f.what == what).collect();
    assert_eq!(found.len(), 1, "one finding for {what:?} in {report:#?}");
    found[0]
}

pub fn known(label: &str) -> What {
    What::Known { label: label.into() }
}

/// (file relative to `root`, member, line, column) of every place.
pub fn places(finding: &Finding, root: &Path) -> Vec<(String, Option<String>, u64, u64)> {
    let root = root.to_string_lossy().into_owned() + "/";
    finding
        .places
        .iter()
        .map(|p| (p.file.trim_start_matches(&root).to_owned(), p.member.clone(), p.line, p.column))
        .collect()
}

/// The report must not hold any whole key: not in JSON, not in Debug.
pub fn assert_no_whole_key(report: &Report) {
    let json = serde_json::to_string(report).unwrap();
    let debug = format!("{report:?}");
    for key in [PRODUCTION, ODD, ODD_URL, ODD_JSON, STAGING, STRAY, STRAY_BEARER] {
        assert!(!json.contains(key), "the JSON holds a whole key");
        assert!(!debug.contains(key), "Debug holds a whole key");
    }
}

/// A zip archive written by hand (stored or deflated members), as zip tools lay it out.
pub fn zip(members: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut directory = Vec::new();
    for (name, data, deflate) in members {
        let body = if *deflate {
            let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(data).unwrap();
            encoder.finish().unwrap()
        } else {
            data.to_vec()
        };
        let method: u16 = if *deflate { 8 } else { 0 };
        let offset = out.len() as u32;
        let crc = crc32(data);
        let fixed = |sig: u32| {
            let mut h = sig.to_le_bytes().to_vec();
            h.extend_from_slice(&20u16.to_le_bytes());
            h
        };
        let mut local = fixed(0x0403_4b50);
        for v in [0u16, method, 0, 0] {
            local.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, body.len() as u32, data.len() as u32] {
            local.extend_from_slice(&v.to_le_bytes());
        }
        local.extend_from_slice(&(name.len() as u16).to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes());
        local.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&local);
        out.extend_from_slice(&body);
        let mut central = fixed(0x0201_4b50);
        for v in [20u16, 0, method, 0, 0] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, body.len() as u32, data.len() as u32] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        for v in [name.len() as u16, 0, 0, 0, 0] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        central.extend_from_slice(&0u32.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
        directory.extend_from_slice(&central);
    }
    let directory_offset = out.len() as u32;
    out.extend_from_slice(&directory);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, members.len() as u16, members.len() as u16] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&(directory.len() as u32).to_le_bytes());
    out.extend_from_slice(&directory_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
