# SwiftGNN: `make demo`, `make test`, `make bench`, `make bench-ops`, `make bench-determinism`,
# `make gradcheck`, `make fuzz`.
#
# Every target first installs what is missing on a Debian/Ubuntu machine (OpenBLAS),
# then builds with SwiftPM and runs. Debug builds (tests) live in .build/debug,
# release builds (demo, bench, gradcheck) in .build/release.

SWIFT ?= swift

# Release builds compile the Swift kernels for a target CPU. `native` means the CPU of
# the machine running make: on an AVX-512 CPU the hand-written SIMD kernels get 512-bit
# code and run 2-3x faster than with swiftc's default (128-bit SSE2). The binary then
# runs only on CPUs with the same features; to build for other machines pick a CPU
# they all have, e.g. `make bench TARGET_CPU=haswell` (AVX2) or `TARGET_CPU=x86-64`.
# swiftc spells CPUs like clang (znver4, skylake-avx512, haswell, native); it rejects
# x86-64-v3/x86-64-v4. Non-x86 hosts build without a target CPU.
ifeq ($(shell uname -m),x86_64)
TARGET_CPU ?= native
endif
RELEASE_FLAGS = -c release $(if $(TARGET_CPU),-Xswiftc -target-cpu -Xswiftc $(TARGET_CPU))

# `make demo` runs this subcommand.
DEMO_COMMAND ?= demo

BIN = $(shell $(SWIFT) build $(RELEASE_FLAGS) --show-bin-path)/swiftgnn

.PHONY: all demo test bench bench-python bench-ops bench-determinism gradcheck release deps clean fixtures fuzz

all: release

demo: release
	$(BIN) $(DEMO_COMMAND)

test: deps
	$(SWIFT) test

# `make bench`: every workload of `swiftgnn bench --list` in SwiftGNN and in PyTorch
# Geometric (bench/pyg_bench.py), alternating, with BENCH_THREADS threads on both sides;
# prints the table and writes BENCHMARKS.md (bench/side_by_side.py). PyG runs in PYTHON:
# by default a venv at BENCH_VENV, created with `pip install torch torch_geometric` when
# absent (CPU wheels, about 1 GB); point it elsewhere with `make bench PYTHON=/path/bin/python`.
# Cora and ENZYMES are read from BENCH_DATA (`<dir>/Cora/raw`, `<dir>/ENZYMES/raw`).
BENCH_VENV ?= bench/.venv
PYTHON ?= $(BENCH_VENV)/bin/python
BENCH_THREADS ?= $(shell nproc 2>/dev/null || echo 1)
BENCH_DATA ?= ../shared/data
BENCH_WORKLOADS ?=
BENCH_OUTPUT ?= BENCHMARKS.md

bench: release bench-python
	python3 bench/side_by_side.py --swiftgnn $(BIN) --python $(PYTHON) --threads $(BENCH_THREADS) \
	  --data-dir $(BENCH_DATA) --workloads "$(BENCH_WORKLOADS)" --output "$(BENCH_OUTPUT)"

bench-python:
	@if ! $(PYTHON) -c "import torch, torch_geometric, scipy" 2>/dev/null; then \
	  if [ "$(PYTHON)" != "$(BENCH_VENV)/bin/python" ]; then \
	    echo "error: $(PYTHON) cannot import torch, torch_geometric and scipy (PyG reads Planetoid pickles with scipy)" >&2; exit 1; fi; \
	  echo "creating $(BENCH_VENV) (pip install torch torch_geometric numpy scipy)"; \
	  python3 -m venv $(BENCH_VENV) && $(BENCH_VENV)/bin/pip install --quiet numpy scipy torch torch_geometric \
	    --extra-index-url https://download.pytorch.org/whl/cpu; \
	fi

# Kernel throughput (GEMM, SpMM, elementwise) of the release build.
bench-ops: release
	$(BIN) bench ops

