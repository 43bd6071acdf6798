import json
import os

import pytest

from cxlib.atomic import write_bytes, write_json


def test_json_is_written_readable_by_the_team(tmp_path):
    path = write_json(tmp_path / "sub" / "m.json", {"score": 61.5})
    assert json.loads(path.read_text()) == {"score": 61.5}
    assert oct(os.stat(path).st_mode & 0o777) == "0o644"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    path = write_json(tmp_path / "m.json", {"v": 1})
    with pytest.raises(TypeError):
        write_bytes(path, "not bytes")  # fails inside the write
    assert json.loads(path.read_text()) == {"v": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["m.json"]
