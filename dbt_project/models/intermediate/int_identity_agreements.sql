-- Agreement: the same quantity printed twice must agree (within both numbers' rounding).
-- cross_table: in one report, a key figure and an operating statement's total, two
--   breakdowns of the same total, or a unit's row in its board's table and the unit's own
--   statement (same organisation or activity, line item, measure and period).
-- cross_report: the outcome of a period (closed accounts, 'samma period föregående år')
--   printed in two reports for the same organisation or activity.
-- Amounts are compared in SEK, so mnkr and tkr tables can be compared.
with cells as (
    select
        c.*,
        tables.section_organisation,
        -- a row naming the organisation of its own section (the board's own line in the
        -- board's table) is only a part of that organisation's figures
        c.row_role = 'item' and c.organisation = tables.section_organisation as is_own_line
    from {{ ref('int_cells_classified') }} as c
    inner join {{ ref('int_table_units') }} as tables
        on tables.document_id = c.document_id and tables.table_no = c.table_no
    where c.table_kind in ('operating_statement', 'key_figures')
        and c.amount_sek is not null
        and c.row_role in ('item', 'total')
        and c.line_item = 'net_cost'
        and coalesce(c.organisation, c.activity_code) is not null
),

units as (
    select
        *,
        coalesce('org:' || organisation, 'activity:' || activity_code) as unit_key,
        case when measure in ('actual', 'closed_accounts') then 'outcome' else measure end as measure_group,
        half_ulp * (amount_sek / nullif(value, 0)) as half_ulp_sek
    from cells
    where not is_own_line
),

scaled as (
    -- SEK per unit of the table (also for zero values)
    select
        units.*,
        coalesce(units.half_ulp_sek, units.half_ulp * scales.sek_per_unit) as tolerance_sek
    from units
    left join (select distinct unit, sek_per_unit from {{ ref('unit_scales') }}) as scales
        on scales.unit = units.unit
),

pairs as (
    select
        case when a.document_id = b.document_id then 'cross_table' else 'cross_report' end as rule,
        a.*,
        b.source_file as other_source_file,
        b.document_id as other_document_id,
        b.table_no as other_table_no,
        b.row_no as other_row_no,
        b.col_no as other_col_no,
        b.line_no as other_line_no,
        b.raw_text as other_text,
        b.unit as other_unit,
        b.amount_sek as other_amount_sek,
        b.tolerance_sek as other_tolerance_sek
    from scaled as a
    inner join scaled as b
        on a.unit_key = b.unit_key
        and a.period_key = b.period_key
        and (
            (a.document_id = b.document_id and a.measure = b.measure and a.table_no < b.table_no)
            or (
                a.document_id < b.document_id
                and a.measure_group = 'outcome' and b.measure_group = 'outcome'
            )
        )
),

final as (
    select
        source_file,
        document_id,
        table_no,
        table_kind,
        rule,
        row_no,
        col_no,
        line_no,
        row_label,
        column_header,
        raw_text as reported_text,
        amount_sek as reported,
        other_amount_sek as expected,
        round(amount_sek - other_amount_sek, 6) as difference,
        round(tolerance_sek + other_tolerance_sek, 6) as tolerance,
        1 as n_parts,
        'printed ' || raw_text || ' ' || coalesce(unit, '') || '; ' || other_source_file || ' line ' || other_line_no
            || ' prints ' || other_text || ' ' || coalesce(other_unit, '') || ' (amounts in SEK)' as detail,
        [
            document_id || '|' || table_no || '|' || row_no || '|' || col_no,
            other_document_id || '|' || other_table_no || '|' || other_row_no || '|' || other_col_no
        ] as cell_keys,
        true as evaluable
    from pairs
)

select * from final
