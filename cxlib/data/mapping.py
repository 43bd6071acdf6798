"""``cx map``: which dataset a file holds, and a proposed column map with the evidence for each line.

For every contract column the best source is chosen by its name, its question text and its values
(0-10 whole numbers, a word scale, dates, yes/no), and the rule it needs is proposed: a recode for
word answers, a rescale for another numeric range, bands for ages, a date format. Nothing is guessed
silently: a column with no candidate, or two candidates as good as each other, is listed with the
reason and left for the consultant.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from cxlib.config import ColumnRule
from cxlib.data.read import RawTable
from cxlib.data.scales import match_word_scale, numbered_labels, yes_no
from cxlib.data.schemas import AGE_BANDS, CONTRACT, ColumnSpec
from cxlib.data.types import parse_column, suggest_date_format

# Names (normalised to lower_snake) and question texts that point at a contract column.
_NAME_HINTS: dict[str, tuple[str, ...]] = {
    "response_id": (r"response_?id", r"respondent_?id", r"responseid", r"^id$"),
    "customer_id": (r"customer_?id", r"customerid", r"external_?(data_?)?reference", r"account_?(id|number|no)",
                    r"member_?id", r"client_?id", r"passenger_?id", r"user_?id"),
    "responded_at": (r"recorded_?date", r"end_?date", r"submitted", r"completed_?at", r"response_?date",
                     r"^date$", r"^timestamp$"),
    "channel": (r"^channel$", r"contact_?channel", r"touchpoint_?channel"),
    "segment": (r"segment", r"tier", r"cabin", r"^class$", r"travel_?class", r"customer_?type", r"membership",
                r"^plan$"),
    "age_band": (r"^age", r"age_?(band|group|range)", r"(^|_)alter($|_)", r"(^|_)edad($|_)"),
    "nps": (r"^nps", r"ltr", r"likel\w*_?to_?recommend", r"recommend"),
    "csat": (r"csat", r"satisf"),
    "ces": (r"^ces", r"effort", r"ease"),
    "comment": (r"comment", r"verbatim", r"feedback", r"open_?end"),
    "also_considered": (r"consider", r"competitor"),
    "agent_id": (r"agent", r"advisor", r"rep_?id"),
    "location_id": (r"location_?id", r"(^|_)(location|store|branch|airport|site|outlet)($|_)"),
    "brand": (r"brand", r"company", r"mentioned"),
    "platform": (r"platform", r"(^|_)(network|source|site|channel)$"),
    "posted_at": (r"posted", r"created", r"^date$", r"timestamp", r"published"),
    "text": (r"^text$", r"content", r"message", r"post", r"review", r"body", r"tweet"),
    "responded": (r"responded", r"replied", r"answered"),
    "rating": (r"rating", r"stars?", r"score"),
}
# A few stems in other languages, since a survey's question texts follow the survey's language.
_LABEL_HINTS: dict[str, tuple[str, ...]] = {
    "nps": (r"recommend", r"recommand", r"empfehl", r"recomend", r"raccomand", r"aanbevel"),
    "csat": (r"satisf", r"zufrieden", r"tevreden", r"soddisf"),
    "ces": (r"\beas(y|ier|e)\b", r"effort", r"hassle", r"facil", r"einfach", r"makkelijk"),
    "comment": (r"\bwhy\b", r"comment", r"tell us", r"anything else", r"reason", r"feedback", r"suggest",
                r"raison", r"pourquoi", r"warum", r"grund", r"kommentar", r"motivo", r"por qu"),
    "also_considered": (r"consider", r"other (brands|providers|airlines|companies|banks|operators)", r"envisag",
                        r"in betracht", r"consideró"),
    "age_band": (r"\bage\b", r"how old", r"\bâge\b", r"\balter\b", r"\bedad\b"),
}
# Columns a survey tool writes that look like contract columns but are not (the survey's own channel).
_NEVER = {"channel": (r"distribution_?channel",), "segment": (r"^collector",)}
_MIN_FIT = 0.98  # share of a column's answers a rule must read for it to be proposed


@dataclass(frozen=True)
class Proposal:
    """One proposed line of the column map, with the evidence behind it."""

    column: str
    rule: ColumnRule
    evidence: str
    score: float


@dataclass(frozen=True)
class FileMap:
    """What ``cx map`` says about one file."""

    file: str
    dataset: str | None
    why: str
    vendor: str | None
    rows: int
    proposals: tuple[Proposal, ...] = ()
    unmapped: tuple[tuple[str, str], ...] = ()
    unused: tuple[str, ...] = field(default_factory=tuple)
    period: tuple[str, str] | None = None

    def rules(self) -> dict[str, ColumnRule]:
        return {p.column: p.rule for p in self.proposals}


def normalise(name: str) -> str:
    """``Recorded Date`` -> ``recorded_date``: column names compared without case or punctuation."""
    return re.sub(r"[^0-9a-z]+", "_", str(name).casefold()).strip("_")


def _hits(patterns: tuple[str, ...], text: str) -> bool:
    return any(re.search(p, text) for p in patterns)


def recognise_dataset(raw: RawTable, file: str) -> tuple[str | None, str]:
    """The contract dataset a file holds, by its name, its tool and its columns; None when unclear."""
    stem = normalise(file.rsplit(".", 1)[0])
    named = [d for d in CONTRACT if d == stem]
    if named:
        return named[0], f"the file is named {file}"
    names = {normalise(c) for c in raw.frame.columns}
    scores = {}
    for dataset, specs in CONTRACT.items():
        required = [s for s in specs if not s.optional and not s.pattern]
        found = sum(1 for s in required if s.name in names
                    or any(_hits(_NAME_HINTS.get(s.name, ()), n) for n in names))
        scores[dataset] = found / max(len(required), 1)
    if raw.export.vendor and "employee" not in stem and "staff" not in stem:
        return "survey", f"a {raw.export.vendor} export of customer answers"
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= 0.6 and top > second:
        return best, f"{top:.0%} of the {best} contract's required columns have a likely source"
    return None, "its columns do not clearly match one dataset; name it under files: in client.yml"


def _present(values: pd.Series) -> pd.Series:
    return values.dropna().astype(str).str.strip().loc[lambda s: s != ""]


def _value_rule(spec: ColumnSpec, column: str, values: pd.Series) -> tuple[ColumnRule | None, str]:
    """The rule that makes a column's values fit a contract column, and the evidence (or why not)."""
    answers = _present(values)
    if answers.empty:
        return None, "blank in every row"
    distinct = answers.unique()
    numbers = pd.to_numeric(answers, errors="coerce")
    numeric = numbers.notna().mean() >= _MIN_FIT
    if spec.kind in ("int", "float"):
        if numeric:
            low, high = numbers.min(), numbers.max()
            whole = bool((numbers.dropna() == numbers.dropna().round()).all())
            span = f"{low:g}-{high:g}"
            if spec.kind == "int" and not whole:
                return None, f"values {span} are not whole numbers"
            if spec.low is not None and spec.high is not None and (low < spec.low or high > spec.high):
                if spec.kind == "int" and low >= 0 and high <= 10 and (spec.low, spec.high) != (0, 10):
                    return ColumnRule(source=column, rescale=(0, 10)), \
                        f"values {span} on a 0-10 scale, rescaled to {spec.low:g}-{spec.high:g}"
                return None, f"values {span} do not fit {spec.low:g}-{spec.high:g}"
            return ColumnRule(source=column), f"values {span}" + (" whole numbers" if whole else "")
        labels = numbered_labels(distinct)
        if labels:
            return ColumnRule(source=column, recode=labels), "answers carry their number"
        scale, why = match_word_scale(distinct)
        if scale is None:
            return None, why
        rule = ColumnRule(source=column, recode=scale.codes)
        if spec.low is not None and (spec.low, spec.high) != (scale.low, scale.high):
            rule = ColumnRule(source=column, recode=scale.codes, rescale=(scale.low, scale.high))
            return rule, f"{why}, rescaled from 1-{scale.points} to {spec.low:g}-{spec.high:g}"
        return rule, why
    if spec.kind in ("date", "datetime"):
        fmt, why = suggest_date_format(answers)
        if fmt:
            return ColumnRule(source=column, format=fmt), f"dates; {fmt} {why}"
        if why == "already ISO 8601":
            return ColumnRule(source=column), "ISO 8601 dates"
        return None, why
    if spec.kind == "bool":
        recode = yes_no(distinct)
        if recode is None:
            return None, "answers are not yes/no"
        return ColumnRule(source=column, recode=recode or None), "yes/no answers"
    if spec.name == "age_band":
        return _age_rule(column, answers, numbers, numeric)
    if spec.allowed:
        if set(distinct) <= set(spec.allowed):
            return ColumnRule(source=column), "values are the contract's"
        return None, f"values such as {distinct[0]!r} are not {', '.join(spec.allowed[:3])}..."
    if spec.name == "comment":
        length = answers.str.len().mean()
        if length < 12:
            return None, f"answers are short ({length:.0f} characters on average) for comments"
        return ColumnRule(source=column), f"free text, {length:.0f} characters on average"
    if spec.name == "also_considered" and answers.str.contains(",").any() and not answers.str.contains(";").any():
        return ColumnRule(source=column, separator=","), "several answers per cell, separated by commas"
    return ColumnRule(source=column), f"{answers.nunique():,} distinct values"


