-- Investment tables: one row per printed value cell, by report, organisation, investment
-- object, flow (expenditure, income, net), measure and period.
with cells as (
    select * from {{ ref('int_cells_classified') }}
    where table_kind = 'investments'
),

tables as (
    select * from {{ ref('int_table_units') }}
),

final as (
    select
        cells.document_id as report_key,
        coalesce(
            case when cells.row_role = 'of_which' and cells.parent_heading is not null then cells.organisation end,
            tables.section_organisation
        ) as organisation_key,
        regexp_replace(cells.row_label, '^\s*varav\s+', '', 'i') as investment_object,
        cells.line_item,
        coalesce(cells.flow, case when cells.measure in ('investment_frame', 'deviation') then null else 'net' end) as flow,
        cells.measure as measure_key,
        cells.period_key,
        cells.fiscal_year,
        cells.through_month,
        cells.row_role,
        cells.value,
        cells.unit,
        cells.amount_sek,
        cells.raw_text,
        cells.source_file,
        cells.table_no,
        cells.row_no,
        cells.col_no,
        cells.line_no,
        cells.row_label,
        cells.column_header,
        cells.placement
    from cells
    inner join tables on tables.document_id = cells.document_id and tables.table_no = cells.table_no
)

select * from final
