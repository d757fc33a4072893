"""The video's description reaches the model: a word found only in the description is among the
tokens of its batch row, inside the configured max_length."""

from __future__ import annotations

from tests.helpers import compose_train
from vrdndi.features.batch import BatchBuilder
from vrdndi.models.backbones import load_tokenizer
from vrdndi.store import Video

WORD = "zebrafish"  # two word pieces in the MiniLM vocabulary: zebra ##fish


def contains(ids: list[int], part: list[int]) -> bool:
    return any(ids[i:i + len(part)] == part for i in range(len(ids) - len(part) + 1))


def test_a_word_only_in_the_description_reaches_the_input_ids(tmp_path):
    cfg = compose_train(["backbone=tiny"], tmp_path / "run")
    tokenizer = load_tokenizer(cfg.backbone)
    builder = BatchBuilder(tokenizer, max_length=cfg.data.max_length)
    word_ids = tokenizer(WORD, add_special_tokens=False)["input_ids"]
    video = Video("vid0001", title="Rust async tutorial: building a small web server with tokio, part 3",
                  channel_title="Let's Get Rusty",
                  description=f"Today:   a {WORD} tank\ncontroller in Rust. " + "More words follow here. " * 200)
    plain = Video("vid0002", title=video.title, channel_title=video.channel_title, description="")
    batch = builder.collate([builder.item(video, None, interest=1), builder.item(plain, None, interest=0)])
    ids = batch["input_ids"].tolist()
    assert batch["input_ids"].shape[1] <= cfg.data.max_length  # a long description is truncated ...
    assert contains(ids[0], word_ids)  # ... after the word near its start
    assert not contains(ids[1], word_ids)  # the word is in no other part of the text
    assert len(word_ids) == 2 and all(i != tokenizer.unk_token_id for i in word_ids)


def test_each_row_carries_its_videos_category(tmp_path):
    from vrdndi.features.video import category_index

    cfg = compose_train(["backbone=tiny"], tmp_path / "run")
    builder = BatchBuilder(load_tokenizer(cfg.backbone), max_length=cfg.data.max_length)
    videos = [Video("v1", title="a", category_id="20"), Video("v2", title="b"),
              Video("v3", title="c", category_id="27")]
    batch = builder.collate([builder.item(v, None) for v in videos])
    assert batch["category"].tolist() == [category_index(v) for v in videos]
    assert batch["category"].tolist()[1] == 0 and len(set(batch["category"].tolist())) == 3
