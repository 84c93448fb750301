-- Operating statements and key figures: one row per printed value cell, keyed by report,
-- organisation or activity, line item, measure and period.
with cells as (
    select * from {{ ref('int_cells_classified') }}
    where table_kind in ('operating_statement', 'key_figures')
),

final as (
    select
        document_id as report_key,
        organisation as organisation_key,
        activity_code as activity_key,
        line_item,
        measure as measure_key,
        period_key,
        fiscal_year,
        through_month,
        row_role,
        value,
        unit,
        amount_sek,
        raw_text,
        table_kind,
        source_file,
        table_no,
        row_no,
        col_no,
        line_no,
        row_label,
        column_header,
        placement
    from cells
)

select * from final