def _age_rule(column: str, answers: pd.Series, numbers: pd.Series, numeric: bool
              ) -> tuple[ColumnRule | None, str]:
    if numeric:
        bands = {}
        for band in AGE_BANDS:
            low, _, high = band.partition("-")
            bands[band] = (float(low.rstrip("+")), float(high) if high else None)
        return ColumnRule(source=column, bands=bands), \
            f"ages {numbers.min():g}-{numbers.max():g} in years, cut into the contract's bands"
    recode = {}
    for value in answers.unique():
        found = [int(n) for n in re.findall(r"\d+", value)]
        band = next((b for b in AGE_BANDS if found and b.startswith(str(found[0]))), None)
        if band is None:
            return None, f"{value!r} does not start like one of the contract's age bands"
        if value != band:
            recode[value] = band
    return ColumnRule(source=column, recode=recode or None), "age bands"


def propose(raw: RawTable, file: str, dataset: str | None = None) -> FileMap:
    """The proposed column map of one file.

    Parameters
    ----------
    raw : the file read as text (:func:`cxlib.data.read.read_table`).
    file : its name.
    dataset : the dataset it holds, when already known; recognised otherwise.
    """
    why = "named under files: in client.yml"
    if dataset is None:
        dataset, why = recognise_dataset(raw, file)
    rows = len(raw.frame)
    if dataset is None:
        return FileMap(file, None, why, raw.export.vendor, rows)
    labels = raw.export.labels
    candidates: dict[str, list[tuple[float, str, ColumnRule, str]]] = {}
    rejected: dict[str, list[str]] = {}
    for spec in CONTRACT[dataset]:
        if spec.pattern:
            continue
        for column in raw.frame.columns:
            score, evidence = _name_score(spec.name, column, labels.get(column, ""))
            if score == 0:
                continue
            rule, reason = _value_rule(spec, column, raw.frame[column])
            if rule is None:
                rejected.setdefault(spec.name, []).append(f'"{column}": {reason}')
                continue
            candidates.setdefault(spec.name, []).append(
                (score, column, rule, f"{evidence}; {reason}", set(_present(raw.frame[column]).unique())))
    _merge_options(candidates, labels)
    proposals, unmapped, used = _assign(dataset, candidates, rejected)
    proposals += _rating_family(dataset, raw, used, labels)
    used |= {s for p in proposals for s in p.rule.sources}
    unused = tuple(c for c in raw.frame.columns if c not in used)
    return FileMap(file, dataset, why, raw.export.vendor, rows, tuple(proposals), tuple(unmapped), unused,
                   _period(raw, dataset, proposals))


