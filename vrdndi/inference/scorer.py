"""Score (video, moment) pairs with a trained model: what predict, the web page, the scheduler and the
evaluation call. ``load_scorer(path).score(...)`` reproduces training's scores in a fresh process.

Inference needs only the small ``FeedScorer`` interface (tests use a stand-in with the same one); the
capabilities a caller may ask about (``reads_context``, ``has_video_tower``) come from the network, never
from its name.

A network with a video tower (two_tower) scores differently (same results, far less work): each video's
embedding depends on its text alone, so it is cached by (checkpoint identity, video text hash) in memory
and in a bounded float32 cache under ``paths.cache_dir()``; each distinct moment's context is encoded
once, and then one batched pass of the fusion heads scores every video.

A checkpoint that names further models (train.py ``ensemble``: ``checkpoints/member1/`` beside it) loads
as an ``EnsembleScorer``: the mean of the models' logits.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import torch

from vrdndi.features.batch import BatchBuilder, Item
from vrdndi.features.context import MomentContext, build_context
from vrdndi.features.encoder import load_tokenizer
from vrdndi.features.video import category_index, duration_z, text_format, video_text
from vrdndi.models.module import VrdndiModule
from vrdndi.models.restore import best_score, load_module, merge_adapters
from vrdndi.store import Store, Video
from vrdndi.store.cache import EmbeddingCache, content_key

VIDEO_CACHE_FILE = "video_embeddings.sqlite"
VIDEO_CACHE_MAX_ROWS = 50_000  # x 256 float32 = ~50 MB on disk at most
VIDEO_MEMORY_MAX = 50_000


@runtime_checkable
class FeedScorer(Protocol):
    """What inference needs of a scorer. ``score`` -> float32 [n, 2]: P(interest), P(right moment)."""

    checkpoint_path: str
    reads_context: bool    # its scores depend on the moment's app activity
    has_video_tower: bool  # it has cacheable per-video embeddings (``video_embeddings``)

    def score(self, store: Store, videos: Sequence[Video], moments: Sequence[str], *, batch_size: int = 32,
              progress: bool = True) -> np.ndarray: ...


class Scorer:
    """Scores videos at moments with a trained model. ``score`` -> float32 [n, 2]:
    column 0 = P(interest), column 1 = P(right moment)."""

    def __init__(self, module: VrdndiModule, checkpoint_path: str, *, device: str = "cpu",
                 ckpt: dict[str, Any] | None = None):
        self.module = module
        self.checkpoint_path = checkpoint_path
        net = module.net
        self.network = type(net).__name__
        self.reads_context = bool(net.reads_context)
        self.has_video_tower = bool(net.has_video_tower)
        self.device = torch.device(device)
        self.tokenizer = load_tokenizer(module.hparams.backbone)
        self.max_length = int(module.hparams.get("text_max_length") or 256)
        # the video text as the checkpoint was trained on it (one from before the format was recorded: legacy)
        self.text = text_format(module.hparams.get("video_text"))
        self.best_score = best_score(ckpt or {})
        self._identity: str | None = None
        self._video_memory: OrderedDict[str, np.ndarray] = OrderedDict()
        self._video_cache: EmbeddingCache | None = None
        self._last_videos: tuple[tuple, tuple[torch.Tensor, np.ndarray, torch.Tensor]] | None = None

    def video_text(self, video: Video) -> str:
        """The video's text in the format this checkpoint was trained on."""
        return video_text(video, **self.text)

    def builder(self, store: Store) -> BatchBuilder:
        context = None
        if self.reads_context:
            context = build_context(store, dict(self.module.hparams.context or {}))
        return BatchBuilder(self.tokenizer, max_length=self.max_length, context=context, text=self.text)

    @torch.inference_mode()
    def score(self, store: Store, videos: Sequence[Video], moments: Sequence[str], *, batch_size: int = 32,
              progress: bool = True) -> np.ndarray:
        if len(videos) != len(moments):
            raise ValueError("one moment per video")
        if self.has_video_tower:
            return self._score_with_video_tower(store, videos, moments, batch_size=batch_size, progress=progress)
        builder = self.builder(store)
        items = [builder.item(v, m or None) for v, m in zip(videos, moments)]
        out = np.zeros((len(items), 2), dtype=np.float32)
        iterator = range(0, len(items), batch_size)
        if progress:
            from tqdm.auto import tqdm

            iterator = tqdm(iterator, desc="scoring", unit="batch", leave=False)
        for start in iterator:
            batch = {k: v.to(self.device) for k, v in builder.collate(items[start:start + batch_size]).items()}
            interest, productive = self.module(batch)
            out[start:start + len(batch["input_ids"]), 0] = self.module.interest_probability(interest).cpu().numpy()
            out[start:start + len(batch["input_ids"]), 1] = self.module.productive_probability(productive).cpu().numpy()
        return out


    # -- two-tower: cached video embeddings, one context per moment, batched fusion heads -------------
    def identity(self) -> str:
        """What a cached video embedding depends on besides the text: the checkpoint's bytes, the text
        length limit, whether LoRA is merged (float rounding differs), the device type."""
        if self._identity is None:
            digest = hashlib.sha1()
            path = Path(self.checkpoint_path)
            if path.is_file():
                with path.open("rb") as fh:
                    for chunk in iter(lambda: fh.read(1 << 20), b""):
                        digest.update(chunk)
            else:  # a module that was never saved: identify it by its weights
                for name, tensor in sorted(self.module.state_dict().items()):
                    digest.update(name.encode())
                    digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
            merged = not hasattr(self.module.net.backbone, "merge_and_unload")
            self._identity = (f"{self.network}|{digest.hexdigest()}|len{self.max_length}|"
                              f"{'merged' if merged else 'adapters'}|{self.device.type}")
        return self._identity

    def _disk_cache(self) -> EmbeddingCache:
        if self._video_cache is None:
            from vrdndi import paths

            self._video_cache = EmbeddingCache(paths.cache_dir() / VIDEO_CACHE_FILE, max_rows=VIDEO_CACHE_MAX_ROWS,
                                               table="video_embeddings", dtype="float32")
        return self._video_cache

    @torch.inference_mode()
    def video_embeddings(self, videos: Sequence[Video], *, batch_size: int = 32, progress: bool = False,
                         use_cache: bool = True) -> np.ndarray:
        """Two-tower video embeddings ``[n, D]`` float32: from memory, else the disk cache, else encoded
        (and then cached). ``use_cache=False`` always encodes and touches no cache."""
        if not self.has_video_tower:
            raise ValueError(f"video embeddings need a network with a video tower (two_tower), not {self.network}")
        texts = [self.video_text(v) for v in videos]
        durations = [duration_z(v.duration_s) for v in videos]
        categories = [category_index(v) for v in videos]
        if not use_cache:
            return self._encode_videos(texts, durations, categories, batch_size, progress)
        # the embedding depends on the text, the duration and (for trees that read it) the category
        keys = [content_key(self.identity(), f"{t}\x1f{d:.6f}\x1f{c}") for t, d, c in zip(texts, durations, categories)]
        found: dict[str, np.ndarray] = {}
        for key in keys:
            vector = self._video_memory.get(key)
            if vector is not None:
                found[key] = vector
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        if missing:
            found.update(self._disk_cache().get_many(missing))
            text_of = dict(zip(keys, zip(texts, durations, categories)))
            todo = [k for k in missing if k not in found]
            if todo:
                vectors = self._encode_videos([text_of[k][0] for k in todo], [text_of[k][1] for k in todo],
                                              [text_of[k][2] for k in todo], batch_size, progress)
                fresh = dict(zip(todo, vectors))
                self._disk_cache().put_many(fresh)
                found.update(fresh)
        for key in dict.fromkeys(keys):  # bounded LRU in memory
            self._video_memory[key] = found[key]
            self._video_memory.move_to_end(key)
        while len(self._video_memory) > VIDEO_MEMORY_MAX:
            self._video_memory.popitem(last=False)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False) if keys else \
            np.zeros((0, self.module.net.video_width), np.float32)

    def _encode_videos(self, texts: list[str], durations: list[float], categories: list[int], batch_size: int,
                       progress: bool) -> np.ndarray:
        out = np.zeros((len(texts), self.module.net.video_width), dtype=np.float32)
        iterator = range(0, len(texts), batch_size)
        if progress:
            from tqdm.auto import tqdm

            iterator = tqdm(iterator, desc="video embeddings", unit="batch", leave=False)
        for start in iterator:
            enc = self.tokenizer(texts[start:start + batch_size], padding=True, truncation=True,
                                 max_length=self.max_length, return_tensors="pt").to(self.device)
            duration = torch.tensor([[d] for d in durations[start:start + batch_size]], dtype=torch.float32,
                                    device=self.device)
            category = torch.tensor(categories[start:start + batch_size], dtype=torch.long, device=self.device)
            video = self.module.net.video_embedding(enc["input_ids"], enc["attention_mask"], duration, category)
            out[start:start + len(video)] = video.float().cpu().numpy()
        return out

    @torch.inference_mode()
    def context_embeddings(self, builder: BatchBuilder, contexts: Sequence[MomentContext]) -> torch.Tensor:
        """Two-tower context embeddings ``[len(contexts), D]`` (one compressor pass)."""
        batch = {k: v.to(self.device) for k, v in builder.context_batch(list(contexts)).items()}
        return self.module.net.context_embedding(batch["ctx_emb"], batch["ctx_num"], batch["ctx_mask"],
                                                 batch.get("ctx_summary"), batch.get("ctx_window_emb"))

    @torch.inference_mode()
    def fuse(self, video: np.ndarray | torch.Tensor, context: torch.Tensor) -> np.ndarray:
        """The fusion heads over video [n, D] and context [n, D] (or [1, D], broadcast) -> probs [n, 2]."""
        video = torch.as_tensor(video, device=self.device)
        context = context.expand(len(video), -1) if len(context) == 1 else context
        interest, productive = self.module.net.heads(video, context.to(video.dtype))
        return np.stack([self.module.interest_probability(interest).cpu().numpy(),
                         self.module.productive_probability(productive).cpu().numpy()], axis=1).astype(np.float32)

    def _score_with_video_tower(self, store: Store, videos: Sequence[Video], moments: Sequence[str], *,
                         batch_size: int, progress: bool) -> np.ndarray:
        if not videos:
            return np.zeros((0, 2), dtype=np.float32)
        video, p_interest, video_part = self._video_side(videos, batch_size=batch_size, progress=progress)
        builder = self.builder(store)
        groups: dict[str, int] = {}
        group_of = np.array([groups.setdefault(m or "", len(groups)) for m in moments], dtype=np.int64)
        contexts = [builder.context.build(m or None) for m in groups]  # one context per distinct moment
        context = self.context_embeddings(builder, contexts)
        context = context[0:1] if len(groups) == 1 else context[torch.from_numpy(group_of).to(self.device)]
        productive = self.module.net.productive_from_static(video_part, video, context.to(video.dtype))
        out = np.empty((len(videos), 2), dtype=np.float32)
        out[:, 0] = p_interest
        out[:, 1] = self.module.productive_probability(productive).cpu().numpy()
        return out

    @torch.inference_mode()
    def _video_side(self, videos: Sequence[Video], *, batch_size: int,
                    progress: bool) -> tuple[torch.Tensor, np.ndarray, torch.Tensor]:
        """Everything that depends on the videos only (embeddings, P(interest), the productive head's video
        part), remembered for the last video list: re-ranking the same candidates again costs no more."""
        signature = tuple((v.video_id, self.video_text(v), v.duration_s, category_index(v)) for v in videos)
        if self._last_videos is not None and self._last_videos[0] == signature:
            return self._last_videos[1]
        video = torch.from_numpy(self.video_embeddings(videos, batch_size=batch_size, progress=progress)).to(self.device)
        interest, video_part = self.module.net.video_static(video)
        side = (video, self.module.interest_probability(interest).cpu().numpy(), video_part)
        self._last_videos = (signature, side)
        return side

    # -- what-if scoring (explanations) -----------------------------------------------------------------
    @torch.inference_mode()
    def productive_under(self, builder: BatchBuilder, videos: Sequence[Video],
                         contexts: Sequence[MomentContext], *, batch_size: int = 32) -> np.ndarray:
        """P(productive) of every video under every context: ``[len(contexts), len(videos)]``.
        Two-tower: one compressor pass and the heads; hybrid: one encoder pass per (context, video)."""
        if not self.reads_context:
            raise ValueError(f"{self.network} does not read the context")
        out = np.zeros((len(contexts), len(videos)), dtype=np.float32)
        if not videos or not contexts:
            return out
        if self.has_video_tower:
            video = self.video_embeddings(videos)
            context = self.context_embeddings(builder, contexts)
            for row in range(len(contexts)):
                out[row] = self.fuse(video, context[row:row + 1])[:, 1]
            return out
        items = [Item(self.video_text(v), duration_z(v.duration_s), ctx, category=category_index(v))
                 for ctx in contexts for v in videos]
        flat = np.zeros(len(items), dtype=np.float32)
        for start in range(0, len(items), batch_size):
            batch = {k: v.to(self.device) for k, v in builder.collate(items[start:start + batch_size]).items()}
            _, productive = self.module(batch)
            flat[start:start + len(productive)] = self.module.productive_probability(productive).cpu().numpy()
        return flat.reshape(len(contexts), len(videos))


