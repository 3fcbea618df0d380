//! The UI's initial JavaScript size, as `ui/scripts/check-dist.mjs` measures and prints it
//! (gzipped, kB of 1000 bytes, the way Vite reports sizes). The benchmark reads that line so
//! the figure and the build's own ceiling can never disagree.

/// The `initial JS 38.90 kB gzipped (ceiling 60 kB), …` line of check-dist's output.
pub fn initial_js_kb(check_dist_output: &str) -> Option<f64> {
    check_dist_output.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("initial JS ")?;
        let (number, unit) = rest.split_once(' ')?;
        unit.starts_with("kB gzipped").then(|| number.parse().ok()).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_initial_js_line() {
        let output = "dist OK for the CSP (41 assets, no inline script/style, nothing remote)\n\
                      initial JS 38.90 kB gzipped (ceiling 60 kB), lazy chunks 51.02 kB, total 89.92 kB\n";
        assert_eq!(initial_js_kb(output), Some(38.9));
    }

    #[test]
    fn anything_else_is_no_figure() {
        assert_eq!(initial_js_kb("dist does not pass its checks"), None);
        assert_eq!(initial_js_kb("initial JS lots kB gzipped"), None);
        assert_eq!(initial_js_kb("initial JS 38.90 MB gzipped"), None);
    }
}
