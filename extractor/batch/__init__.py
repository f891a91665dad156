"""Datasets at scale: `extractor batch` (many inputs → Parquet + DuckDB, resumable, local or Dask)
and `extractor query` (ad-hoc SQL on a dataset). Layout of a dataset: `extractor.batch.dataset`."""
