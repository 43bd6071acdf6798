"""Which file in a client folder holds which dataset, and which paths a client may name.

Nothing outside a client's folder may reach its reports: every path from client.yml, and every file
reached through a link, must resolve inside the folder. A dataset is found by its name (any case)
or named under ``files:`` in client.yml; two candidates for one dataset are an error, never a silent
choice.
"""
from __future__ import annotations

from pathlib import Path

from cxlib.data.problems import Problem
from cxlib.data.read import TABLE_SUFFIXES
from cxlib.data.schemas import DATASETS
from cxlib.data.transform import closest

# Signatures of the image formats a report can embed as a logo.
_IMAGE_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF87a": "GIF", b"GIF89a": "GIF"}
_OLD_EXCEL = (".xls", ".xlsm", ".ods", ".numbers")


def inside(folder: Path, relative: str) -> Path | None:
    """``folder / relative`` when it resolves (links followed) inside ``folder``, else None."""
    base = folder.resolve()
    target = (folder / relative).resolve()
    return target if target == base or base in target.parents else None


def image_kind(path: Path) -> str | None:
    """PNG, JPEG or GIF, read from the file's first bytes; None for anything else."""
    with path.open("rb") as fh:
        head = fh.read(8)
    return next((kind for magic, kind in _IMAGE_MAGIC.items() if head.startswith(magic)), None)


def checked_logo(folder: Path, logo: str | None) -> tuple[Path | None, list[Problem]]:
    """The logo file named in client.yml, once it is known to be an image inside the client folder."""
    if not logo:
        return None, []
    path = inside(folder, logo)
    if path is None:
        return None, [Problem("client.yml", f"key brand.logo: {logo!r} is outside the client folder; "
                                            "put the logo in the folder and name it there")]
    if not path.is_file():
        return None, [Problem("client.yml", f"key brand.logo: {logo!r} is not a file in the client folder")]
    if image_kind(path) is None:
        return None, [Problem("client.yml", f"key brand.logo: {logo!r} is not a PNG, JPEG or GIF image")]
    return path, []


def locate_datasets(folder: Path, declared: dict[str, str]) -> tuple[dict[str, Path], list[Problem]]:
    """The file of each dataset present in a client folder.

    Parameters
    ----------
    folder : the client's folder.
    declared : ``files:`` from client.yml, dataset -> file name inside the folder.

    Returns
    -------
    Dataset -> file, and the problems: ambiguous, unusable or outside files, unknown tables.
    """
    problems: list[Problem] = []
    found: dict[str, Path] = {}
    used: set[str] = set()
    for dataset, name in declared.items():
        if dataset not in DATASETS:
            options = closest(dataset, DATASETS) or f" ({', '.join(DATASETS)})"
            problems.append(Problem("client.yml", f"key files.{dataset}: not a dataset of the contract{options}"))
            continue
        path = inside(folder, name)
        if path is None:
            problems.append(Problem("client.yml", f"key files.{dataset}: {name!r} is outside the client folder"))
        elif not path.is_file():
            problems.append(Problem("client.yml", f"key files.{dataset}: {name!r} is not a file in the client folder"))
        elif path.suffix.lower() not in TABLE_SUFFIXES:
            problems.append(Problem("client.yml", f"key files.{dataset}: {name!r} is not a CSV, TSV or XLSX file"))
        else:
            found[dataset] = folder / name
            used.add((folder / name).name)
    candidates: dict[str, list[Path]] = {}
    for entry in sorted(folder.iterdir()):
        name, stem, suffix = entry.name, entry.stem.lower(), entry.suffix.lower()
        if name.startswith(".") or name in used or (suffix not in TABLE_SUFFIXES + _OLD_EXCEL):
            continue
        if entry.is_dir():
            problems.append(Problem(name, "is a folder, not a data file"))
            continue
        if inside(folder, name) is None:
            problems.append(Problem(name, "is a link to a file outside the client folder; copy the file in"))
            continue
        if not entry.exists():
            problems.append(Problem(name, "is a link to a file that does not exist; copy the file in"))
            continue
        if suffix in _OLD_EXCEL:
            problems.append(Problem(name, f"is a {suffix} file; save it as .xlsx or CSV UTF-8"))
            continue
        if stem in DATASETS and stem not in found:
            candidates.setdefault(stem, []).append(entry)
        elif stem in DATASETS:
            problems.append(Problem(name, f"is not read: files.{stem} in client.yml names "
                                          f"{found[stem].name} for the {stem} dataset", severity="warning"))
        else:
            problems.append(Problem(name, "is not a dataset of the contract and not named under files: in "
                                          "client.yml, so it is not read (`cx map` tells what it holds)",
                                    severity="warning"))
    for dataset, paths in candidates.items():
        if len(paths) > 1:
            names = ", ".join(p.name for p in paths)
            problems.append(Problem(paths[0].name, f"the {dataset} dataset has {len(paths)} files ({names}); "
                                                   f"keep one, or name it under files: in client.yml"))
            continue
        path = paths[0]
        if path.name != path.name.lower():
            problems.append(Problem(path.name, f"is read as the {dataset} dataset", severity="warning"))
        found[dataset] = path
    return found, problems