def _period(raw: RawTable, dataset: str, proposals: list[Proposal]) -> tuple[str, str] | None:
    """First and last day of a survey's answers, read with the proposed rule: the engagement period."""
    rule = next((p.rule for p in proposals if p.column == "responded_at"), None)
    if dataset != "survey" or rule is None or rule.source is None:
        return None
    spec = next(s for s in CONTRACT["survey"] if s.name == "responded_at")
    when = parse_column(raw.frame[rule.source], spec, rule.format).values.dropna()
    if when.empty:
        return None
    return when.min().date().isoformat(), when.max().date().isoformat()


def _merge_options(candidates: dict, labels: dict[str, str]) -> None:
    """One list source for a multi-answer question written one column per option (SurveyMonkey).

    The columns must share the question text before " - " and hold the option's own words (not 1s);
    the question's "Other (please specify)" column joins them, since it holds the names people typed.
    """
    options = candidates.get("also_considered", [])
    by_question: dict[str, list[str]] = {}
    for _, column, _, _, values in options:
        question, _, choice = labels.get(column, column).rpartition(" - ")
        if question and choice and (values <= {choice} or choice.casefold().startswith("other")):
            by_question.setdefault(question, []).append(column)
    for question, columns in by_question.items():
        if len(columns) < 2:
            continue
        score = max(o[0] for o in options if o[1] in columns)
        evidence = f'question "{_short(question)}", one column per option ({len(columns)} options)'
        merged = (score, columns[0], ColumnRule(source=columns), evidence, set())
        candidates["also_considered"] = [o for o in options if o[1] not in columns] + [merged]
        return


