-- Indicator tables (nämnd- and förvaltningsindikatorer): outcomes and target values per
-- indicator, organisation, measure and period. Markers such as 'I.U.' keep a NULL value.
with statistics as (
    select * from {{ ref('int_statistics') }}
    where table_kind = 'indicators'
),

final as (
    select
        document_id as report_key,
        section_organisation as organisation_key,
        statistic_key as indicator_key,
        measure as measure_key,
        period_key,
        fiscal_year,
        through_month,
        value,
        raw_text,
        is_percent,
        source_file,
        table_no,
        row_no,
        col_no,
        line_no,
        row_label,
        column_header,
        placement
    from statistics
)

select * from final
