"""Writing records: forms, new records, the formatter and new repositories."""
