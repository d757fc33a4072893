"""Datasets, splits, the ratio sampler, the DataModule and the demo generator."""
