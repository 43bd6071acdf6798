"""Comment sentiment with VADER (a lexicon model tuned for short, informal text).

VADER needs no training data, so it behaves the same for every client and a consultant can explain
it: each word carries a rated valence, adjusted for negation, intensifiers, capitals and "!".

Two things are done before scoring, because a lexicon reads words, not meaning:

- Names are masked. A brand called "Swift" or "Ok Mobile" would otherwise score every post that
  names it as positive; brand names given by the caller, @handles, #hashtags and web addresses
  become a neutral placeholder.
- Service-failure language is scored. VADER's general lexicon has no valence for "still waiting",
  "on hold", "no refund" or "stranded", which are the commonest complaints in customer service;
  :data:`SERVICE_FAILURE` gives them one (reviewed phrases, each with a test). Phrases become one
  token so negation still applies ("not delayed").

Limits, stated in the reports' method notes (:func:`method`): sarcasm and irony are read literally,
mixed posts average out, and the scores are for groups of posts, never a verdict on one.

A transformer model can stand in for VADER behind the same :func:`compound`: install the optional
extra (``pip install -e ".[transformer]"``) and name a local model folder (a Hugging Face sequence
classifier with "positive" and "negative" labels) in client.yml's ``sentiment_model`` or in the
``CX_SENTIMENT_MODEL`` environment variable. The model is only ever read from that folder; nothing is
downloaded. Its score is P(positive) - P(negative), on VADER's -1 to +1 scale and read with the same
cut-offs; names are masked the same way, and the service-failure phrases are left to the model.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

NEGATIVE_AT = -0.05  # VADER authors' conventional cut-offs for the compound score
POSITIVE_AT = 0.05


# Valence on VADER's scale (-4 to +4) of complaints its general lexicon leaves neutral.
SERVICE_FAILURE: dict[str, float] = {
    "still waiting": -1.8, "on hold": -1.5, "no refund": -2.0, "no response": -1.6, "no reply": -1.6,
    "nobody answered": -2.0, "no one answered": -2.0, "nobody called back": -2.0, "never arrived": -2.0,
    "never received": -1.8, "lost luggage": -2.2, "lost my bag": -2.2, "lost my luggage": -2.2,
    "stranded": -2.0, "overcharged": -2.0, "double charged": -2.0, "charged twice": -2.0, "outage": -1.8,
    "outages": -1.8, "not working": -1.8, "doesn't work": -1.8, "does not work": -1.8, "canceled": -1.0,
    "unanswered": -1.5, "rebooked": -0.8, "queue": -0.6, "queued": -0.6, "dropped calls": -1.8,
    "hung up": -1.8, "cut off": -1.2, "waste of time": -2.2, "run around": -1.8, "runaround": -1.8,
}
MASK = "someone"
_HANDLES = re.compile(r"(?:https?://|www\.)\S+|[@#][\w.]+", flags=re.IGNORECASE)


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    # Loading the lexicon takes ~0.1 s; build it once per process, on first use.
    analyzer = SentimentIntensityAnalyzer()
    analyzer.lexicon.update({_token(phrase): valence for phrase, valence in SERVICE_FAILURE.items()})
    return analyzer


def warm() -> None:
    """Read VADER's lexicon now: ``cx run`` does it once before it forks the step processes. A
    configured transformer model is not loaded here (its threads must not be started before a fork)."""
    _analyzer()


def _token(phrase: str) -> str:
    return re.sub(r"[^a-z]", "", phrase.lower()) + "x" if " " in phrase or "'" in phrase else phrase


@lru_cache(maxsize=64)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    phrases = sorted({p for p in SERVICE_FAILURE if " " in p or "'" in p}, key=len, reverse=True)
    parts = [rf"(?P<name>{'|'.join(re.escape(n) for n in sorted(names, key=len, reverse=True))})"] if names else []
    parts.append(rf"(?P<phrase>{'|'.join(re.escape(p) for p in phrases)})")
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b", flags=re.IGNORECASE)


def prepared(text: str, names: tuple[str, ...] = (), *, phrases: bool = True) -> str:
    """The text as the model scores it: names, handles and addresses masked, and for VADER
    (``phrases``) the service-failure phrases joined into one scored token."""
    text = _HANDLES.sub(MASK, text)

    def swap(match: re.Match) -> str:
        if names and match.group("name"):
            return MASK
        return _token(match.group("phrase").lower()) if phrases else match.group(0)

    return _pattern(names).sub(swap, text)


ENVIRONMENT = "CX_SENTIMENT_MODEL"


class SentimentModelError(RuntimeError):
    """The transformer model named in client.yml or the environment cannot be used; one line why."""


class TransformerModel:
    """A local Hugging Face sequence classifier, scored as P(positive) - P(negative).

    Parameters
    ----------
    path : the model folder (config, weights and tokenizer files, as ``save_pretrained`` writes them).
    batch_size : texts per forward pass.
    """

    def __init__(self, path: str | Path, batch_size: int = 32):
        self.path = Path(path)
        if not self.path.is_dir():
            raise SentimentModelError(f"sentiment model {self.path}: no such folder")
        # Never reach for the hub: the model is read from its folder or not at all.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError:
            raise SentimentModelError('a transformer sentiment model needs the optional extra: '
                                      'pip install -e ".[transformer]"') from None
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(self.path, local_files_only=True)
            self.model = AutoModelForSequenceClassification.from_pretrained(self.path, local_files_only=True)
        except (OSError, ValueError) as exc:
            raise SentimentModelError(f"sentiment model {self.path} cannot be loaded: "
                                      f"{str(exc).splitlines()[0]}") from None
        labels = {str(v).strip().lower(): int(k) for k, v in self.model.config.id2label.items()}
        positive = next((labels[k] for k in ("positive", "pos") if k in labels), None)
        negative = next((labels[k] for k in ("negative", "neg") if k in labels), None)
        if positive is None or negative is None:
            raise SentimentModelError(f"sentiment model {self.path} has labels {sorted(labels)}; it needs "
                                      "a 'positive' and a 'negative' label")
        self.positive, self.negative = positive, negative
        self.batch_size = batch_size
        self.model.eval()
        self._torch = torch

    @property
    def name(self) -> str:
        return self.path.name

    def scores(self, texts: list[str]) -> np.ndarray:
        """P(positive) - P(negative) of each text, in [-1, 1]."""
        out = []
        with self._torch.no_grad():
            for start in range(0, len(texts), self.batch_size):
                batch = self.tokenizer(texts[start:start + self.batch_size], padding=True, truncation=True,
                                       return_tensors="pt")
                probs = self._torch.softmax(self.model(**batch).logits, dim=-1).numpy()
                out.append(probs[:, self.positive] - probs[:, self.negative])
        return np.concatenate(out) if out else np.zeros(0)


@lru_cache(maxsize=4)
def _transformer(path: str) -> TransformerModel:
    return TransformerModel(path)


_configured: dict = {"model": None}


def configure(model: str | Path | None) -> None:
    """Use the transformer model in folder ``model`` for every :func:`compound` of this process
    (client.yml's ``sentiment_model``; :func:`cxlib.data.load_client` calls this), or, with None,
    the ``CX_SENTIMENT_MODEL`` environment variable if set, else VADER."""
    _configured["model"] = None if model is None else str(model)


def active_model() -> TransformerModel | None:
    """The transformer model in use, or None for VADER; loads it on first use."""
    path = _configured["model"] or os.environ.get(ENVIRONMENT) or None
    return None if path is None else _transformer(path)


def method() -> str:
    """One sentence for the method notes: how tone is read, and its limits."""
    model = active_model()
    if model is None:
        how = ("Tone is read by VADER, a word-list model for short informal text, with service-failure "
               "phrases (\"still waiting\", \"no refund\") added")
    else:
        how = f"Tone is read by the transformer model \"{model.name}\" (P(positive) minus P(negative))"
    return (f"{how}; brand names, @handles and web addresses are masked first, so no brand is praised or "
            "blamed by its own name. Sarcasm is read literally and mixed texts average out, so tone is "
            "reported for groups of texts, never as a verdict on one.")


# Scores already computed in this process, per model and set of masked names: steps 1, 2, 5 and 7
# read the same comments and replies again (a chart, a quote pick, a verdict), and VADER costs ~0.1 ms
# a text. The score of a text depends only on the text, the names masked and the model, so the memo
# never changes a result; it is emptied past _MEMO_LIMIT texts so a huge client cannot grow it unbounded.
_MEMO: dict[tuple[str | None, tuple[str, ...]], dict[str, float]] = {}
_MEMO_LIMIT = 1_000_000


def _scores_of(unique: list[str], masked: tuple[str, ...]) -> dict[str, float]:
    """The compound score of each distinct non-blank text, each scored once per process."""
    model = active_model()
    memo = _MEMO.setdefault((None if model is None else str(model.path), masked), {})
    todo = [t for t in unique if t not in memo]
    if len(memo) + len(todo) > _MEMO_LIMIT:
        memo.clear()
        todo = unique
    if todo:
        if model is None:
            analyzer = _analyzer()
            memo.update((t, analyzer.polarity_scores(prepared(t, masked))["compound"]) for t in todo)
        else:
            values = model.scores([prepared(t, masked, phrases=False) for t in todo])
            memo.update(zip(todo, values.astype(float).tolist()))
    return memo


def compound(texts: pd.Series, *, names: Iterable[str] = ()) -> pd.Series:
    """Compound tone score of each text, names masked: VADER's, with service failures scored, or the
    configured transformer model's (:func:`configure`).

    Parameters
    ----------
    texts : free-text column (object or string dtype).
    names : brand and product names to mask before scoring (the client's, the competitors').

    Returns
    -------
    pd.Series
        float in [-1, 1] on the same index; NaN for missing or blank text. Each distinct text is
        scored once per process, however many rows and calls repeat it.
    """
    masked = tuple(sorted({str(n).strip() for n in names if str(n).strip()}))
    # Comments repeat ("Great service", "N/A"): score the distinct texts and map back by code.
    codes, distinct = pd.factorize(pd.Series(texts, copy=False).to_numpy(dtype=object), use_na_sentinel=True)
    present = [isinstance(t, str) and bool(t.strip()) for t in distinct]
    scored = _scores_of([t for t, ok in zip(distinct, present) if ok], masked)
    per_text = np.array([scored[t] if ok else np.nan for t, ok in zip(distinct, present)] + [np.nan], dtype=float)
    return pd.Series(per_text[codes], index=texts.index, name="compound", dtype=float)  # code -1 -> NaN


def tone(compound_scores: pd.Series) -> pd.Series:
    """Label compound scores 'negative' (<= -0.05), 'neutral' or 'positive' (>= 0.05).

    Parameters
    ----------
    compound_scores : output of :func:`compound`; missing scores stay missing.
    """
    scores = pd.to_numeric(compound_scores, errors="coerce").astype(float)
    labels = np.select(
        [scores <= NEGATIVE_AT, scores >= POSITIVE_AT, scores.notna()],
        ["negative", "positive", "neutral"],
        default=None,
    )
    return pd.Series(labels, index=compound_scores.index, name="tone", dtype=object)
