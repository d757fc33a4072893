"""Train: python train.py [experiment=demo] [model=hybrid] [sampler.interest_ratio=0.75] [-m data.fold=0,1,2].

Settings: conf/train.yaml (``python train.py --help``); ``verbose=true`` shows library log lines.
"""

from vrdndi.cli.entry import train_main

if __name__ == "__main__":
    train_main()
