"""Train: python train.py [experiment=demo] [model=hybrid] [sampler.interest_ratio=0.75] [-m data.fold=0,1,2]."""

import hydra

from vrdndi.config import CONF_DIR, VERSION_BASE
from vrdndi.entry import guarded


@hydra.main(version_base=VERSION_BASE, config_path=CONF_DIR, config_name="train")
def main(cfg) -> float | None:
    from vrdndi.config_checks import check

    guarded(check, cfg)  # a bad setting is one line before anything runs (before torch is even imported)
    from vrdndi.train import run

    result = guarded(run, cfg)
    return result.get("best_score") if isinstance(result, dict) else None


if __name__ == "__main__":
    main()
