"""The identity families dbt evaluates (int_identities.rule): one GX expectation each, one
Dagster asset check each. A module of its own, without GX, so that the checks can name them
without importing GX."""

IDENTITY_FAMILIES = {
    "column_sum": "Item rows add up to the total row in every value column.",
    "deviation": "Deviation = budget − outcome (net-cost) or outcome − budget (result), per block.",
    "gross_net": "Net = costs − revenues (or revenues − costs): from the 'varav' rows, or from an operating statement's columns of revenues, costs and net.",
    "investment_net": "Investment net = expenditure − income.",
    "cross_table": "A figure printed in two tables of one report agrees (across units, in SEK).",
    "cross_report": "A comparative printed in two reports agrees.",
    "learned_relation": "A relation learned from the rows of a table of no known kind holds on every row.",
}
