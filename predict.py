"""Score candidate videos for a moment and write the feed: ``python predict.py ckpt=best``.

``ckpt=best|last|<run name>|<path.ckpt>|cold-start``, ``predict.at=2024-05-01T09:00:00+02:00``,
``predict.candidates=in.csv predict.out=scores.csv`` for offline evaluation (the feed is untouched).
"""

import sys

import hydra
from omegaconf import DictConfig

from vrdndi.config import CONF_DIR, VERSION_BASE
from vrdndi.errors import VrdndiError

# predict writes only store rows (and the CSV when asked): no Hydra run folder, .hydra/ or log file
NO_HYDRA_OUTPUTS = ["hydra.run.dir=.", "hydra.output_subdir=null", "hydra/job_logging=stdout"]


@hydra.main(version_base=VERSION_BASE, config_path=CONF_DIR, config_name="predict")
def main(cfg: DictConfig) -> None:
    from vrdndi.config_checks import check

    try:
        check(cfg)  # a bad setting is one line before anything runs (before torch is even imported)
        from vrdndi.inference import run

        run(cfg)
    except VrdndiError as err:
        print(f"predict: error: {err}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    if "-m" not in sys.argv and "--multirun" not in sys.argv:
        sys.argv[1:1] = NO_HYDRA_OUTPUTS
    main()
