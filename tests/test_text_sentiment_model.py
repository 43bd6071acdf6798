"""The optional transformer model behind :func:`cxlib.text.sentiment.compound`, on a tiny BERT the
test builds and saves (nothing is downloaded): configured from client.yml or the environment, fed
masked text, scored as P(positive) - P(negative), and refused in one line when unusable."""
import shutil

import numpy as np
import pandas as pd
import pytest

from cxlib.data import load_client
from cxlib.text import sentiment

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "someone", "joy", "lost", "my", "parcel", "still",
         "waiting", "great", "service"]


def tiny_model(folder, *, labels=("negative", "neutral", "positive"), bias=(0.0, 0.0, 2.0)):
    """A one-layer BERT whose head ignores the text: every text gets softmax(bias)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.txt").write_text("\n".join(VOCAB) + "\n")
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=True)
    config = transformers.BertConfig(vocab_size=len(VOCAB), hidden_size=8, num_hidden_layers=1,
                                     num_attention_heads=1, intermediate_size=8, max_position_embeddings=32,
                                     id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)})
    torch.manual_seed(0)
    model = transformers.BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor(bias))
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(autouse=True)
def vader_again(monkeypatch):
    monkeypatch.delenv(sentiment.ENVIRONMENT, raising=False)
    yield
    sentiment.configure(None)
    sentiment._transformer.cache_clear()


def test_the_configured_model_scores_positive_minus_negative(tmp_path):
    sentiment.configure(tiny_model(tmp_path / "tiny"))
    scores = sentiment.compound(pd.Series(["Great service", "", None, "Lost my parcel"], index=[5, 6, 7, 8]))
    # softmax(0, 0, 2) = (0.1065, 0.1065, 0.7870): 0.7870 - 0.1065 = 0.6805 for every text
    assert scores.loc[[5, 8]].tolist() == pytest.approx([0.6805] * 2, abs=1e-4)
    assert scores.loc[[6, 7]].isna().all() and scores.index.tolist() == [5, 6, 7, 8]
    assert sentiment.tone(scores).loc[5] == "positive"
    assert '"tiny"' in sentiment.method()


def test_vader_is_used_when_no_model_is_named():
    # VADER: "Great service" 0.6249; the tiny model would give 0.6805
    assert sentiment.compound(pd.Series(["Great service"])).iloc[0] == pytest.approx(0.6249, abs=1e-4)
    assert "VADER" in sentiment.method()


def test_the_model_reads_masked_names_but_the_failure_phrases_as_written(tmp_path, monkeypatch):
    monkeypatch.setenv(sentiment.ENVIRONMENT, str(tiny_model(tmp_path / "tiny")))
    model = sentiment.active_model()
    seen = []
    real = model.scores
    monkeypatch.setattr(model, "scores", lambda texts: seen.extend(texts) or real(texts))
    sentiment.compound(pd.Series(["Joy lost my parcel, still waiting @JoyHelp"]), names=["Joy"])
    assert seen == ["someone lost my parcel, still waiting someone"]


def test_client_yml_names_the_model_folder_relative_to_the_client(fernway_dir, tmp_path):
    client = tmp_path / "fernway"
    shutil.copytree(fernway_dir, client)
    tiny_model(client / "models" / "tiny", bias=(2.0, 0.0, 0.0))
    with (client / "client.yml").open("a") as f:
        f.write("sentiment_model: models/tiny\n")
    data = load_client(client)
    assert data.ok
    texts = data["social"]["text"].head(3)
    # softmax(2, 0, 0): 0.1065 - 0.7870 = -0.6805 for every post
    assert np.allclose(sentiment.compound(texts), -0.6805, atol=1e-4)


def test_a_missing_folder_or_a_model_without_sentiment_labels_is_one_line(fernway_dir, tmp_path):
    client = tmp_path / "fernway"
    shutil.copytree(fernway_dir, client)
    with (client / "client.yml").open("a") as f:
        f.write("sentiment_model: models/absent\n")
    problems = [str(p) for p in load_client(client).problems if p.severity == "error"]
    assert problems == ["client.yml: key sentiment_model: 'models/absent' is not a folder (give the model's "
                        "folder, absolute or relative to the client folder)"]
    empty = client / "models" / "empty"
    empty.mkdir(parents=True)
    (client / "client.yml").write_text((client / "client.yml").read_text().replace("models/absent", "models/empty"))
    problems = [str(p) for p in load_client(client).problems if p.severity == "error"]
    assert len(problems) == 1 and problems[0].startswith("client.yml: key sentiment_model: sentiment model ")
    assert "cannot be loaded" in problems[0] and "\n" not in problems[0]
    odd = tiny_model(tmp_path / "odd", labels=("LABEL_0", "LABEL_1", "LABEL_2"))
    with pytest.raises(sentiment.SentimentModelError, match=r"needs a 'positive' and a 'negative' label"):
        sentiment.TransformerModel(odd)
    with pytest.raises(sentiment.SentimentModelError, match="no such folder"):
        sentiment.TransformerModel(tmp_path / "nowhere")
