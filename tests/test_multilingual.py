"""Multilingual videos and window titles end to end, offline: a tiny random XLM-RoBERTa-style model and a
Unigram tokenizer trained here on CJK and mixed-script text stand in for BGE-M3 and multilingual-E5.
Training follows the event encoder's width (32-d here, not the configured 384) and predict restores it."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
import torch

from tests.helpers import T0, compose_train
from vrdndi.errors import NotAvailableError, VrdndiError
from vrdndi.store import AppEvent, Label, Store, Video
from vrdndi.timeutil import iso

CODING_VIDEOS = ["Rust 非同期プログラミング入門", "Python 机器学习 教程", "러스트 소유권 설명", "编程 入门 Rust async"]
LEISURE_VIDEOS = ["猫の面白い動画まとめ", "搞笑 猫咪 合集", "고양이 웃긴 영상", "ラーメン 作り方 簡単"]
WORK_WINDOW = ("code", "main.rs — 東京プロジェクト", "Work > Programming")
PLAY_WINDOW = ("steam", "原神 Genshin 游戏中", "Media > Games")
CORPUS = CODING_VIDEOS + LEISURE_VIDEOS + [
    "Work > Programming | code | main.rs — 東京プロジェクト", "Media > Games | steam | 原神 Genshin 游戏中",
    "今日の天気 東京 大阪", "学习 中文 编程 视频", "한국어 뉴스 요약", "Привет мир video channel", "now",
    "a video 频道 チャンネル 채널 Channel 0 1 2 #"]


def make_tiny_xlmr(folder) -> str:
    """A Unigram tokenizer (trained here) + a random 2-layer, 32-d XLMRobertaModel, saved like a hub model."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import XLMRobertaConfig, XLMRobertaModel, XLMRobertaTokenizerFast

    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]  # XLM-R's ids 0..4
    tok = Tokenizer(models.Unigram())
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    tok.train_from_iterator(CORPUS * 20, trainers.UnigramTrainer(vocab_size=600, special_tokens=specials,
                                                                 unk_token="<unk>"))
    tok.post_processor = processors.TemplateProcessing(single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
                                                       special_tokens=[("<s>", 0), ("</s>", 2)])
    fast = XLMRobertaTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
                                   pad_token="<pad>", mask_token="<mask>", cls_token="<s>", sep_token="</s>")
    fast.save_pretrained(folder)
    torch.manual_seed(0)
    config = XLMRobertaConfig(vocab_size=len(fast), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                              intermediate_size=64, max_position_embeddings=160, pad_token_id=1, bos_token_id=0,
                              eos_token_id=2)
    XLMRobertaModel(config, add_pooling_layer=False).save_pretrained(folder)
    return str(folder)


@pytest.fixture(scope="module")
def xlmr_dir(tmp_path_factory):
    return make_tiny_xlmr(tmp_path_factory.mktemp("tiny-xlmr"))


