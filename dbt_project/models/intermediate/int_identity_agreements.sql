-- Agreement: the same quantity printed twice must agree (within both numbers' rounding).
-- cross_table: in one report, a key figure and a statement's or investment table's total, two
--   breakdowns of the same total, or a unit's row in its board's table and the unit's own
--   statement (same organisation or activity, line item, measure and period). Line items: net
--   cost, gross costs and revenues ('varav kostnader / intäkter'), net investment (an
--   investment table's net column). A closed account and an outcome of the same period are
--   one measure. A total that a later total of its table adds up (a column-sum part) is a
--   sub-total, not the organisation's figure. A key figure whose label names its scope in
--   parentheses ('Investeringar (KS/KLF), netto') covers part of the section only. A 'varav'
--   row naming another organisation of the report (one with a section of its own) is that
--   organisation's figure, and an investment frame is the budget of the investments.
-- cross_report: the outcome of a period (closed accounts, 'samma period föregående år')
--   printed in two reports of one publisher (municipality or region, as the reports name it)
--   for the same organisation or activity.
-- Printed k times, a figure gives k - 1 comparisons, not k(k - 1)/2: each printing is compared
--   with the one before it (within a report: the printing in the nearest earlier table; across
--   reports: the nearest earlier report, by document id, that prints it). One wrong printing
--   among agreeing ones fails its one or two comparisons, and the work grows with the number of
--   printings, not with its square (a report that reprints a figure 100 times).
-- Amounts are compared in SEK, so mnkr and tkr tables can be compared (rounding-aware: each
-- side's half unit of its last printed digit, in SEK); the finding gives them in the printed
-- unit of the reported cell (int_identities adds SEK beside).
with cells as (
    select
        c.*,
        tables.section_organisation,
        documents.publisher,
        -- a row naming the organisation of its own section (the board's own line in the
        -- board's table) is only a part of that organisation's figures
        c.table_kind = 'operating_statement' and c.row_role = 'item'
            and c.organisation = tables.section_organisation as is_own_line
    from {{ ref('int_cells_classified') }} as c
    inner join {{ ref('int_table_units') }} as tables
        on tables.document_id = c.document_id and tables.table_no = c.table_no
    inner join {{ ref('stg_raw__documents') }} as documents
        on documents.document_id = c.document_id
    where c.table_kind in ('operating_statement', 'key_figures', 'investments')
        and c.amount_sek is not null
        and (
            (c.row_role in ('item', 'total') and c.line_item in ('net_cost', 'net_investment'))
            or (c.row_role = 'of_which' and c.line_item in ('costs', 'revenues'))
            -- a 'varav' row naming another organisation of the report, one with a section
            -- of its own ('varav VSS' in the board's summary), is that organisation's figure
            or (
                c.row_role = 'of_which' and c.line_item in ('net_cost', 'net_investment')
                and c.organisation <> tables.section_organisation
                and c.organisation in (
                    select sections.section_organisation
                    from {{ ref('int_table_units') }} as sections
                    where sections.document_id = c.document_id
                )
            )
        )
        -- an investment table's expenditure and income columns are no net investment
        and coalesce(c.flow, 'net') = 'net'
        and coalesce(c.organisation, c.activity_code) is not null
),

subtotals as (
    -- totals that a later total adds up
    select distinct unnest(list_slice(cell_keys, 2, len(cell_keys))) as cell_key
    from {{ ref('int_identity_column_sums') }}
),

figures as (
    select cells.*
    from cells
    where not (cells.table_kind = 'key_figures' and regexp_matches(cells.row_label, '\(.+\)'))
        and not (
            cells.row_role = 'total'
            and cells.document_id || '|' || cells.table_no || '|' || cells.row_no || '|' || cells.col_no
                in (select cell_key from subtotals)
        )
),

row_conventions as (
    -- the sign convention of a row, as its deviation identity found it
    select document_id, table_no, row_no, min(convention) as convention
    from {{ ref('int_identity_deviations') }}
    where convention in ('net_cost', 'result') and convention_shown
    group by document_id, table_no, row_no
    having count(distinct convention) = 1
),

units as (
    select
        cells.*,
        row_conventions.convention,
        coalesce('org:' || organisation, 'activity:' || activity_code) as unit_key,
        case
            when measure in ('actual', 'closed_accounts') then 'outcome'
            -- an investment frame is the budget of the investments
            when measure = 'investment_frame' and line_item = 'net_investment' then 'budget'
            else measure
        end as measure_group,
        half_ulp * (amount_sek / nullif(value, 0)) as half_ulp_sek
    from figures as cells
    left join row_conventions
        on row_conventions.document_id = cells.document_id
        and row_conventions.table_no = cells.table_no
        and row_conventions.row_no = cells.row_no
    where not is_own_line
),

scaled as (
    -- SEK per unit of the table (also for zero values)
    select
        units.*,
        coalesce(units.half_ulp_sek, units.half_ulp * scales.sek_per_unit) as tolerance_sek,
        coalesce(units.amount_sek / nullif(units.value, 0), scales.sek_per_unit) as sek_per_unit
    from units
    left join (select distinct unit, sek_per_unit from {{ ref('unit_scales') }}) as scales
        on scales.unit = units.unit
),

ranked as (
    -- the order of a figure's printings: tables within a report, reports within a publisher
    select
        scaled.*,
        document_id || '|' || table_no || '|' || row_no || '|' || col_no as cell_key,
        dense_rank() over (
            partition by document_id, unit_key, line_item, period_key, measure_group order by table_no
        ) as table_rank,
        dense_rank() over (
            partition by publisher, unit_key, line_item, period_key, measure_group order by document_id
        ) as report_rank
    from scaled
),

neighbours as (
    -- each printing and the one before it, in the report
    select 'cross_table' as rule, earlier.cell_key as a_key, later.cell_key as b_key
    from ranked as earlier
    inner join ranked as later
        on later.document_id = earlier.document_id
        and later.unit_key = earlier.unit_key
        and later.line_item = earlier.line_item
        and later.period_key = earlier.period_key
        and later.measure_group = earlier.measure_group
        and later.table_rank = earlier.table_rank + 1
    union all
    -- and in the reports of its publisher: outcomes only, one publisher only ('Kommunstyrelsen'
    -- of two municipalities is not one organisation; nor of two reports that name none)
    select 'cross_report', earlier.cell_key, later.cell_key
    from ranked as earlier
    inner join ranked as later
        on later.publisher = earlier.publisher
        and later.unit_key = earlier.unit_key
        and later.line_item = earlier.line_item
        and later.period_key = earlier.period_key
        and later.measure_group = earlier.measure_group
        and later.report_rank = earlier.report_rank + 1
    where earlier.measure_group = 'outcome'
),

pairs as (
    select
        neighbours.rule,
        a.*,
        b.source_file as other_source_file,
        b.document_id as other_document_id,
        b.table_no as other_table_no,
        b.row_no as other_row_no,
        b.col_no as other_col_no,
        b.line_no as other_line_no,
        b.page_no as other_page_no,
        b.raw_text as other_text,
        b.unit as other_unit,
        -- a net cost printed in a net-cost table is the negative of the same result printed in a
        -- result table (deviations keep their sign: positive is good in both conventions)
        case
            when a.convention is not null and b.convention is not null and a.convention <> b.convention
                and a.measure <> 'deviation'
                then -b.amount_sek
            else b.amount_sek
        end as other_amount_sek,
        a.convention is not null and b.convention is not null and a.convention <> b.convention
            and a.measure <> 'deviation' as sign_convention_differs,
        b.tolerance_sek as other_tolerance_sek,
        b.sek_per_unit as other_sek_per_unit
    from neighbours
    inner join ranked as a on a.cell_key = neighbours.a_key
    inner join ranked as b on b.cell_key = neighbours.b_key
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
        -- in the printed unit of the reported cell, like every identity (SEK beside it in
        -- int_identities): the other amount is converted from SEK
        value as reported,
        round(other_amount_sek / sek_per_unit, 9) as expected,
        round((amount_sek - other_amount_sek) / sek_per_unit, 9) as difference,
        round((tolerance_sek + other_tolerance_sek) / sek_per_unit, 9) as tolerance,
        1 as n_parts,
        'printed ' || raw_text || ' ' || coalesce(unit, '') || '; ' || other_source_file
            || coalesce(' page ' || other_page_no, '') || ' line ' || other_line_no
            || ' prints ' || other_text || ' ' || coalesce(other_unit, '')
            || case when sign_convention_differs then ' in the opposite sign convention' else '' end
            as detail,
        [
            document_id || '|' || table_no || '|' || row_no || '|' || col_no,
            other_document_id || '|' || other_table_no || '|' || other_row_no || '|' || other_col_no
        ] as cell_keys,
        [1.0, case when sign_convention_differs then other_sek_per_unit else -other_sek_per_unit end / sek_per_unit] as cell_coefs,
        true as evaluable
    from pairs
)

select * from final
