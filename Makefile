.PHONY: run test bench screenshots

# The two README commands, for those who prefer make.
run:
	scripts/run

test:
	scripts/test

# Load-test gunicorn in production mode and write docs/benchmarks.md (BENCH_DB=postgres for PostgreSQL).
bench:
	scripts/bench

# Refresh the README screenshots in docs/screenshots/ with the browser-test setup.
screenshots:
	scripts/screenshots
