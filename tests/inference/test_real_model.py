"""predict with a checkpoint that train.py really wrote (tiny backbone): ckpt=best comes from the
registry, the feed carries the real model's probabilities, and a fresh process scores the same."""

from __future__ import annotations

import pytest

from tests.helpers import T0, compose_train, tiny_store
from vrdndi.config import compose
from vrdndi.inference import predict_feed
from vrdndi.inference.scorer import load_scorer
from vrdndi.store import Store
from vrdndi.timeutil import iso


@pytest.mark.slow
def test_predict_with_a_trained_tiny_model(tmp_path):
    from datetime import timedelta

    from vrdndi.train import run as train

    store_path = tiny_store(tmp_path / "tiny.sqlite")
    train(compose_train([f"data.store={store_path}", "backbone=tiny", "data.batch_size=8", "model=hybrid",
                         "debug=fast", "test_best=false"], tmp_path / "runs" / "train" / "run"))
    moment = iso(T0 + timedelta(hours=60))
    cfg = compose("predict", [f"paths.home={tmp_path}", f"paths.store={store_path}", "predict.progress=false",
                              f"predict.at={moment}", "predict.include_seen=true", "predict.device=cpu"])
    with Store(store_path) as store:
        feed_run = predict_feed(cfg, store)
        best = store.get("train.last_run")["best_ckpt"]
        assert (feed_run.mode, feed_run.checkpoint) == ("model", str(best))
        page = store.feed_page(feed_run.run_id, limit=1000)
        assert feed_run.n_items == len(page) > 0
        assert [item.rank for item, _ in page] == list(range(1, len(page) + 1))
        assert all(0 <= item.p_interest <= 1 and 0 <= item.p_productive <= 1 for item, _ in page)
        # the feed holds what the restored model says for these videos at this moment
        videos = [video for _, video in page]
        direct = load_scorer(best).score(store, videos, [moment] * len(videos), progress=False)
        for (item, _), (p_interest, p_productive) in zip(page, direct):
            assert item.p_interest == pytest.approx(float(p_interest), abs=1e-6)
            assert item.p_productive == pytest.approx(float(p_productive), abs=1e-6)
        again = predict_feed(cfg, store)
        assert [(i.video_id, i.rank, i.score) for i, _ in store.feed_page(again.run_id, limit=1000)] == \
            [(i.video_id, i.rank, i.score) for i, _ in page]