def _name_score(contract: str, column: str, label: str) -> tuple[float, str]:
    name = normalise(column)
    text = label.casefold()
    if _hits(_NEVER.get(contract, ()), name) or (name.endswith("_text") and contract != "comment"):
        # Qualtrics "Q5_7_TEXT": the typed "Other" of a choice question, never the question itself
        return 0.0, ""
    if name == contract:
        return 1.0, f'column "{column}" has the contract\'s name'
    # earlier hints are stronger (RecordedDate before EndDate), so two sources rarely tie
    for rank, pattern in enumerate(_NAME_HINTS.get(contract, ())):
        if re.search(pattern, name):
            return 0.8 - 0.01 * rank, f'column name "{column}"'
    if text and _hits(_LABEL_HINTS.get(contract, ()), text):
        return 0.7, f'question "{_short(label)}"'
    return 0.0, ""


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _assign(dataset: str, candidates: dict, rejected: dict) -> tuple[list[Proposal], list[tuple[str, str]], set]:
    """Best source per contract column, each source used once; ties and misses are reported."""
    proposals, unmapped, used = [], [], set()
    order = sorted(candidates, key=lambda c: -max(s for s, *_ in candidates[c]))
    for column in order:
        options = sorted((o[:4] for o in candidates[column] if o[1] not in used), key=lambda o: -o[0])
        if not options:
            unmapped.append((column, "its likely sources are taken by other columns"))
            continue
        if len(options) > 1 and options[0][0] == options[1][0]:
            tied = " and ".join(f'"{o[1]}"' for o in options[:2])
            unmapped.append((column, f"{tied} fit equally; choose one in client.yml"))
            continue
        score, source, rule, evidence = options[0]
        proposals.append(Proposal(column, rule, evidence, score))
        used.add(source)
    for spec in CONTRACT[dataset]:
        if spec.pattern or spec.name in candidates:
            continue
        reasons = rejected.get(spec.name)
        need = "required" if not spec.optional else "optional"
        why = "; ".join(reasons) if reasons else "no column's name or question points to it"
        if not spec.optional and spec.kind == "text" and not reasons:
            why += f" (if every row has the same {spec.name}, write {spec.name}: {{constant: ...}})"
        unmapped.append((spec.name, f"{need}: {why}"))
    return proposals, unmapped, used


def _rating_family(dataset: str, raw: RawTable, used: set, labels: dict[str, str]) -> list[Proposal]:
    """attr_* (survey) or q_* (employees): the rating questions left over, named by their statement."""
    prefix = {"survey": "attr_", "employees": "q_"}.get(dataset)
    if prefix is None:
        return []
    spec = next(s for s in CONTRACT[dataset] if s.name == prefix)
    proposals = []
    for column in raw.frame.columns:
        if column in used or normalise(column).startswith(("status", "finished", "progress", "duration")):
            continue
        if normalise(column).startswith(prefix):
            name = normalise(column)
        else:
            label = labels.get(column, "")
            statement = label.rsplit(" - ", 1)[-1] if " - " in label else ""
            if not statement:
                continue
            name = prefix + normalise(statement)[:30].strip("_")
        rule, reason = _value_rule(spec, column, raw.frame[column])
        if rule is None or name in {p.column for p in proposals}:
            continue
        evidence = f'rating "{_short(labels.get(column, column))}"; {reason}'
        proposals.append(Proposal(name, rule, evidence, 0.6))
    return proposals
