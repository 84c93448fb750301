-- Indicator tables (nämnd- and förvaltningsindikatorer): outcomes and target values per
-- indicator, organisation, measure and period. Markers such as 'I.U.' keep a NULL value; so
-- does a year printed in the row's text. 'Män' / 'Kvinnor' rows are the gender split of their
-- indicator, other sub-rows a breakdown of it.
-- Incremental: per document (see int_run_documents).
{{ config(materialized='incremental', pre_hook="{{ delete_documents_built_again('report_key') }}") }}
-- depends_on: {{ ref('int_run_documents') }}
with statistics as (
    select * from {{ ref('int_statistics') }}
    where table_kind = 'indicators'
        -- a fact has a period: a report that prints no year (an excerpt) gives none (its cells
        -- are still audited)
        and period_key is not null
        {% if is_incremental() %}
        and document_id in (select document_id from {{ ref('int_run_documents') }} where is_loaded_in_run)
        {% endif %}
),

directions as (
    select * from {{ ref('int_indicator_directions') }}
),

final as (
    select
        statistics.document_id as report_key,
        statistics.section_organisation as organisation_key,
        statistics.statistic_key as indicator_key,
        statistics.gender,
        statistics.breakdown,
        statistics.measure as measure_key,
        statistics.period_key,
        statistics.fiscal_year,
        statistics.through_month,
        statistics.value,
        statistics.raw_text,
        statistics.value_is_year_text,
        statistics.is_percent,
        directions.desired_direction,
        statistics.source_file,
        statistics.table_no,
        statistics.row_no,
        statistics.col_no,
        statistics.line_no,
        statistics.page_no,
        statistics.row_label,
        statistics.column_header,
        statistics.placement
    from statistics
    left join directions
        on directions.document_id = statistics.document_id
        and directions.table_no = statistics.table_no
        and directions.statistic_key = statistics.statistic_key
)

select * from final
