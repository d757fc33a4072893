"""Honest evaluation: forward folds on any store, neural models and cheap baselines in the same run."""
