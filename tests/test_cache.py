"""The cache of validated files: never stale, never an error, and a warm run parses nothing unchanged."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPOSITORY, RunCli, same_size_and_time, write

import audit
from audit import load, paths

AS_OF = "2021-06-01"
RESPONSE = "body: north-police\nreport: r\nreceived: 2021-02-01\npublished: true\nrecommendations:\n  \"1\": {status: not-addressed}\n"
SAME_SIZE = "body: north-police\nreport: r\nreceived: 2021-02-01\npublished: true\nrecommendations:\n  \"1\": {status: addressed    }\n"
UNADDRESSED = "error recommendation-unaddressed data/responses/r/north-police.yaml:6 north-police 1"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The data files read (not taken from the cache) by each run, in the order read."""
    read: list[str] = []
    real = load.read_text

    def reading(path: Path, shown: str) -> Any:
        read.append(shown)
        return real(path, shown)

    monkeypatch.setattr(load, "read_text", reading)
    return read


def _check(run_cli: RunCli, root: Path, *more: str) -> list[str]:
    """The findings of recommendation-unaddressed and response-missing, one line each."""
    rules = "recommendation-unaddressed,response-missing"
    result = run_cli("check", "--as-of", AS_OF, "--format", "json", "--select", rules, *more, cwd=root)
    assert (result.exit_code in (0, 1), result.stderr) == (True, ""), result.output
    findings = json.loads(result.stdout)["findings"]
    return [f"{f['severity']} {f['rule']} {f['path']}:{f['line']} {f['body']} {f['recommendation']}" for f in findings]


def _data_reads(read: list[str]) -> list[str]:
    return sorted(shown for shown in read if shown.startswith("data/"))


def _filled(run_cli: RunCli, root: Path) -> list[str]:
    """``_check`` twice: the first run marks the workspace seen, the second fills the cache."""
    _check(run_cli, root)
    return _check(run_cli, root)


def test_the_first_run_marks_the_workspace_seen_the_second_fills_the_cache_the_third_reads_nothing(
    small: Path, run_cli: RunCli, reads: list[str], cache_folder: Path
) -> None:
    write(small, "data/responses/r/north-police.yaml", RESPONSE)
    every_file = ["data/bodies.yaml", "data/reports/r.yaml", "data/responses/r/north-police.yaml"]
    cold = _check(run_cli, small)
    assert _data_reads(reads) == every_file
    (cache,) = cache_folder.glob("*.pickle")
    assert pickle.loads(cache.read_bytes())[1] == {}  # seen, nothing kept
    reads.clear()
    assert _check(run_cli, small) == cold
    assert _data_reads(reads) == every_file
    assert sorted(pickle.loads(cache.read_bytes())[1]) == every_file
    reads.clear()
    assert _check(run_cli, small) == cold
    assert _data_reads(reads) == []
    assert UNADDRESSED in cold


def test_a_change_of_the_same_size_and_time_is_read(small: Path, run_cli: RunCli, reads: list[str]) -> None:
    path = write(small, "data/responses/r/north-police.yaml", RESPONSE)
    assert UNADDRESSED in _filled(run_cli, small)
    same_size_and_time(path, SAME_SIZE)
    reads.clear()
    assert UNADDRESSED not in _check(run_cli, small)
    assert _data_reads(reads) == ["data/responses/r/north-police.yaml"]


def test_a_file_replaced_by_rename_is_read(small: Path, run_cli: RunCli, reads: list[str]) -> None:
    path = write(small, "data/responses/r/north-police.yaml", RESPONSE)
    assert UNADDRESSED in _filled(run_cli, small)
    replacement = write(small, "data/responses/r/.north-police.yaml.new", SAME_SIZE)
    before = path.stat()
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, path)
    reads.clear()
    assert UNADDRESSED not in _check(run_cli, small)
    assert _data_reads(reads) == ["data/responses/r/north-police.yaml"]


def test_a_deleted_file_is_missed_and_a_new_file_is_read(small: Path, run_cli: RunCli, reads: list[str]) -> None:
    path = write(small, "data/responses/r/north-police.yaml", RESPONSE)
    missing = "error response-missing data/responses/r/north-police.yaml:None north-police None"
    assert missing not in _filled(run_cli, small)
    path.unlink()
    assert missing in _check(run_cli, small)
    write(small, "data/responses/r/north-pcc.yaml", RESPONSE.replace("north-police", "north-pcc").replace('"1"', '"2"'))
    reads.clear()
    found = _check(run_cli, small)
    assert "error recommendation-unaddressed data/responses/r/north-pcc.yaml:6 north-pcc 2" in found
    assert missing in found
    assert _data_reads(reads) == ["data/responses/r/north-pcc.yaml"]


