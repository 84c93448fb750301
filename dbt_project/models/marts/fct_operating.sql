-- Operating statements and key figures: one row per printed value cell, keyed by report,
-- organisation or activity, line item, measure and period; with the sign convention of its
-- row, the amount in the net-cost convention, its audit status and whether it is the
-- preferred fact of its key (see int_money_facts).
with facts as (
    select * from {{ ref('int_money_facts') }}
    where table_kind in ('operating_statement', 'key_figures')
        -- a fact has a period: a report that prints no year (an excerpt) gives none (its cells
        -- are still audited)
        and period_key is not null
),

final as (
    select
        document_id as report_key,
        organisation as organisation_key,
        activity_code as activity_key,
        line_item,
        sub_item,
        measure as measure_key,
        period_key,
        fiscal_year,
        through_month,
        row_role,
        row_class,
        is_outside_total,
        value,
        unit,
        amount_sek,
        sign_convention,
        net_cost_sek,
        rounding_sek,
        is_preferred,
        is_preferred_across_reports,
        audit_status,
        raw_text,
        table_kind,
        source_file,
        table_no,
        row_no,
        col_no,
        line_no,
        page_no,
        row_label,
        column_header,
        placement,
        sign_convention_evidence
    from facts
)

select * from final
