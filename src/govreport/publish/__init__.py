"""The book: glue and tables for the prose, charts, policy vocabulary."""