def test_another_version_of_the_tool_reads_every_file(
    small: Path, run_cli: RunCli, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(small, "data/responses/r/north-police.yaml", RESPONSE)
    cold = _filled(run_cli, small)
    monkeypatch.setattr(audit, "__version__", audit.__version__ + ".1")
    reads.clear()
    assert _check(run_cli, small) == cold
    assert _data_reads(reads) == ["data/bodies.yaml", "data/reports/r.yaml", "data/responses/r/north-police.yaml"]


def test_a_problem_across_files_is_found_in_a_cached_file_at_its_line_and_column(
    small: Path, run_cli: RunCli, reads: list[str]
) -> None:
    joint = RESPONSE.replace("report: r\n", "report: r\njoint_with: [nobody]\n")
    write(small, "data/responses/r/north-police.yaml", joint.replace('  "1"', '  "1": {status: addressed}\n  "9"'))
    run_cli("check", "--as-of", AS_OF, cwd=small)  # marks the workspace seen
    first = run_cli("check", "--as-of", AS_OF, cwd=small)
    reads.clear()
    again = run_cli("check", "--as-of", AS_OF, cwd=small)
    assert _data_reads(reads) == []  # the file itself is valid: its record came from the cache
    assert again.exit_code == first.exit_code == 2
    assert again.stderr == first.stderr == (
        "audit: data/responses/r/north-police.yaml:3:1: unknown body 'nobody'\n"
        "audit: data/responses/r/north-police.yaml:8:3: report 'r' has no recommendation '9' (it has 1, 2, 3)\n"
    )


def test_a_file_the_tool_does_not_read_is_a_problem_on_a_warm_run_too(small: Path, run_cli: RunCli, reads: list[str]) -> None:
    write(small, "data/responses/r/north-police.yaml", RESPONSE)
    assert UNADDRESSED in _filled(run_cli, small)
    write(small, "data/responses/r/north-pcc.yml", RESPONSE.replace("north-police", "north-pcc"))
    for _ in range(2):
        reads.clear()
        result = run_cli("check", "--as-of", AS_OF, cwd=small)
        assert _data_reads(reads) == []  # every data file from the cache; the listing is looked at all the same
        assert (result.exit_code, result.stderr) == (
            2,
            "audit: data/responses/r/north-pcc.yml: not read: data files end in .yaml (rename it north-pcc.yaml)\n",
        )


def test_a_file_with_a_problem_is_never_cached(small: Path, run_cli: RunCli, reads: list[str]) -> None:
    write(small, "data/responses/r/north-police.yaml", RESPONSE.replace("published: true", "published: maybe"))
    for _ in range(2):
        reads.clear()
        result = run_cli("check", "--as-of", AS_OF, cwd=small)
        assert result.stderr == "audit: data/responses/r/north-police.yaml:4:12: expected true or false, found text\n"
        assert "data/responses/r/north-police.yaml" in reads


def _the_cache(folder: Path) -> Path:
    (found,) = folder.glob("*.pickle")
    return found


class _Planted:
    """What a hostile cache file would hold: unpickling it would make a folder."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self) -> Any:
        return (os.mkdir, (str(self.marker),))


def _with_record(good: bytes, shown: str, packed: bytes) -> bytes:
    """The cache ``good``, one file's packed record replaced by ``packed``."""
    header, entries = pickle.loads(good)
    entries[shown] = (entries[shown][0], packed)
    return pickle.dumps((header, entries))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other-shape", "foreign-class", "damaged-record", "foreign-record"])
def test_a_damaged_cache_is_ignored_and_rebuilt(
    damage: str, small: Path, run_cli: RunCli, reads: list[str], cache_folder: Path, tmp_path: Path
) -> None:
    write(small, "data/responses/r/north-police.yaml", RESPONSE)
    cold = _filled(run_cli, small)
    path = _the_cache(cache_folder)
    good = path.read_bytes()
    marker = tmp_path / "planted"
    path.write_bytes({
        "garbage": b"\x80\x05not a pickle at all",
        "truncated": good[: len(good) // 2],
        "empty": b"",
        "other-shape": pickle.dumps(["a", "list"]),
        "foreign-class": pickle.dumps(((str(small), ("x",)), {"data/bodies.yaml": _Planted(marker)})),
        "damaged-record": _with_record(good, "data/responses/r/north-police.yaml", b"\x80\x05garbage"),
        "foreign-record": _with_record(good, "data/responses/r/north-police.yaml", pickle.dumps(_Planted(marker))),
    }[damage])
    reads.clear()
    assert _check(run_cli, small) == cold
    assert not marker.exists()
    assert "data/responses/r/north-police.yaml" in reads
    reads.clear()
    _check(run_cli, small)
    assert _data_reads(reads) == []  # rebuilt: the next run reads nothing


def test_no_cache_reads_every_file_and_writes_no_cache(small: Path, run_cli: RunCli, reads: list[str], cache_folder: Path) -> None:
    write(small, "data/responses/r/north-police.yaml", RESPONSE)
    for _ in range(2):
        reads.clear()
        _check(run_cli, small, "--no-cache")
        assert _data_reads(reads) == ["data/bodies.yaml", "data/reports/r.yaml", "data/responses/r/north-police.yaml"]
    assert list(cache_folder.iterdir()) == []


def test_an_unwritable_cache_folder_is_not_an_error(small: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = write(tmp_path, "a-file", "not a folder")
    monkeypatch.setenv(paths.CACHE_ENV, str(blocker / "cache"))
    write(small, "data/responses/r/north-police.yaml", RESPONSE)
    result = run_cli("check", "--as-of", AS_OF, cwd=small)
    assert (result.exit_code, result.stderr) == (1, "")


def test_concurrent_runs_share_one_cache_safely(small: Path, cache_folder: Path) -> None:
    write(small, "data/responses/r/north-police.yaml", RESPONSE)
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY), paths.CACHE_ENV: str(cache_folder), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "audit", "check", "--as-of", AS_OF, "--format", "json", "--workspace", str(small)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(4)]
    outputs = {(run.wait(), *run.communicate()) for run in runs}
    assert len(outputs) == 1
    ((code, _, stderr),) = outputs
    assert (code, stderr) == (1, b"")
    # One cache, no temporary left behind (and a record of the output, if the workspace was old enough to record).
    assert [p.suffix for p in cache_folder.iterdir() if p.suffix != ".replay"] == [".pickle"]
    warm = subprocess.run(command, capture_output=True, env=env, check=False)
    assert (warm.returncode, warm.stdout) == (code, next(iter(outputs))[1])


def test_the_cache_lives_in_the_user_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(paths.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert paths.cache_folder() == tmp_path / "xdg" / "audit"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert paths.cache_folder() == tmp_path / "home" / ".cache" / "audit"
