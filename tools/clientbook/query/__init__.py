"""`clientbook query` and the SQLite export: the records as relational tables, asked in SQL."""
