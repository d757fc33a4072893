"""Turn store rows into model inputs (video text, moment context, event embeddings)."""
