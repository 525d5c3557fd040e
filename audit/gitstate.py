"""Past states of a workspace, read from git: which revision, its files in a folder of their own, its log.

Everything goes through the ``git`` on PATH in a subprocess, not a library: it adds no
dependency, it honours the user's own configuration and object store (alternates, partial
clones, replacement refs), and a shallow clone is read on its own terms, with git itself
saying what it holds. Only plumbing that reads is used (``rev-parse``, ``ls-tree``,
``cat-file``, ``log``): the user's working tree and index are never touched.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from audit.errors import AuditError
from audit.paths import BODIES_FILE, DATA_DIR, RULES_DIR

WORKSPACE_FOLDERS = (DATA_DIR, RULES_DIR)
"""What of a workspace a past state needs: its data and its rule set."""

_QUIET = {
    # Reading never refreshes the index behind the user's back, and never stops to ask for a
    # password (a partial clone may fetch a missing object).
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_TERMINAL_PROMPT": "0",
}


class GitError(AuditError):
    """The history could not be read: no git, no repository, no such revision, too shallow a clone."""


class NoWorkspace(GitError):
    """The revision holds no workspace where the working tree has one (it predates it, or it moved)."""


@dataclass(frozen=True)
class Repository:
    """The git repository a workspace lies in, and where in it."""

    top: Path
    prefix: str
    """The workspace folder relative to ``top``, with a trailing ``/``, or "" at the top."""
    shallow: bool


@dataclass(frozen=True)
class Revision:
    """A revision as the user named it, and the commit it stood for."""

    name: str
    commit: str

    @property
    def short(self) -> str:
        return self.commit[:12]


@dataclass(frozen=True)
class Commit:
    """One commit of a log: what a person reads of it."""

    commit: str
    date: str
    """The author date, YYYY-MM-DD."""
    subject: str


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, env={**os.environ, **_QUIET}, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (no git on PATH): reading past revisions needs it") from None
    except OSError as err:
        raise GitError(f"cannot run git: {err.strerror or err}") from None


def _first_line(output: bytes) -> str:
    lines = output.decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else "no message"


def repository(root: Path) -> Repository:
    """The repository holding the workspace folder ``root``; a ``GitError`` where there is none."""
    done = _git(root, "rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository")
    if done.returncode != 0:
        if b"not a git repository" in done.stderr:
            raise GitError(f"{root} is not in a git repository, so it has no past revisions to read")
        raise GitError(f"git cannot read the repository at {root}: {_first_line(done.stderr)}")
    top, prefix, shallow = done.stdout.decode("utf-8").split("\n")[:3]
    return Repository(Path(top), prefix, shallow == "true")


def resolve(repo: Repository, name: str) -> Revision:
    """The commit ``name`` stands for; a ``GitError`` saying why where it stands for none."""
    if name.startswith("-"):
        raise GitError(f"{name!r} is not a revision")
    done = _git(repo.top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}")
    if done.returncode == 0:
        return Revision(name, done.stdout.decode("ascii").strip())
    if repo.shallow:
        raise GitError(
            f"revision {name!r} is not in this shallow clone: fetch more history "
            "(git fetch --unshallow, or fetch-depth: 0 with actions/checkout)"
        )
    raise GitError(f"no revision {name!r} in the git repository at {repo.top}")


@contextmanager
def exported(repo: Repository, revision: Revision) -> Iterator[Path]:
    """The workspace as it was at ``revision``, written to a temporary folder that is removed afterwards.

    ``ls-tree`` names the files and one ``cat-file --batch`` streams them all, so a revision
    costs two processes however many files it holds.
    """
    entries = _files(repo, revision)
    if BODIES_FILE not in {path for path, _, _ in entries}:
        where = repo.prefix or "the top of the repository"
        raise NoWorkspace(f"revision {revision.name!r} has no workspace in {where} (no {BODIES_FILE} there)")
    contents = _contents(repo, [oid for _, _, oid in entries])
    with tempfile.TemporaryDirectory(prefix="audit-revision-") as folder:
        root = Path(folder)
        for path, mode, oid in entries:
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if mode == "120000":
                # A link stays a link, so the loader refuses one leading out as it would in the working tree.
                target.symlink_to(contents[oid].decode("utf-8", "surrogateescape"))
            else:
                target.write_bytes(contents[oid])
        yield root


def _files(repo: Repository, revision: Revision) -> list[tuple[str, str, str]]:
    """(path within the workspace, mode, object id) of every file of the workspace's folders."""
    paths = [repo.prefix + folder for folder in WORKSPACE_FOLDERS]
    done = _git(repo.top, "ls-tree", "-r", "-z", "--full-tree", revision.commit, "--", *paths)
    if done.returncode != 0:
        raise GitError(f"git cannot list the files of {revision.name!r}: {_first_line(done.stderr)}")
    entries = []
    for record in done.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, kind, oid = meta.decode("ascii").split(" ")
        if kind == "blob":  # a submodule's commit has no content here
            entries.append((path.decode("utf-8", "surrogateescape")[len(repo.prefix) :], mode, oid))
    return entries


def _contents(repo: Repository, oids: Sequence[str]) -> dict[str, bytes]:
    """Each object's bytes, from one ``git cat-file --batch``."""
    if not oids:
        return {}
    done = _git(repo.top, "cat-file", "--batch", stdin="".join(f"{oid}\n" for oid in oids).encode("ascii"))
    if done.returncode != 0:
        raise GitError(f"git cannot read the files' contents: {_first_line(done.stderr)}")
    out, at, contents = done.stdout, 0, {}
    for oid in oids:
        end = out.index(b"\n", at)
        header = out[at:end].decode("ascii").split(" ")
        if header[1] == "missing":
            raise GitError(f"object {oid} is missing from the repository (a shallow or partial clone?)")
        size = int(header[2])
        contents[oid] = out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1
    return contents


def log(repo: Repository, folders: Sequence[str] = (DATA_DIR,)) -> list[Commit]:
    """The commits of the current branch that changed the workspace's ``folders``, oldest first."""
    paths = [repo.prefix + folder for folder in folders]
    # The first-parent line is the branch's own story (a merged pull request is one step), so
    # each commit can be read against the one before it.
    done = _git(repo.top, "log", "--first-parent", "--reverse", "-z", "--format=%H%x1f%as%x1f%s", "--", *paths)
    if done.returncode != 0:
        if b"does not have any commits" in done.stderr:
            return []
        raise GitError(f"git cannot read the log: {_first_line(done.stderr)}")
    commits = []
    for record in done.stdout.decode("utf-8", "replace").split("\0"):
        if not record:
            continue
        commit, day, subject = record.split("\x1f", 2)
        commits.append(Commit(commit, day, subject))
    return commits
