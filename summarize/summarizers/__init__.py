"""Summarization methods: the shared interface in :mod:`.base`, one module per method."""
