"""Shared fixtures: the demo client, generated once per test session into a temporary folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cxlib.data import load_client

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory) -> Path:
    """A fresh demo client in <tmp>/client_data/demo (never the developer's own client_data)."""
    from cxlib.demo import generate

    root = tmp_path_factory.mktemp("client_data")
    return generate(root / "demo")


@pytest.fixture(scope="session")
def demo(demo_dir):
    """The demo client loaded through the one entry point (validated, typed frames)."""
    return load_client(demo_dir)


@pytest.fixture
def demo_copy(demo_dir, tmp_path) -> Path:
    """A disposable copy of the demo client, for tests that break its data."""
    target = tmp_path / "client_data" / "demo"
    shutil.copytree(demo_dir, target)
    return target
