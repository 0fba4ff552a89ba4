"""Data-protection duties: the DPO's report, erasure, anonymisation, exports, CODEOWNERS."""