class EnsembleScorer:
    """Several trainings on the same labels (train.py ``ensemble``) scored as one model: each column is the
    mean of the members' logits (each with its own decision threshold already subtracted, so P >= 0.5 is
    the members' mean decision). What only one model can answer (the explanations' what-if scores, the
    video directions of the diversity re-ranking, the checkpoint's identity) comes from the first member,
    the run's own checkpoint."""

    def __init__(self, members: Sequence[Scorer]):
        if len(members) < 2:
            raise ValueError("an ensemble needs two members or more")
        self.members = list(members)
        first = self.members[0]
        self.checkpoint_path = first.checkpoint_path
        self.reads_context = all(m.reads_context for m in self.members)
        self.has_video_tower = first.has_video_tower
        self.network = f"{first.network} x{len(self.members)}"

    def score(self, store: Store, videos: Sequence[Video], moments: Sequence[str], *, batch_size: int = 32,
              progress: bool = True) -> np.ndarray:
        logits = [_logit(m.score(store, videos, moments, batch_size=batch_size, progress=progress))
                  for m in self.members]
        return (1.0 / (1.0 + np.exp(-np.mean(logits, axis=0)))).astype(np.float32)

    def __getattr__(self, name: str) -> Any:  # everything else: the first member's
        if name == "members":
            raise AttributeError(name)
        return getattr(self.members[0], name)


