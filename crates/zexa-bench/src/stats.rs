//! Minimum, median and maximum of a handful of runs, and the ratio of two medians.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    pub min: f64,
    pub median: f64,
    pub max: f64,
    /// How many runs the figure comes from.
    pub runs: usize,
}

impl Summary {
    /// `None` for no samples. NaN samples (a figure a run could not take) are left out.
    pub fn of(samples: &[f64]) -> Option<Summary> {
        let mut sorted: Vec<f64> = samples.iter().copied().filter(|v| !v.is_nan()).collect();
        if sorted.is_empty() {
            return None;
        }
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0 };
        Some(Summary { min: sorted[0], median, max: sorted[n - 1], runs: n })
    }

    /// One measurement that does not vary between runs (a file's size).
    pub fn single(value: f64) -> Summary {
        Summary { min: value, median: value, max: value, runs: 1 }
    }
}

/// `numerator ÷ denominator` of the medians; `None` when the denominator is zero (an idle
/// process that used no CPU at all) or either side is missing.
pub fn ratio(numerator: Option<Summary>, denominator: Option<Summary>) -> Option<f64> {
    let (n, d) = (numerator?.median, denominator?.median);
    (d > 0.0).then(|| n / d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_counts_take_the_middle_sample() {
        let s = Summary::of(&[5.0, 1.0, 3.0, 9.0, 7.0]).unwrap();
        assert_eq!((s.min, s.median, s.max, s.runs), (1.0, 5.0, 9.0, 5));
    }

    #[test]
    fn even_counts_average_the_two_middle_samples() {
        let s = Summary::of(&[4.0, 1.0, 3.0, 10.0]).unwrap();
        assert_eq!((s.min, s.median, s.max), (1.0, 3.5, 10.0));
    }

    #[test]
    fn missing_samples_are_left_out_and_none_means_no_figure() {
        assert_eq!(Summary::of(&[]), None);
        assert_eq!(Summary::of(&[f64::NAN]), None);
        let s = Summary::of(&[2.0, f64::NAN, 4.0]).unwrap();
        assert_eq!((s.median, s.runs), (3.0, 2));
    }

    #[test]
    fn ratios_are_of_medians_and_undefined_over_zero() {
        let app = Summary::of(&[100.0, 120.0, 500.0]);
        let bare = Summary::of(&[80.0, 96.0, 90.0]);
        assert_eq!(ratio(app, bare), Some(120.0 / 90.0));
        assert_eq!(ratio(app, Some(Summary::single(0.0))), None);
        assert_eq!(ratio(None, bare), None);
    }
}