def cjk_store(path, *, hours: int = 24 * 6, seed: int = 0):
    """Like tests.helpers.tiny_store, in Japanese, Chinese and Korean: coding videos are the right moment
    after coding, leisure ones after gaming."""
    rng = random.Random(seed)
    titles = CODING_VIDEOS + LEISURE_VIDEOS
    with Store(path) as store:
        videos = [Video(f"vid{i:04d}", title=f"{titles[i % len(titles)]} #{i}", channel_id=f"ch{i % 3}",
                        channel_title=f"频道 チャンネル {i % 3}", description="a video", duration_s=600.0 + i,
                        published_at=iso(T0 + timedelta(hours=i))) for i in range(32)]
        store.upsert_videos(videos)
        events, labels = [], []
        for h in range(hours):
            start = T0 + timedelta(hours=h)
            work = (h // 3) % 2 == 0
            app, title, category = WORK_WINDOW if work else PLAY_WINDOW
            events.append(AppEvent("laptop", iso(start), iso(start + timedelta(minutes=50)), 3000.0, app=app,
                                   title=title, category=category))
            if h % 2 == 0:
                video = rng.choice(videos)
                coding = any(video.title.startswith(t) for t in CODING_VIDEOS)
                moment = start + timedelta(minutes=55)
                labels.append(Label(video.video_id, "productive", int(coding == work), "test", moment=iso(moment),
                                    labelled_at=iso(moment + timedelta(minutes=1))))
                labels.append(Label(video.video_id, "interest", int(coding), "test", labelled_at=iso(moment)))
        store.upsert_events(events)
        store.add_labels(labels)
    return path


def multilingual_overrides(store, xlmr_dir):
    # backbone=bge_m3 with a local folder: the same code path as the real BGE-M3 (kind hf, frozen weights
    # reloaded from the folder, gradient checkpointing on), with a 32-d stand-in
    return [f"data.store={store}", "backbone=bge_m3", f"backbone.path={xlmr_dir}", "backbone.max_length=48",
            "model=hybrid", f"context.event_encoder={xlmr_dir}", "data.batch_size=8", "trainer.max_epochs=1",
            "trainer.limit_train_batches=4", "test_best=false"]


def test_cjk_titles_tokenize_to_real_tokens(xlmr_dir):
    from vrdndi.features.encoder import SentenceEncoder
    from vrdndi.features.video import video_text
    from vrdndi.models.backbones import load_tokenizer

    tokenizer = load_tokenizer({"kind": "hf", "name": "BAAI/bge-m3", "path": xlmr_dir})
    texts = [video_text(Video("v", title=t, channel_title="频道 チャンネル 0", description="a video"))
             for t in CODING_VIDEOS + LEISURE_VIDEOS] + [" | ".join(w[::-1]) for w in (WORK_WINDOW, PLAY_WINDOW)]
    specials = set(tokenizer.all_special_ids)
    for text, ids in zip(texts, tokenizer(texts)["input_ids"]):
        content = [i for i in ids if i not in specials or i == tokenizer.unk_token_id]
        assert content and any(i != tokenizer.unk_token_id for i in content), text
        assert sum(i == tokenizer.unk_token_id for i in content) <= len(content) // 4, (text, ids)
    encoder = SentenceEncoder.load(xlmr_dir)
    vectors = encoder.encode(texts[-2:])
    assert encoder.dim == 32 and vectors.shape == (2, 32)
    assert not torch.allclose(torch.from_numpy(vectors[0]), torch.from_numpy(vectors[1]))


def test_cjk_store_trains_and_predicts_with_the_event_encoders_width(xlmr_dir, tmp_path):
    from vrdndi.inference.scorer import load_scorer
    from vrdndi.train import run

    store = cjk_store(tmp_path / "cjk.sqlite")
    cfg = compose_train(multilingual_overrides(store, xlmr_dir), tmp_path / "run")
    assert cfg.model.net.num_out_feature == 384  # the config's default ...
    result = run(cfg)
    ckpt = torch.load(result["best_ckpt"], weights_only=False)
    hparams = ckpt["hyper_parameters"]
    assert hparams["net"]["num_out_feature"] == 32 and hparams["context"]["event_dim"] == 32  # ... follows the encoder
    assert hparams["backbone"]["path"] == xlmr_dir and ckpt["vrdndi"]["frozen_backbone_keys_omitted"] > 10

    scorer = load_scorer(result["best_ckpt"])
    with Store(store) as st:
        videos = st.videos()[:4]
        at_work, at_play = "2026-10-03T01:00:00+00:00", "2026-10-03T04:00:00+00:00"  # hours 48 (work), 51 (play)
        scores = scorer.score(st, videos + videos, [at_work] * 4 + [at_play] * 4, progress=False)
    assert scores.shape == (8, 2) and ((scores >= 0) & (scores <= 1)).all()
    assert not torch.allclose(torch.from_numpy(scores[:4, 1]), torch.from_numpy(scores[4:, 1]))  # context matters

    # predict with an event encoder of another width: one clear line, not a shape error in the compressor
    hparams["context"]["event_encoder"] = "minilm"
    torch.save(ckpt, tmp_path / "other-encoder.ckpt")
    with Store(store) as st, pytest.raises(VrdndiError, match="384-d embeddings but the model reads 32-d"):
        load_scorer(tmp_path / "other-encoder.ckpt").score(st, videos[:1], [at_work], progress=False)


def test_missing_multilingual_encoder_is_one_line(tmp_path, monkeypatch):
    from vrdndi.config import compose
    from vrdndi.features.encoder import SentenceEncoder

    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_CACHE", str(tmp_path / "empty-hf-cache"))
    cfg = compose("train", ["context_encoder=e5_small"])
    assert (cfg.context.event_encoder, cfg.context.event_encoder_prefix) == ("intfloat/multilingual-e5-small",
                                                                              "passage: ")
    with pytest.raises(NotAvailableError) as err:
        SentenceEncoder.load(cfg.context.event_encoder, prefix=cfg.context.event_encoder_prefix)
    message = str(err.value)
    assert "\n" not in message and "huggingface-cli download intfloat/multilingual-e5-small" in message
