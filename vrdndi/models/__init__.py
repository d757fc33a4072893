"""Backbones, building blocks, the dual-head networks, the LightningModule and its callbacks."""
