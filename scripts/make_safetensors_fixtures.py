#!/usr/bin/env python3
"""Safetensors fixtures proving byte compatibility with the Python `safetensors` package,
both ways. Run by hand with torch and safetensors installed (CI never runs Python):

    .venv-fixtures/bin/python scripts/make_safetensors_fixtures.py

Python -> Swift (written here, read by Tests/NeuralNetTests/SafetensorsTests.swift):
  python_written.safetensors  F32 tensors with a scalar, an empty tensor, special values
                              (-0, +-inf, subnormal, max), names needing JSON escapes and
                              UTF-8, one metadata key. The Swift test reads it, checks
                              every value, writes the same tensors and compares the bytes
                              (identical).
  dtypes.safetensors          F64, F16, BF16, I64, I32, I16, I8, U8, BOOL tensors that the
                              Swift reader converts to Float32.
  unsupported_dtype.safetensors  an F32 tensor and an F8_E4M3 one (refused by name).
  inexact_int.safetensors     an I64 value 2^24 + 1, not exactly a Float32 (refused).

Swift -> Python (checked here):
  swift_written.safetensors   written by the Swift test `swiftWrittenFixtureIsCurrent`
                              (regenerate with `SWIFTGNN_UPDATE_FIXTURES=1 swift test
                              --filter Safetensors`); this script opens it with
                              safetensors.safe_open and checks names, shapes, values and
                              metadata, and loads it with safetensors.torch.load_file.

Multiple metadata keys are hash-ordered (randomly per process) by the Rust
serializer, so byte-for-byte comparisons use one metadata key; the Swift writer sorts
keys, and the Swift-written fixture with three keys is checked here semantically.
"""
import math
import os
import sys

import numpy as np
import torch
from safetensors import safe_open
from safetensors.torch import load_file, save_file

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "Tests", "NeuralNetTests", "Fixtures")

# Tensors shared with SafetensorsTests.swift (pythonTensors()).
SUBNORMAL = float(np.float32(1.4e-45))
F32_MAX = float(np.finfo(np.float32).max)
PYTHON_TENSORS = {
    "weight": torch.tensor([[1.0, -2.5, 3.25], [0.0, 1e-3, -7.0]], dtype=torch.float32),
    "bias": torch.tensor([0.5, -0.5, 2.0], dtype=torch.float32),
    "scalar": torch.tensor(3.75, dtype=torch.float32),
    "empty": torch.zeros((0, 4), dtype=torch.float32),
    "layers.0.special": torch.tensor([-0.0, math.inf, -math.inf, SUBNORMAL, F32_MAX], dtype=torch.float32),
    'quote"back\\slash\ttab/ü': torch.tensor([[42.0]], dtype=torch.float32),
}
PYTHON_METADATA = {"format": "pt"}


def swift_expected():
    """The tensors `swiftWrittenFixtureIsCurrent` writes (swiftTensors() in the test)."""
    cube = (torch.arange(3 * 5 * 7, dtype=torch.float32) / 7 - 5).reshape(3, 5, 7)
    return {
        "encoder.layers.0.weight": cube,
        "encoder.layers.0.bias": torch.tensor([-1.0, 0.0, 1.0], dtype=torch.float32),
        "head.scale": torch.tensor(0.125, dtype=torch.float32),
        "empty.buffer": torch.zeros((2, 0), dtype=torch.float32),
        "naïve/名前": torch.tensor([1.5, -1.5], dtype=torch.float32),
    }, {"format": "pt", "epoch": "3", "note": 'written by "SwiftGNN"\n'}


def write_python_fixtures():
    save_file(PYTHON_TENSORS, os.path.join(FIXTURES, "python_written.safetensors"), metadata=PYTHON_METADATA)
    dtypes = {
        "f64": torch.tensor([1.0 / 3.0, -2.5, 1e300], dtype=torch.float64),
        "f16": torch.tensor([1.0, -0.0, 6.0e-8, 65504.0, math.inf], dtype=torch.float16),
        "bf16": torch.tensor([1.0, -3.140625, 1e30], dtype=torch.bfloat16),
        "i64": torch.tensor([-5, 0, 2**24, 7], dtype=torch.int64),
        "i32": torch.tensor([[-(2**24), 123456]], dtype=torch.int32),
        "i16": torch.tensor([-32768, 32767], dtype=torch.int16),
        "i8": torch.tensor([-128, 127], dtype=torch.int8),
        "u8": torch.tensor([0, 255], dtype=torch.uint8),
        "bool": torch.tensor([True, False, True], dtype=torch.bool),
    }
    save_file(dtypes, os.path.join(FIXTURES, "dtypes.safetensors"))
    save_file({"ok": torch.ones(2), "fp8": torch.zeros(3).to(torch.float8_e4m3fn)},
              os.path.join(FIXTURES, "unsupported_dtype.safetensors"))
    save_file({"ids": torch.tensor([1, 2**24 + 1], dtype=torch.int64)},
              os.path.join(FIXTURES, "inexact_int.safetensors"))
    print("wrote python_written, dtypes, unsupported_dtype, inexact_int .safetensors")
    # Print the float32 values the Swift test hard-codes for the dtype conversions.
    for k, v in dtypes.items():
        print(f"  {k}: {[float(x) for x in v.to(torch.float32).flatten()]}")


def check_swift_fixture():
    path = os.path.join(FIXTURES, "swift_written.safetensors")
    if not os.path.exists(path):
        print("swift_written.safetensors missing: run SWIFTGNN_UPDATE_FIXTURES=1 swift test --filter Safetensors")
        return False
    expected, expected_meta = swift_expected()
    with safe_open(path, framework="pt") as f:
        assert f.metadata() == expected_meta, f.metadata()
        assert sorted(f.keys()) == sorted(expected), f.keys()
        for name, want in expected.items():
            got = f.get_tensor(name)
            assert got.dtype == torch.float32 and got.shape == want.shape, (name, got.dtype, got.shape)
            assert torch.equal(got, want), name
    loaded = load_file(path)
    assert set(loaded) == set(expected)
    # The header must be padded to 8 bytes and laid out by name, as Python would write it.
    with open(path, "rb") as fh:
        raw = fh.read()
    n = int.from_bytes(raw[:8], "little")
    assert n % 8 == 0, n
    print("swift_written.safetensors: OK (safe_open and load_file read it; values and metadata match)")
    return True


if __name__ == "__main__":
    os.makedirs(FIXTURES, exist_ok=True)
    if "--check-only" not in sys.argv:
        write_python_fixtures()
    ok = check_swift_fixture()
    sys.exit(0 if ok else 1)
