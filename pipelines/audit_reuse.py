"""What an audit may keep from the warehouse's published one: the verdicts of unchanged identities.

GX's verdict on an identity reads only its content: the rule, the cells and their coefficients,
the reported and expected values, the difference, the tolerance and whether it can be evaluated.
An identity whose content is the same as one the published audit judged (same `content_key`)
gets the same verdict, so a run that loaded one report sends GX only the identities that are
new or changed.

A suspect is named from the failing identity's cells, every identity that holds one of them, and
the other cells of their rows and columns. It is named again when any of that may differ: a
failing identity with a cell in a table that a new, changed or vanished identity touches, or in a
document this run loaded (its cells may be printed on other lines). Every other failing identity
keeps the suspect named before. The caller decides whether the published audit may be read at
all (only when this code and these libraries made it). No GX, no Dagster.
"""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

# the columns GX's verdict and the naming of a suspect read; `row(...)::varchar` spells NULLs,
# `+ 0` turns -0.0 (a sum of the same numbers in another order) into 0.0
CONTENT_KEY_SQL = ("md5(row(rule, cell_keys, cell_coefs, reported + 0, expected + 0, difference + 0, tolerance + 0, "
                   "evaluable)::varchar)")


@dataclass
class Kept:
    """The published audit's verdicts and suspects, by content key, and where they may be stale."""
    passed: dict[str, bool | None]
    suspect: dict[str, str | None]
    changed_tables: set[str]  # 'document|table'
    loaded_documents: set[str]

    def is_known(self, identities: pd.DataFrame) -> pd.Series:
        """Which identities have the content of one the published audit judged."""
        return identities["content_key"].isin(self.passed.keys())

    def to_name_again(self, cell_keys) -> bool:
        """Whether a failing identity with these cells needs its suspect named again."""
        for key in cell_keys:  # 'document|table|row|col'
            if key.rsplit("|", 2)[0] in self.changed_tables or key.rsplit("|", 3)[0] in self.loaded_documents:
                return True
        return False


def tables_of(cell_key_lists) -> set[str]:
    """'document|table' of every cell key ('document|table|row|col') in the lists."""
    return {key.rsplit("|", 2)[0] for keys in cell_key_lists for key in keys}


def kept_verdicts(con: duckdb.DuckDBPyConnection, identities: pd.DataFrame) -> Kept | None:
    """The verdicts the published audit in `con` gives for identities with the same content as
    some of `identities` (which carry `content_key`); None when it has none to give."""
    has_keys = con.execute(
        "select count(*) from duckdb_columns() where schema_name = 'audit' "
        "and table_name = 'identity_findings' and column_name = 'content_key'").fetchone()[0]
    if not has_keys:
        return None
    earlier = con.execute("select content_key, passed, suspected_cell from audit.identity_findings").fetchall()
    if not earlier:
        return None
    passed = {key: verdict for key, verdict, _ in earlier}
    suspect = {key: named for key, _, named in earlier}
    con.register("current_identities", identities[["content_key"]])
    try:  # the cells of identities the published audit judged and this one has not
        gone = [keys for (keys,) in con.execute(
            "select cell_keys from audit.identity_findings "
            "where content_key not in (select content_key from current_identities)").fetchall()]
    finally:
        con.unregister("current_identities")
    new = identities.loc[~identities["content_key"].isin(passed.keys()), "cell_keys"]
    loaded = {str(document) for (document,) in con.execute(
        "select document_id from intermediate.int_run_documents where is_loaded_in_run").fetchall()}
    return Kept(passed, suspect, tables_of(gone) | tables_of(new), loaded)
