"""Helpers that know nothing of records: atomic files, caches, worker pools, text formats."""
