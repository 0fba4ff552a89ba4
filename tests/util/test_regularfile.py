"""Reading a file whole, with os.read: every byte, whatever fstat said, and only regular files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clientbook.util.regularfile import NotRegular, _read_all, read_regular, regular_file_bytes


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 65535, 65536, 65537, 300_001])
def test_every_byte(tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    assert regular_file_bytes(path) == data
    assert read_regular(path, size) == data


@pytest.mark.parametrize("hint", [0, 1, 100, 70_000])
def test_a_file_longer_than_its_size_said_is_read_to_the_end(tmp_path: Path, hint: int) -> None:
    data = os.urandom(150_000)
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert _read_all(fd, hint) == data
    finally:
        os.close(fd)


def test_only_regular_files(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert regular_file_bytes(fifo) is None
    with pytest.raises(NotRegular, match="not a regular file"):
        read_regular(fifo, 100)
    link = tmp_path / "link"
    (tmp_path / "target").write_bytes(b"x")
    link.symlink_to(tmp_path / "target")
    assert regular_file_bytes(link) == b"x"  # through a link, as its docstring says
    with pytest.raises(NotRegular, match="symbolic link"):
        read_regular(link, 100)
    with pytest.raises(NotRegular, match="over the limit"):
        read_regular(tmp_path / "target", 0)
