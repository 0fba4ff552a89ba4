"""Bringing existing clients in: `clientbook import` reads CSV, XLSX, vCard and JSON Lines.

read (csvread, xlsxread, vcfread, jsonlread: a Table of rows, every cell with its line and
column) → map (mapping: which column goes to which field; fields: values as the schema
wants them) → build (a Candidate record per row, rows of one client merged) → match
(against the records already there) → plan (what to create and update, what differs).
Nothing here prints or writes: the command lints the plan's records and writes them
through the write layer.
"""
