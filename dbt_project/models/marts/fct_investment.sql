-- Investment tables: one row per printed value cell, by report, organisation, investment
-- object, flow (expenditure, income, net), measure and period; with the amount in the
-- net-cost convention (income negative), its audit status and whether it is preferred.
with facts as (
    select * from {{ ref('int_money_facts') }}
    where table_kind = 'investments'
        -- a fact has a period: a report that prints no year (an excerpt) gives none (its cells
        -- are still audited)
        and period_key is not null
),

final as (
    select
        document_id as report_key,
        organisation as organisation_key,
        investment_object_key,
        regexp_replace(row_label, '^\s*varav\s+', '', 'i') as investment_object,
        line_item,
        sub_item,
        coalesce(flow, case when measure in ('investment_frame', 'deviation') then null else 'net' end) as flow,
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
        source_file,
        table_no,
        row_no,
        col_no,
        line_no,
        page_no,
        row_label,
        column_header,
        placement
    from facts
)

select * from final
