"""The feed website: ``python serve.py [web.port=8080] [web.host=127.0.0.1]`` (see conf/serve.yaml)."""

import sys

import hydra
from omegaconf import DictConfig

import vrdndi.config
from vrdndi.errors import VrdndiError


@hydra.main(version_base="1.3", config_path=vrdndi.config.CONF_DIR, config_name="serve")
def main(cfg: DictConfig) -> None:
    from vrdndi.apps import web

    try:
        web.run(cfg)
    except VrdndiError as err:
        print(f"serve: error: {err}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
