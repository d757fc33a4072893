"""Score candidate videos for a moment and write the feed: ``python predict.py ckpt=best``.

``ckpt=best|last|<run name>|<path.ckpt>|cold-start``, ``predict.at=2024-05-01T09:00:00+02:00``,
``predict.candidates=in.csv predict.out=scores.csv`` for offline evaluation (the feed is untouched).
Writes only store rows (and the CSV when asked): no run folder, no log file.
"""

from vrdndi.cli.entry import predict_main

if __name__ == "__main__":
    predict_main()
