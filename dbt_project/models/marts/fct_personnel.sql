-- Personnel tables: permanent employees, sick leave, staff turnover … per organisation,
-- measure (actual, target, budget, plan, forecast) and period.
-- Incremental: per document (see int_run_documents).
{{ config(materialized='incremental', pre_hook="{{ delete_documents_built_again('report_key') }}") }}
-- depends_on: {{ ref('int_run_documents') }}
with statistics as (
    select * from {{ ref('int_statistics') }}
    where table_kind = 'personnel'
        -- a fact has a period: a report that prints no year (an excerpt) gives none (its cells
        -- are still audited)
        and period_key is not null
        {% if is_incremental() %}
        and document_id in (select document_id from {{ ref('int_run_documents') }} where is_loaded_in_run)
        {% endif %}
),

final as (
    select
        document_id as report_key,
        section_organisation as organisation_key,
        statistic_key,
        gender,
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
        page_no,
        row_label,
        column_header,
        placement
    from statistics
)

select * from final
