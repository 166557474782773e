//! Runs each step, echoes its output, and counts what passed and failed
//! across all of them, for the one closing line `N passed, N failed`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[derive(Default)]
pub struct Tally {
    passed: u64,
    failed: u64,
    failures: Vec<String>,
}

impl Tally {
    /// A step that is one check (fmt, clippy): it passes or fails whole.
    pub fn check(&mut self, name: &str, cmd: &mut Command) {
        eprintln!("\n==> {name}");
        match cmd.status() {
            Ok(s) if s.success() => self.passed += 1,
            Ok(s) => self.fail(name, &s.to_string()),
            Err(e) => self.fail(name, &e.to_string()),
        }
    }

    /// A test runner: counts its `test result:` lines; a failure to build
    /// or a non-zero exit without a count is one failure.
    pub fn tests(&mut self, name: &str, cmd: &mut Command) {
        eprintln!("\n==> {name}");
        let mut child = match cmd.stdout(Stdio::piped()).spawn() {
            Ok(c) => c,
            Err(e) => return self.fail(name, &e.to_string()),
        };
        let (mut passed, mut failed) = (0, 0);
        if let Some(out) = child.stdout.take() {
            for line in BufReader::new(out).lines().map_while(|l| l.ok()) {
                println!("{line}");
                if let Some((p, f)) = parse_result_line(&line) {
                    passed += p;
                    failed += f;
                }
            }
        }
        let ok = child.wait().map(|s| s.success()).unwrap_or(false);
        self.passed += passed;
        self.failed += failed;
        if failed > 0 {
            self.failures.push(format!("{name}: {failed} failed"));
        } else if !ok {
            self.fail(name, "exited with an error (see above)");
        }
    }

    pub fn fail(&mut self, name: &str, why: &str) {
        eprintln!("xtask: {name} FAILED: {why}");
        self.failed += 1;
        self.failures.push(format!("{name}: {why}"));
    }

    pub fn finish(self) -> crate::Result<()> {
        if !self.failures.is_empty() {
            eprintln!("\nFailures:");
            for f in &self.failures {
                eprintln!("  - {f}");
            }
        }
        println!("\n{} passed, {} failed", self.passed, self.failed);
        if self.failed > 0 {
            // Exit here so the summary stays the last line printed.
            std::process::exit(1);
        }
        Ok(())
    }
}

/// `test result: ok. 12 passed; 0 failed; 1 ignored; …`
fn parse_result_line(line: &str) -> Option<(u64, u64)> {
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
    Some((count("passed"), count("failed")))
}

#[cfg(test)]
mod tests {
    use super::parse_result_line;

    #[test]
    fn reads_cargo_test_summaries() {
        assert_eq!(
            parse_result_line("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured"),
            Some((12, 0))
        );
        assert_eq!(
            parse_result_line("test result: FAILED. 3 passed; 2 failed; 0 ignored"),
            Some((3, 2))
        );
        assert_eq!(parse_result_line("running 3 tests"), None);
    }
}
