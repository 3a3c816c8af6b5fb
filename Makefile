# liftcode: `make demo` to try it, `make test` to test it, `make bench` to measure it.
# Each target first installs the Debian packages it needs that are missing.

SWIFT ?= swift
BUILD_PACKAGES = pkg-config libqrencode-dev libssl-dev libsqlite3-dev libpng-dev zlib1g-dev libfreetype-dev libcairo2-dev fonts-wqy-microhei
TEST_PACKAGES = libzbar-dev postgresql nginx openssl python3 python3-pip jq curl poppler-utils chromium chromium-driver python3-selenium python3-openpyxl
BENCH_PACKAGES = wrk curl nginx valgrind sqlite3 postgresql

.PHONY: demo cluster-demo test bench build build-deps test-deps bench-deps

build-deps:
	@scripts/install-packages $(BUILD_PACKAGES)

test-deps: build-deps
	@scripts/install-packages $(TEST_PACKAGES)
	@# openpyxl (PyPI) reads exported workbooks in the tests; Debian's pip refuses system installs (PEP 668), hence --user.
	@python3 -c 'import openpyxl' 2>/dev/null || python3 -m pip install --quiet openpyxl 2>/dev/null \
		|| python3 -m pip install --quiet --user --break-system-packages openpyxl
	@# zpl-toolchain (PyPI) parses and validates the ZPL labels in the tests, from .build-python/.
	@scripts/install-zpl-toolchain

bench-deps: build-deps
	@scripts/install-packages $(BENCH_PACKAGES)

build: build-deps
	$(SWIFT) build --product liftcode

demo: build
	$$($(SWIFT) build --show-bin-path)/liftcode demo

cluster-demo: build
	@scripts/install-packages postgresql nginx curl
	LIFTCODE_BIN=$$($(SWIFT) build --show-bin-path)/liftcode scripts/cluster-demo

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	@# The staff console in a real browser (Debian's chromium through python3-selenium).
	/usr/bin/python3 Tests/Browser/console_test.py $$($(SWIFT) build --show-bin-path)/liftcode

bench: bench-deps
	$(SWIFT) build -c release --product liftbench
	$(SWIFT) build -c release --product liftcode
	$$($(SWIFT) build -c release --show-bin-path)/liftbench all
	LIFTCODE_BIN=$$($(SWIFT) build -c release --show-bin-path)/liftcode scripts/bench-lookup
	LIFTCODE_BIN=$$($(SWIFT) build -c release --show-bin-path)/liftcode scripts/bench-cluster
