//! Runs each step, echoes its output, and counts what passed and failed
//! across all of them, for the one closing line that ends
//! `N passed, N failed` (tests; lint steps are counted apart, as steps).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[derive(Default)]
pub struct Tally {
    steps_passed: u64,
    steps_failed: u64,
    passed: u64,
    failed: u64,
    ignored: u64,
    /// One line per step that ignored tests, naming them.
    ignored_notes: Vec<String>,
    failures: Vec<String>,
}

/// What a test runner's output said: its `test result:` lines summed, and
/// the names of the tests it ignored.
#[derive(Debug, Default, PartialEq)]
struct Counts {
    passed: u64,
    failed: u64,
    ignored: u64,
    ignored_names: Vec<String>,
}

impl Counts {
    fn read(&mut self, line: &str) {
        if let Some((p, f, i)) = parse_result_line(line) {
            self.passed += p;
            self.failed += f;
            self.ignored += i;
        } else if let Some(name) = ignored_test(line) {
            self.ignored_names.push(name.to_string());
        }
    }
}

impl Tally {
    /// A step that is one check (fmt, clippy): it passes or fails whole,
    /// and counts as a step, not as a test.
    pub fn check(&mut self, name: &str, cmd: &mut Command) {
        eprintln!("\n==> {name}");
        let why = match cmd.status() {
            Ok(s) if s.success() => {
                self.steps_passed += 1;
                return;
            }
            Ok(s) => s.to_string(),
            Err(e) => e.to_string(),
        };
        eprintln!("xtask: {name} FAILED: {why}");
        self.steps_failed += 1;
        self.failures.push(format!("{name}: {why}"));
    }

    /// A test runner: counts its `test result:` lines. A failure to build,
    /// a non-zero exit without a count, or fewer tests run than `min` (a
    /// test binary or suite that silently stopped running) is one failure.
    pub fn tests(&mut self, name: &str, min: u64, cmd: &mut Command) {
        eprintln!("\n==> {name}");
        let mut child = match cmd.stdout(Stdio::piped()).spawn() {
            Ok(c) => c,
            Err(e) => return self.fail(name, &e.to_string()),
        };
        let mut counts = Counts::default();
        if let Some(out) = child.stdout.take() {
            for line in BufReader::new(out).lines().map_while(|l| l.ok()) {
                println!("{line}");
                counts.read(&line);
            }
        }
        let ok = child.wait().map(|s| s.success()).unwrap_or(false);
        self.add(name, min, ok, counts);
    }

    fn add(&mut self, name: &str, min: u64, ok: bool, counts: Counts) {
        self.passed += counts.passed;
        self.failed += counts.failed;
        self.ignored += counts.ignored;
        if counts.ignored > 0 {
            let names = if counts.ignored_names.is_empty() {
                String::new()
            } else {
                format!(": {}", counts.ignored_names.join(", "))
            };
            self.ignored_notes
                .push(format!("{name}: {} ignored{names}", counts.ignored));
        }
        let ran = counts.passed + counts.failed;
        if counts.failed > 0 {
            self.failures
                .push(format!("{name}: {} failed", counts.failed));
        } else if !ok {
            self.fail(name, "exited with an error (see above)");
        } else if ran < min {
            self.fail(
                name,
                &format!("ran {ran} tests where it must run at least {min} (MIN_TESTS)"),
            );
        }
    }

    /// One failure of a test step (it could not be built or installed).
    pub fn fail(&mut self, name: &str, why: &str) {
        eprintln!("xtask: {name} FAILED: {why}");
        self.failed += 1;
        self.failures.push(format!("{name}: {why}"));
    }

    pub fn finish(self) -> crate::Result<()> {
        if !self.ignored_notes.is_empty() {
            eprintln!("\nIgnored:");
            for i in &self.ignored_notes {
                eprintln!("  - {i}");
            }
        }
        if !self.failures.is_empty() {
            eprintln!("\nFailures:");
            for f in &self.failures {
                eprintln!("  - {f}");
            }
        }
        println!("\n{}", self.summary());
        if self.failed > 0 || self.steps_failed > 0 {
            // Exit here so the summary stays the last line printed.
            std::process::exit(1);
        }
        Ok(())
    }

    fn summary(&self) -> String {
        format!(
            "lint steps: {} passed, {} failed; tests: {} ignored, {} passed, {} failed",
            self.steps_passed, self.steps_failed, self.ignored, self.passed, self.failed
        )
    }
}

/// `test result: ok. 12 passed; 0 failed; 1 ignored; …`
fn parse_result_line(line: &str) -> Option<(u64, u64, u64)> {
    let rest = line.trim().strip_prefix("test result:")?;
    let count = |word: &str| {
        rest.split(';')
            .find_map(|part| {
                part.trim()
                    .strip_suffix(word)?
                    .trim()
                    .rsplit(' ')
                    .next()?
                    .parse()
                    .ok()
            })
            .unwrap_or(0)
    };
    Some((count("passed"), count("failed"), count("ignored")))
}

/// `test some::name ... ignored` (or `... ignored, why`): the name.
fn ignored_test(line: &str) -> Option<&str> {
    let (name, verdict) = line.strip_prefix("test ")?.split_once(" ... ")?;
    (verdict == "ignored" || verdict.starts_with("ignored,")).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(lines: &[&str]) -> Counts {
        let mut c = Counts::default();
        for l in lines {
            c.read(l);
        }
        c
    }

    #[test]
    fn reads_cargo_test_summaries() {
        assert_eq!(
            parse_result_line("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured"),
            Some((12, 0, 1))
        );
        assert_eq!(
            parse_result_line("test result: FAILED. 3 passed; 2 failed; 0 ignored"),
            Some((3, 2, 0))
        );
        assert_eq!(parse_result_line("running 3 tests"), None);
    }

    #[test]
    fn names_the_ignored_tests() {
        let c = counts(&[
            "test a::slow ... ignored",
            "test b ... ignored, needs a real Odoo",
            "test c ... ok",
            "test result: ok. 1 passed; 0 failed; 2 ignored; 0 measured",
        ]);
        assert_eq!(c.ignored_names, ["a::slow", "b"]);
        let mut t = Tally::default();
        t.add("unit", 1, true, c);
        assert_eq!(t.failures, Vec::<String>::new());
        assert_eq!(t.ignored_notes, ["unit: 2 ignored: a::slow, b"]);
        assert!(t
            .summary()
            .starts_with("lint steps: 0 passed, 0 failed; tests: 2 ignored,"));
    }

    #[test]
    fn a_step_that_runs_fewer_tests_than_its_minimum_fails() {
        let mut t = Tally::default();
        // Builds, runs nothing, exits 0.
        t.tests("none", 1, &mut Command::new("true"));
        t.add(
            "some",
            3,
            true,
            counts(&["test result: ok. 2 passed; 0 failed; 1 ignored; 0 measured"]),
        );
        t.add(
            "enough",
            2,
            true,
            counts(&["test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured"]),
        );
        assert_eq!(t.failures.len(), 2, "{:?}", t.failures);
        assert!(
            t.summary().ends_with("4 passed, 2 failed"),
            "{}",
            t.summary()
        );
    }

    #[test]
    fn lint_steps_are_steps_not_tests() {
        let mut t = Tally::default();
        t.check("passes", &mut Command::new("true"));
        t.check("fails", &mut Command::new("false"));
        assert_eq!(
            t.summary(),
            "lint steps: 1 passed, 1 failed; tests: 0 ignored, 0 passed, 0 failed"
        );
    }
}
