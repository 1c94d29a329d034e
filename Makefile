.PHONY: run test bench lighthouse screenshots

# The two README commands, for those who prefer make.
run:
	scripts/run

test:
	scripts/test

# Load-test gunicorn in production mode and write docs/benchmarks.md (BENCH_DB=postgres for PostgreSQL).
bench:
	scripts/bench

# Lighthouse scores (mobile) for the start, question, verdict and shared pages, into docs/benchmarks.md.
lighthouse:
	scripts/lighthouse

# Refresh the README screenshots in docs/screenshots/ with the browser-test setup.
screenshots:
	scripts/screenshots