# Issue 5's determinism check at full length in a release build: 200 epochs of gcn_cora
# and of gin_enzymes, twice each with the same seed and thread count; the loss checksums
# (FNV-1a over the bits of every epoch's loss) must agree.
bench-determinism: release
	@for w in gcn_cora gin_enzymes; do \
	  a=$$($(BIN) bench $$w --json --epochs 200 --warmup 0 --threads $(BENCH_THREADS) --data-dir $(BENCH_DATA) | grep loss_checksum); \
	  b=$$($(BIN) bench $$w --json --epochs 200 --warmup 0 --threads $(BENCH_THREADS) --data-dir $(BENCH_DATA) | grep loss_checksum); \
	  echo "$$w: $$a / $$b"; [ "$$a" = "$$b" ] || { echo "$$w: losses differ" >&2; exit 1; }; \
	done

gradcheck: release
	$(BIN) gradcheck

release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product swiftgnn

# libFuzzer targets for the file readers (Fuzz/, a package of its own): each runs for
# FUZZ_SECONDS from a copy of its seed corpus in Fuzz/corpus/<name>; a crash, leak or
# sanitizer report stops make and leaves the input in .build/fuzz/<name>-crash-*.
# Leak detection is off: Foundation's FileManager leaks a small path buffer per call
# (reported inside libFoundation, not SwiftGNN); AddressSanitizer's memory-error checks
# stay on.
FUZZ_SECONDS ?= 60
FUZZERS ?= $(filter-out FuzzDriver,$(notdir $(wildcard Fuzz/Sources/Fuzz*)))
FUZZ_FLAGS = -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
fuzz: deps
	cd Fuzz && $(SWIFT) build $(FUZZ_FLAGS)
	@bin="$$(cd Fuzz && $(SWIFT) build $(FUZZ_FLAGS) --show-bin-path)"; mkdir -p .build/fuzz; \
	for f in $(FUZZERS); do \
	  work="$$(mktemp -d)"; cp Fuzz/corpus/$$f/* "$$work"/ 2>/dev/null || true; \
	  echo "== $$f: $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=0 "$$bin/$$f" -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -detect_leaks=0 -print_final_stats=1 \
	    -artifact_prefix=.build/fuzz/$$f- "$$work" > .build/fuzz/$$f.log 2>&1 \
	    || { tail -n 40 .build/fuzz/$$f.log; rm -rf "$$work"; exit 1; }; \
	  grep -E '^stat::number_of_executed_units|^Done' .build/fuzz/$$f.log | tail -n 1; \
	  echo "   corpus: $$(ls "$$work" | wc -l) inputs, no crash"; rm -rf "$$work"; \
	done

# OpenBLAS from apt when dpkg does not list it as installed; `apt-get update` only when
# the package lists are empty or the first install attempt fails; sudo only when not root.
# (Without it SwiftGNN still runs, on a slow portable GEMM.)
BLAS_PACKAGE ?= libopenblas-dev

deps:
	@command -v $(SWIFT) >/dev/null 2>&1 || { \
	  echo "error: '$(SWIFT)' not found: install a Swift 6 toolchain (https://www.swift.org/install)" >&2; exit 1; }
	@if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
	  if ! dpkg -s $(BLAS_PACKAGE) 2>/dev/null | grep -q '^Status: install ok installed'; then \
	    if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
	    echo "installing $(BLAS_PACKAGE)"; \
	    if [ -z "$$(ls /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$$' -e '^partial$$' -e '^auxfiles$$')" ]; then \
	      $$SUDO apt-get update; fi; \
	    $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y $(BLAS_PACKAGE) || { \
	      $$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y $(BLAS_PACKAGE); }; \
	  fi; \
	fi

# Golden fixtures from PyTorch (see scripts/README.md); never needed by CI.
VENV ?= .venv-fixtures
fixtures:
	@[ -x $(VENV)/bin/python ] || { python3 -m venv $(VENV) && $(VENV)/bin/pip install torch safetensors numpy; }
	$(VENV)/bin/python scripts/make_golden_fixtures.py
	$(VENV)/bin/python scripts/make_layer_fixtures.py
	$(VENV)/bin/python scripts/make_safetensors_fixtures.py
	$(VENV)/bin/python scripts/reductions_reference.py > /dev/null
	$(VENV)/bin/python scripts/sparse_reference.py > /dev/null
	$(VENV)/bin/python scripts/sparse_reference_coo.py > /dev/null

clean:
	rm -rf .build
