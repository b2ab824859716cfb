"""SQL over a corpus folder's Parquet tables with DuckDB: each table is a view named after it.

>>> from govreport.corpus.query import query
>>> query("build/corpus", "select region, value from headlines where key = 'gdp' and kind = 'target'")
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from govreport.corpus.run import SCHEMAS, TABLES


def connect(out: str | Path):
    """A DuckDB connection (in memory) with a view per table over ``out/parquet/<table>/**/*.parquet``."""
    import duckdb

    root = Path(out) / "parquet"
    if not root.is_dir():
        raise ValueError(f"{out}: no parquet/ folder; run `govreport corpus ... -o {out}` first")
    con = duckdb.connect()
    for name in TABLES:
        pattern = (root / name).as_posix().replace("'", "''") + "/**/*.parquet"
        # level and the year column live in the folder names (Hive partitions); the view restores the schema's order
        columns = ", ".join(f'"{c}"' for c in SCHEMAS[name].names)
        con.execute(f"create view {name} as select {columns} from read_parquet('{pattern}', hive_partitioning = true)")
    return con


def query(out: str | Path, sql: str) -> pd.DataFrame:
    con = connect(out)
    try:
        return con.execute(sql).df()
    finally:
        con.close()