def _logit(probabilities: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(probabilities, dtype=np.float64), 1e-7, 1 - 1e-7)
    return np.log(p / (1 - p))


def ensemble_members(checkpoint: str | Path, ckpt: dict[str, Any]) -> list[Path]:
    """The further members a checkpoint names (``vrdndi.ensemble``, written by train.py), as files. A
    checkpoint is data: a name must stay inside the checkpoint's folder (else ``VrdndiError``); a missing
    member is left out with a warning (the others still score)."""
    import logging

    from vrdndi.errors import VrdndiError

    names = (ckpt.get("vrdndi") or {}).get("ensemble") or []
    if not isinstance(names, (list, tuple)):
        raise VrdndiError(f"checkpoint {checkpoint}: its ensemble must be a list of member paths, not {names!r}")
    home = Path(checkpoint).resolve().parent
    found = []
    for name in names:
        path = (home / str(name)).resolve() if isinstance(name, str) and name else None
        if path is None or Path(name).is_absolute() or home not in path.parents:
            raise VrdndiError(f"checkpoint {checkpoint}: ensemble member {name!r} is not a file inside {home}; refused")
        if not path.is_file():
            logging.getLogger(__name__).warning("checkpoint %s: ensemble member %s is missing; scoring without it",
                                                checkpoint, path)
            continue
        found.append(path)
    return found


def load_scorer(path: str | Path, *, device: str = "cpu", merge_lora: bool = True,
                ensemble: bool = True) -> Scorer | EnsembleScorer:
    """The scorer of checkpoint ``path``; with ``ensemble`` (default) and members named in it, an
    ``EnsembleScorer`` over it and them."""
    module, ckpt = load_module(path, device=device)
    if merge_lora:
        merge_adapters(module)
    scorer = Scorer(module, str(path), device=device, ckpt=ckpt)
    members = ensemble_members(path, ckpt) if ensemble else []
    if not members:
        return scorer
    return EnsembleScorer([scorer, *(load_scorer(m, device=device, merge_lora=merge_lora, ensemble=False)
                                     for m in members)])
