"""Evaluation of summaries: ROUGE, factuality against the source, and extractiveness."""
